import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { recordFunnels, type RecordFunnel } from '../../shared/record-funnels.ts';
import { componentEnabled, pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';

/**
 * The funnels of `object`'s page this caller can see: funnels are reports (none without that
 * component), they count stages, so the funnel's object must have a stage the caller may read,
 * and a related object's funnel also needs its lookup to be readable.
 */
export function visibleFunnels(object: ObjectInfo, document: MetadataDocument, objects: Map<string, ObjectInfo>): RecordFunnel[] {
  if (!componentEnabled(document, 'reports')) return [];
  return recordFunnels(document, object.key).filter((funnel) => {
    const target = objects.get(funnel.object);
    const stageReadable = !!target?.stageField && !!target.fieldMap.get(target.stageField)?.readable;
    return stageReadable && (funnel.kind === 'own' || !!target.fieldMap.get(funnel.field)?.readable);
  });
}

/**
 * Whether a layout's `{ chart }` component has something to draw on this record's page (a stage
 * history needs a stage, a funnel a pipeline). Decided before the charts' code loads.
 */
export function chartShown(chart: 'funnel' | 'history', object: ObjectInfo, document: MetadataDocument, objects: Map<string, ObjectInfo>): boolean {
  if (chart === 'history') return !!object.stageField && !!pipelineOf(object, document);
  return visibleFunnels(object, document, objects).length > 0;
}

import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { recordFunnels, type RecordFunnel } from '../../shared/record-funnels.ts';
import { componentEnabled, pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';

/**
 * The funnels of `object`'s page this caller can see: funnels are reports (none without that
 * component), and a related object's funnel needs that object and its lookup to be readable.
 */
export function visibleFunnels(object: ObjectInfo, document: MetadataDocument, objects: Map<string, ObjectInfo>): RecordFunnel[] {
  if (!componentEnabled(document, 'reports')) return [];
  return recordFunnels(document, object.key).filter((funnel) => {
    const target = objects.get(funnel.object);
    return funnel.kind === 'own' ? !!target : !!target?.fieldMap.get(funnel.field)?.readable;
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

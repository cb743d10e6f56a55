import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';

/**
 * A funnel a record's page can draw for a layout's `{ chart: funnel }`:
 * - `own`: the record's object has a stage: its pipeline's funnel, the record's stage marked;
 * - `related`: records of another object that point at this one through `field` and have a
 *   stage (a hotel's leads): their pipeline's funnel narrowed to this record's.
 */
export type RecordFunnel =
  | { kind: 'own'; pipeline: string; object: string; stageField: string }
  | { kind: 'related'; pipeline: string; object: string; stageField: string; field: string };

/**
 * The funnels of `object`'s record page: its own pipeline's when it has a stage, else one per
 * lookup from an object with a pipeline to it, in document order. Empty when neither exists.
 *
 * @example
 * recordFunnels(hotelDemo, 'hotel') // [{ kind: 'related', pipeline: 'leadFunnel', object: 'lead', stageField: 'stage', field: 'hotel' }]
 * recordFunnels(hotelDemo, 'lead')  // [{ kind: 'own', pipeline: 'leadFunnel', object: 'lead', stageField: 'stage' }]
 */
export function recordFunnels(document: MetadataDocument, object: string): RecordFunnel[] {
  const pipelines = Object.entries(document.pipelines ?? {});
  const own = pipelines.find(([, p]) => p.object === object && document.objects[object]?.fields[p.field]?.type === 'stage');
  if (own) return [{ kind: 'own', pipeline: own[0], object, stageField: own[1].field }];
  return pipelines.flatMap(([key, p]) => Object.entries(document.objects[p.object]?.fields ?? {})
    .filter(([, f]) => f.type === 'lookup' && f.object === object)
    .map(([field]): RecordFunnel => ({ kind: 'related', pipeline: key, object: p.object, stageField: p.field, field })));
}

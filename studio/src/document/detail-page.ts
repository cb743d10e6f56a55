import type { DetailComponent, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';

/** Components that the app moves to a column on the right on wide screens. */
const sideComponents = new Set(['timeline', 'workOrders']);

export interface DetailPage {
  /** Whether the layout names its components (otherwise the app's standard page shows). */
  declared: boolean;
  main: DetailComponent[];
  side: DetailComponent[];
}

/**
 * A record's page as the app assembles it: the layout's components, or (when it names none) a
 * stage bar, pool actions, the form and the timeline. Work orders show only while that component
 * is switched on.
 */
export function detailPage(document: MetadataDocument, object: string): DetailPage {
  const declared = document.layouts?.[object]?.detail?.components;
  const fields = Object.values(document.objects[object]?.fields ?? {});
  const pooled = Object.values(document.pools ?? {}).some((p) => p.object === object);
  const standard: DetailComponent[] = [
    ...(fields.some((f) => f.type === 'stage') ? ['stageBar'] : []), ...(pooled ? ['poolActions'] : []), 'form', 'timeline',
  ];
  const enabled = document.components?.enabled;
  const shown = (declared ?? standard).filter((c) => c !== 'workOrders' || !enabled || enabled.includes('workOrders'));
  const isSide = (c: DetailComponent) => typeof c === 'string' && sideComponents.has(c);
  return { declared: declared !== undefined, main: shown.filter((c) => !isSide(c)), side: shown.filter(isSide) };
}

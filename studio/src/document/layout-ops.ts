import type { DetailComponent, LayoutDefinition, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { mutate, type Edit } from './draft-state.ts';

/** Fields a form may show: not generated (autonumber) and not moved by transitions (stage). */
export function formFieldKeys(document: MetadataDocument, object: string): string[] {
  return Object.entries(document.objects[object]?.fields ?? {}).filter(([, f]) => f.type !== 'autonumber' && f.type !== 'stage').map(([k]) => k);
}

/** Objects with a lookup to `object`: what a related list on its detail page can show. */
export function relatedObjects(document: MetadataDocument, object: string): Array<{ object: string; field: string }> {
  return Object.entries(document.objects).flatMap(([key, o]) =>
    Object.entries(o.fields).filter(([, f]) => f.type === 'lookup' && f.object === object).map(([field]) => ({ object: key, field })));
}

/**
 * A sensible first layout: the title, the stage and the next few fields as list columns, one two-column
 * form section with every editable field, and a detail page with what the object supports.
 */
export function defaultLayout(document: MetadataDocument, object: string): LayoutDefinition {
  const definition = document.objects[object];
  const fields = Object.keys(definition?.fields ?? {});
  const title = definition?.titleField;
  // The stage is what a list of leads is read for: it comes right after the title, wherever the field is.
  const stages = fields.filter((f) => definition?.fields[f]?.type === 'stage' && f !== title);
  const columns = [...(title ? [title] : []), ...stages, ...fields.filter((f) => f !== title && !stages.includes(f))].slice(0, 5);
  const pooled = Object.values(document.pools ?? {}).some((p) => p.object === object);
  if (pooled) columns.push('owner');
  const hasStage = Object.values(definition?.fields ?? {}).some((f) => f.type === 'stage');
  const components: DetailComponent[] = [
    ...(hasStage ? ['stageBar'] : []),
    ...(pooled ? ['poolActions'] : []),
    'form',
    ...relatedObjects(document, object).map((r) => ({ related: r.object, field: r.field })),
    'timeline',
  ];
  return {
    list: { columns, orderBy: '-updatedAt' },
    form: { sections: [{ title: { en: 'Basics', zh: '基本信息' }, columns: 2, fields: formFieldKeys(document, object) }] },
    detail: { components },
  };
}

export function addLayout(object: string): Edit {
  return mutate((d) => {
    d.layouts ??= {};
    d.layouts[object] = defaultLayout(d, object);
  });
}

/** Field keys in sections, by container id: `available` plus `section-<i>`. */
export type SectionContainers = Record<string, string[]>;

export function sectionContainers(fields: string[], sections: Array<{ fields: string[] }>): SectionContainers {
  const placed = new Set(sections.flatMap((s) => s.fields));
  const containers: SectionContainers = { available: fields.filter((f) => !placed.has(f)) };
  sections.forEach((s, i) => { containers[`section-${i}`] = [...s.fields]; });
  return containers;
}

/** Moves `item` into `container` at `index` (its old place removed): one drag-and-drop step. */
export function moveBetween(containers: SectionContainers, item: string, container: string, index: number): SectionContainers {
  const next: SectionContainers = {};
  for (const [key, items] of Object.entries(containers)) next[key] = items.filter((i) => i !== item);
  const target = next[container];
  if (!target) return containers;
  target.splice(Math.max(0, Math.min(index, target.length)), 0, item);
  return next;
}

/**
 * Where a field dragged over `overId` (a container, or a field in one) lands: in that container,
 * before the field it is over, or at the end of a container it is over itself. Undefined over
 * nothing droppable.
 */
export function dropTarget(containers: SectionContainers, overId: string): { container: string; index: number } | undefined {
  if (containers[overId]) return { container: overId, index: containers[overId]!.length };
  const container = Object.keys(containers).find((c) => containers[c]!.includes(overId));
  return container === undefined ? undefined : { container, index: containers[container]!.indexOf(overId) };
}

/** Writes containers back as the form sections' field lists. */
export function setSectionFields(object: string, containers: SectionContainers): Edit {
  return mutate((d) => {
    const sections = d.layouts?.[object]?.form?.sections;
    if (!sections) return;
    sections.forEach((s, i) => { s.fields = containers[`section-${i}`] ?? s.fields; });
  });
}

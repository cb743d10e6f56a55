import type { FieldKind, FilterFieldInfo } from '../../shared/filter-builder/filter-builder-types.ts';
import { poolStateOptions } from '../../shared/filter-builder/filter-builder-strings.ts';
import { keyLabel, type UiLocale } from '../../shared/labels.ts';
import type { FieldInfo, ObjectInfo } from './object-info.ts';

const kinds = new Set<FieldKind>(['text', 'number', 'boolean', 'date', 'datetime', 'timestamp', 'uuid', 'reference', 'multi', 'textArray', 'json']);

/**
 * What the filter builder offers for an object: its readable fields (its own before the system
 * ones, so typing 阶段 finds the stage before 进入阶段时间), then one hop into each readable lookup
 * target (`hotel.city`), as the filter language allows.
 */
export function filterFieldsFor(object: ObjectInfo, objects: Map<string, ObjectInfo>, locale: UiLocale): FilterFieldInfo[] {
  const readable = object.fields.filter((f) => f.readable && f.key !== 'version');
  const own = [...readable.filter((f) => !f.system), ...readable.filter((f) => f.system)].map((f) => toFilterField(f));
  const hops: FilterFieldInfo[] = [];
  for (const lookup of object.fields.filter((f) => f.readable && !f.system && f.target && f.target !== 'user')) {
    const target = objects.get(lookup.target!);
    if (!target) continue;
    const prefix = keyLabel(lookup.label, locale, lookup.key);
    for (const f of target.fields.filter((t) => t.readable && !t.system && !t.target)) {
      hops.push(toFilterField(f, { key: `${lookup.key}.${f.key}`, label: `${prefix} · ${keyLabel(f.label, locale, f.key)}` }));
    }
  }
  return [...own, ...hops];
}

function toFilterField(field: FieldInfo, override: { key?: string; label?: string } = {}): FilterFieldInfo {
  const kind = kinds.has(field.kind as FieldKind) ? (field.kind as FieldKind) : 'text';
  const options = field.key === 'poolState' ? poolStateOptions : field.options;
  return {
    key: override.key ?? field.key,
    label: override.label ?? field.label,
    kind,
    ...(options ? { options: options.map((o) => ({ value: o.value, ...(o.label ? { label: o.label } : {}) })) } : {}),
    ...(field.target ? { target: field.target } : {}),
  };
}

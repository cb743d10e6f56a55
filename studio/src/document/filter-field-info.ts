import { buildObjectModels, type ModelField } from '../../../platform/metadata/object-model.ts';
import type { Label, MetadataDocument, SelectOption } from '../../../platform/metadata/metadata-types.ts';
import { roleLabel } from '../../../platform/metadata/role-definition.ts';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { poolStateOptions } from '../../../runtime/web/src/shared/filter-builder/filter-builder-strings.ts';

function optionsOf(document: MetadataDocument, field: ModelField): FilterFieldInfo['options'] {
  if (field.system && field.key === 'poolState') return poolStateOptions;
  // The pools a record can be in, by their names (the model's options are their keys).
  if (field.system && field.choices) return field.choices.map((c) => ({ value: c.value, ...(c.label ? { label: c.label } : {}) }));
  const definition = field.definition;
  if (definition?.type === 'stage') {
    return (document.pipelines?.[definition.pipeline ?? '']?.stages ?? []).map((s) => ({ value: s.key, ...(s.label ? { label: s.label } : {}) }));
  }
  if (definition?.options) {
    return definition.options.map((o: string | SelectOption) => (typeof o === 'string' ? { value: o } : { value: o.value, ...(o.label ? { label: o.label } : {}) }));
  }
  return field.options?.map((value) => ({ value }));
}

function info(document: MetadataDocument, field: ModelField, prefix = '', prefixLabel?: Label): FilterFieldInfo {
  const options = optionsOf(document, field);
  const label = prefixLabel ? joinLabels(prefixLabel, field.label) : field.label;
  return {
    key: prefix + field.key,
    label,
    kind: field.kind,
    ...(options ? { options } : {}),
    ...(field.target ? { target: field.target } : {}),
  };
}

function joinLabels(a: Label, b: Label): Label {
  const text = (l: Label, locale: 'en' | 'zh') => (typeof l === 'string' ? l : l[locale] ?? l.en ?? l.zh ?? '');
  return { en: `${text(a, 'en')} › ${text(b, 'en')}`, zh: `${text(a, 'zh')} › ${text(b, 'zh')}` };
}

/**
 * User fields a filter over users (pool members, rule personnel) may name; `roles` (the document's,
 * see `roleOptions`) are picked from by their names, not typed.
 */
export function userFilterFields(attributeKeys: string[] = [], roles: RoleOption[] = []): FilterFieldInfo[] {
  return [
    { key: 'id', label: 'ID', kind: 'uuid', target: 'user' },
    { key: 'email', label: { en: 'Email', zh: '邮箱' }, kind: 'text' },
    { key: 'name', label: { en: 'Name', zh: '姓名' }, kind: 'text' },
    { key: 'roles', label: { en: 'Roles', zh: '角色' }, kind: 'textArray', ...(roles.length > 0 ? { options: roles } : {}) },
    { key: 'managerId', label: { en: 'Manager', zh: '上级' }, kind: 'uuid', target: 'user' },
    { key: 'active', label: { en: 'Active', zh: '在职' }, kind: 'boolean' },
    ...attributeKeys.map((k): FilterFieldInfo => ({ key: `attributes.${k}`, label: { en: `Attribute ${k}`, zh: `属性 ${k}` }, kind: 'json' })),
  ];
}

/**
 * The fields a filter over records of `object` may name: system and custom fields, and one hop
 * through each lookup to the related record's fields, its system fields too (`shop.city`,
 * `lead.owner`, `owner.attributes.team`).
 */
export function objectFilterFields(document: MetadataDocument, object: string, attributeKeys: string[] = []): FilterFieldInfo[] {
  const models = buildObjectModels(document);
  const model = models.get(object);
  if (!model) return [];
  const result: FilterFieldInfo[] = [];
  for (const field of model.fields.values()) {
    result.push(info(document, field));
    if (!field.target) continue;
    if (field.target === 'user') {
      if (field.key === 'owner') {
        for (const u of userFilterFields(attributeKeys).filter((u) => u.key.startsWith('attributes.'))) {
          result.push({ ...u, key: `owner.${u.key}`, label: joinLabels(field.label, u.label) });
        }
      }
      continue;
    }
    // Custom fields first; then the related record's own system fields (`lead.owner`: visits of my leads).
    const related = models.get(field.target);
    const hops = related ? [...related.customFields, ...[...related.fields.values()].filter((f) => f.system)] : [];
    for (const hop of hops) result.push(info(document, hop, `${field.key}.`, field.label));
  }
  return result;
}

/**
 * The fields a pool's `where` may name: which pool holds a record is what that filter decides,
 * so it cannot test `pool` (the server refuses it); `shop.pool`, through a lookup, it may.
 */
export function poolWhereFields(fields: FilterFieldInfo[]): FilterFieldInfo[] {
  return fields.filter((f) => f.key !== 'pool');
}

export interface RoleOption {
  value: string;
  label?: Label;
}

/** The document's roles as a filter's options: each by its key and, when the owner named it, its name. */
export function roleOptions(roles: MetadataDocument['roles']): RoleOption[] {
  return Object.entries(roles ?? {}).map(([value, definition]) => {
    const label = roleLabel(definition);
    return label === undefined ? { value } : { value, label };
  });
}

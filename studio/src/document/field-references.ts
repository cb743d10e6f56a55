import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { listedRoleRules } from '../../../platform/metadata/role-definition.ts';
import { documentFilters, fieldRenameMapper, mapFilterKeys, mapFilterValue, namesField } from './filter-keys.ts';
import { readOrderBy, writeOrderBy } from './sort-keys.ts';

/**
 * Follows a field rename (`to` a key) or removal (`to` null) through every place the document
 * names fields of `object`: title field, layouts, views, pipelines, conversions, pools, roles
 * and assignment rules. Renames also rewrite filters; removals leave filters for the validator
 * to point at, since dropping a condition could widen who sees what. Mutates `document`.
 */
export function rewriteFieldReferences(document: MetadataDocument, object: string, from: string, to: string | null): void {
  const list = (items: string[] | undefined): string[] | undefined => {
    if (!items) return items;
    return to === null ? items.filter((f) => f !== from) : items.map((f) => (f === from ? to : f));
  };
  const sort = (orderBy: string | undefined): string | undefined => writeOrderBy(readOrderBy(orderBy).flatMap((key) => {
    if (key.field !== from) return [key];
    return to === null ? [] : [{ ...key, field: to }];
  }));
  const definition = document.objects[object];
  // A date field not earlier than this one (下次拜访 not before 拜访时间) follows it, or lets go of it.
  for (const field of Object.values(definition?.fields ?? {})) {
    if (field.notBefore !== from) continue;
    if (to === null) delete field.notBefore;
    else field.notBefore = to;
  }
  if (definition?.titleField === from) {
    if (to === null) delete definition.titleField;
    else definition.titleField = to;
  }
  const layout = document.layouts?.[object];
  if (layout?.list) {
    layout.list.columns = list(layout.list.columns) ?? [];
    const orderBy = sort(layout.list.orderBy);
    if (orderBy === undefined) delete layout.list.orderBy;
    else layout.list.orderBy = orderBy;
  }
  for (const section of layout?.form?.sections ?? []) section.fields = list(section.fields) ?? [];
  for (const other of Object.values(document.layouts ?? {})) {
    for (const component of other.detail?.components ?? []) {
      if (typeof component === 'object' && 'related' in component && component.related === object && component.field === from) {
        if (to === null) delete component.field;
        else component.field = to;
      }
    }
  }
  for (const view of Object.values(document.views ?? {})) {
    if (view.object !== object) continue;
    if (view.columns) view.columns = list(view.columns);
    const orderBy = sort(view.orderBy);
    if (orderBy === undefined) delete view.orderBy;
    else view.orderBy = orderBy;
  }
  for (const pipeline of Object.values(document.pipelines ?? {})) {
    if (pipeline.object === object && pipeline.field === from && to !== null) pipeline.field = to;
    for (const stage of pipeline.stages ?? []) {
      if (pipeline.object === object && stage.requires) {
        stage.requires = list(stage.requires) ?? [];
        if (stage.requires.length === 0) delete stage.requires;
      }
      const map = stage.creates?.map;
      if (!map) continue;
      for (const [target, source] of Object.entries(map)) {
        if (pipeline.object === object && source === from) {
          if (to === null) delete map[target];
          else map[target] = to;
        }
      }
      if (stage.creates?.object === object && Object.hasOwn(map, from)) {
        const source = map[from]!;
        delete map[from];
        if (to !== null) map[to] = source;
      }
    }
  }
  for (const pool of Object.values(document.pools ?? {})) {
    if (pool.object === object && pool.hiddenWhilePublic) {
      pool.hiddenWhilePublic = list(pool.hiddenWhilePublic) ?? [];
      if (pool.hiddenWhilePublic.length === 0) delete pool.hiddenWhilePublic;
    }
    if (pool.visit?.object === object && to !== null) {
      if (pool.visit.field === from) pool.visit.field = to;
      if (pool.visit.at === from) pool.visit.at = to;
    }
  }
  for (const role of Object.values(document.roles ?? {})) {
    for (const rule of listedRoleRules(role)) {
      const objects = Array.isArray(rule.object) ? rule.object : [rule.object];
      if (objects.includes(object) && rule.fields) rule.fields = list(rule.fields) ?? [];
    }
  }
  for (const rule of Object.values(document.assignmentRules ?? {})) {
    // A work-order priority may sort by a field one hop away (hotel.roomNightsPerMonth), as filters name it.
    const priority = rule.workOrderPriority;
    if (!priority) continue;
    if (to !== null) priority.field = fieldRenameMapper(document, rule.object, object, from, to)(priority.field);
    else if (pathNamesField(document, rule.object, object, from)(priority.field)) delete rule.workOrderPriority;
  }
  if (to === null) return;
  for (const filter of documentFilters(document)) {
    const current = filter.get();
    if (current) filter.set(mapFilterKeys(current, fieldRenameMapper(document, filter.scope, object, from, to)));
  }
}

/**
 * Follows the rename of an option value or stage key (`field` is the select or stage field of
 * `object`) through the field's default and every filter that tests the field: pools, views,
 * roles and assignment rules. Mutates `document`.
 */
export function rewriteOptionReferences(document: MetadataDocument, object: string, field: string, from: string, to: string): void {
  const definition = document.objects[object]?.fields[field];
  if (definition?.default === from) definition.default = to;
  else if (definition && Array.isArray(definition.default)) definition.default = definition.default.map((v: unknown) => (v === from ? to : v));
  for (const filter of documentFilters(document)) {
    const current = filter.get();
    if (current) filter.set(mapFilterValue(current, namesField(document, filter.scope, object, field), from, to));
  }
}

/**
 * Whether a path over `scope` goes through field `field` of `object` once it is gone: the field
 * itself, a field one hop through a lookup to it, or the lookup the path starts with.
 */
function pathNamesField(document: MetadataDocument, scope: string, object: string, field: string): (path: string) => boolean {
  const names = namesField(document, scope, object, field);
  return (path) => names(path) || (scope === object && path.split('.')[0] === field);
}

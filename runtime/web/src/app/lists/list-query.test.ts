import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { combineWhere, listRequest, nextOrderBy, searchWhere, sortOrderOf, sortable } from './list-query.ts';

const f = (key: string, type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label: key, type, kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const fields = [
  f('owner', 'system', { system: true, kind: 'uuid', target: 'user' }),
  f('name', 'text'), f('hotel', 'lookup', { kind: 'reference', target: 'hotel' }), f('stage', 'stage'),
  f('tags', 'multiselect', { kind: 'multi' }), f('secret', 'text', { readable: false }),
];
const lead: ObjectInfo = {
  key: 'lead', label: 'Lead', pluralLabel: 'Leads', titleField: 'name', actions: ['read'], pipeline: 'p', stageField: 'stage', pools: [],
  fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
};

describe('list requests', () => {
  it('asks only for the shown fields and expands lookups and the owner', () => {
    expect(listRequest(lead, { columns: ['hotel', 'stage', 'owner'], orderBy: '-updatedAt', display: 'table', where: { stage: 'new' } })).toEqual({
      where: { stage: 'new' }, orderBy: '-updatedAt', limit: 50, fields: ['hotel', 'stage', 'name'], expand: ['hotel', 'owner'], count: true,
    });
  });

  it('combines the view, the user filter and the search', () => {
    expect(combineWhere(undefined, {})).toBeUndefined();
    expect(combineWhere({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(combineWhere({ a: 1 }, { b: 2 }, searchWhere(lead, ' hi '))).toEqual({ $and: [{ a: 1 }, { b: 2 }, { name: { $contains: 'hi' } }] });
    expect(searchWhere(lead, '  ')).toBeUndefined();
  });

  it('sorts by clicking headers: up, down, back to the default', () => {
    expect(sortOrderOf('-score,name', 'score')).toBe('descend');
    expect(sortOrderOf('-score,name', 'name')).toBeNull();
    expect(nextOrderBy('-updatedAt', 'name', '-updatedAt')).toBe('name');
    expect(nextOrderBy('name', 'name', '-updatedAt')).toBe('-name');
    expect(nextOrderBy('-name', 'name', '-updatedAt')).toBe('-updatedAt');
    expect(sortable(lead.fieldMap.get('tags'))).toBe(false);
    expect(sortable(lead.fieldMap.get('hotel'))).toBe(false);
    expect(sortable(lead.fieldMap.get('name'))).toBe(true);
  });
});

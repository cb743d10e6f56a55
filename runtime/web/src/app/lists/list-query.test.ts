import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { combineWhere, listRequest, nextOrderBy, searchPlaceholder, searchWhere, sortOrderOf, sortable } from './list-query.ts';

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

describe('the search box', () => {
  const titled = (label: FieldInfo['label'], object: Partial<ObjectInfo> = {}): ObjectInfo => {
    const own = fields.map((x) => (x.key === 'name' ? { ...x, label } : x));
    return { ...lead, label: { en: 'Lead', zh: '线索' }, pluralLabel: { en: 'Leads', zh: '线索' }, ...object, fields: own, fieldMap: new Map(own.map((x) => [x.key, x])) };
  };

  it('reads as a sentence naming the records and the title field, in both languages', () => {
    const named = titled({ en: 'Lead name', zh: '线索名称' });
    expect(searchPlaceholder(named, 'en')).toBe('Search leads by name');
    expect(searchPlaceholder(named, 'zh')).toBe('按名称搜索线索');
    const hotel = titled({ en: 'Hotel name', zh: '酒店名称' }, { label: { en: 'Hotel', zh: '酒店' }, pluralLabel: { en: 'Hotels', zh: '酒店' } });
    expect(searchPlaceholder(hotel, 'en')).toBe('Search hotels by name');
    expect(searchPlaceholder(hotel, 'zh')).toBe('按名称搜索酒店');
  });

  it('keeps a title label that does not repeat the object, and acronyms as written', () => {
    const kp = titled({ en: 'Contact', zh: '联系人' }, { label: { en: 'KP', zh: '关键人' }, pluralLabel: { en: 'KPs', zh: '关键人' } });
    expect(searchPlaceholder(kp, 'en')).toBe('Search KPs by contact');
    expect(searchPlaceholder(kp, 'zh')).toBe('按联系人搜索关键人');
    // The object's name only as a word of its own, and only when a word stays.
    const leader = titled({ en: 'Leader name', zh: '负责人' }, {});
    expect(searchPlaceholder(leader, 'en')).toBe('Search leads by leader name');
    const contract = titled({ en: 'Contract no.', zh: '合同号' }, { label: { en: 'Contract', zh: '合同' }, pluralLabel: { en: 'Contracts', zh: '合同' } });
    expect(searchPlaceholder(contract, 'en')).toBe('Search contracts by contract no.');
    expect(searchPlaceholder(contract, 'zh')).toBe('按合同号搜索合同');
  });

  it('is absent when the title cannot be searched', () => {
    expect(searchPlaceholder({ ...lead, titleField: 'stage' }, 'en')).toBeUndefined();
  });
});

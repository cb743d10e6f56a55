import { describe, expect, it } from 'vitest';
import type { FilterFieldInfo, FilterJson } from './filter-builder-types.ts';
import type { FilterGroup, FilterRow } from './filter-model.ts';
import { filterToTree } from './filter-parse.ts';
import { hasUnfinished, treeToFilter } from './filter-serialize.ts';

const fields: FilterFieldInfo[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'stage', label: 'Stage', kind: 'text', options: [{ value: 'new' }, { value: 'qualified' }] },
  { key: 'score', label: 'Score', kind: 'number' },
  { key: 'city', label: 'City', kind: 'text', options: [{ value: 'beijing' }, { value: 'shanghai' }] },
  { key: 'hotel', label: 'Hotel', kind: 'reference', target: 'hotel' },
  { key: 'hotel.stars', label: 'Hotel stars', kind: 'number' },
  { key: 'lastVisitAt', label: 'Last visit', kind: 'timestamp' },
  { key: 'dueOn', label: 'Due', kind: 'date' },
  { key: 'owner', label: 'Owner', kind: 'uuid', target: 'user' },
  { key: 'tags', label: 'Tags', kind: 'multi', options: [{ value: 'vip' }, { value: 'chain' }] },
  { key: 'active', label: 'Active', kind: 'boolean' },
  { key: 'attributes.team', label: 'Team', kind: 'json' },
  { key: 'roles', label: 'Roles', kind: 'textArray' },
];

const roundTrip = (json: FilterJson) => treeToFilter(filterToTree(json, fields));

const samples: Record<string, FilterJson> = {
  'the api.md example': {
    stage: 'qualified',
    score: { $gte: 50, $lt: 90 },
    city: { $in: ['beijing', 'shanghai'] },
    $or: [{ name: { $contains: 'hotel' } }, { 'hotel.stars': { $gte: 4 } }],
    lastVisitAt: { $lt: 'now-15d' },
    owner: '$user.id',
  },
  'explicit $and with multi-key branches': { $and: [{ score: { $gt: 1 }, name: 'a' }, { score: { $lt: 5 } }] },
  'nested $or inside $and inside $or': { $or: [{ $and: [{ $or: [{ name: 'x' }, { name: 'y' }] }, { active: true }] }, { stage: 'new' }] },
  '$not stays raw': { $not: { score: { $gt: 3 } }, name: { $startsWith: 'H' } },
  'field-level $not stays raw': { score: { $not: { $gt: 5 } } },
  'unknown fields and operators stay raw': { unknown: 1, score: { $regex: 'x' }, name: { $gt: 'a', $weird: 1 } },
  'nulls': { name: null, score: { $eq: null }, dueOn: { $null: true } },
  'variables in lists and attributes': { 'attributes.team': '$user.attributes.team', roles: { $any: '$user.roles' }, owner: { $in: ['$user.id'] } },
  'multiselect and booleans': { tags: { $all: ['vip', 'chain'] }, active: { $ne: false } },
  'relative and absolute dates': { dueOn: { $gte: 'startOfMonth', $lt: '2026-12-31' }, lastVisitAt: { $gte: 'now-2h' } },
  'wrong value types stay raw': { score: 'high', active: 'yes', tags: 'vip', city: { $in: [] } },
  'empty branches and odd lists': { $or: [{}, { name: 'x' }], $and: 5 },
  'a lone condition in a list': { $or: [{ score: { $gte: 1, $lte: 3 } }] },
};

describe('filter builder: JSON ↔ rows', () => {
  for (const [name, json] of Object.entries(samples)) {
    it(`round-trips ${name} exactly (keys in order)`, () => {
      expect(JSON.stringify(roundTrip(json))).toBe(JSON.stringify(json));
    });
  }

  it('shows plain conditions as rows, not raw JSON', () => {
    const tree = filterToTree(samples['the api.md example'], fields);
    const rows = tree.children.filter((c): c is FilterRow => c.type === 'row');
    expect(rows.map((r) => [r.field, r.op])).toEqual([
      ['stage', '$eq'], ['score', '$gte'], ['score', '$lt'], ['city', '$in'], ['lastVisitAt', '$lt'], ['owner', '$eq'],
    ]);
    const or = tree.children.find((c): c is FilterGroup => c.type === 'group');
    expect(or?.conjunction).toBe('or');
    expect(or?.children.map((c) => c.type)).toEqual(['row', 'row']);
    expect(tree.children.some((c) => c.type === 'raw')).toBe(false);
  });

  it('leaves out unfinished rows and gives undefined for an empty filter', () => {
    const tree = filterToTree({ name: 'x' }, fields);
    tree.children.push({ type: 'row', id: 'new', field: 'score', op: '$gte', value: undefined });
    expect(treeToFilter(tree)).toEqual({ name: 'x' });
    expect(treeToFilter(filterToTree(undefined, fields))).toBeUndefined();
  });

  it('writes two rows on one field with the same operator through $and', () => {
    const tree = filterToTree({}, fields);
    tree.children.push(
      { type: 'row', id: 'a', field: 'name', op: '$contains', value: 'x' },
      { type: 'row', id: 'b', field: 'name', op: '$contains', value: 'y' },
      { type: 'row', id: 'c', field: 'name', op: '$startsWith', value: 'z' },
    );
    expect(treeToFilter(tree)).toEqual({ name: { $contains: 'x', $startsWith: 'z' }, $and: [{ name: { $contains: 'y' } }] });
  });

  it('writes a user-made OR group as $or', () => {
    const tree = filterToTree({ score: { $gt: 1 } }, fields);
    tree.children.push({
      type: 'group', id: 'g', conjunction: 'or', form: 'array', children: [
        { type: 'row', id: 'r1', field: 'city', op: '$eq', value: 'beijing', bare: true },
        { type: 'row', id: 'r2', field: 'active', op: '$eq', value: true },
      ],
    });
    expect(treeToFilter(tree)).toEqual({ score: { $gt: 1 }, $or: [{ city: 'beijing' }, { active: { $eq: true } }] });
  });
});

describe('filter builder: any filter survives the round trip', () => {
  it('for generated filters of every shape', async () => {
    const fc = await import('fast-check');
    const keys = [...fields.map((f) => f.key), 'nope'];
    const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('$user.id', 'now-15d', 'today'));
    const operand = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
    const ops = fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$all', '$any', '$not', '$bad');
    const condition = fc.oneof(scalar, fc.dictionary(ops, operand, { minKeys: 1, maxKeys: 3 }));
    const { filter } = fc.letrec((tie) => ({
      filter: fc.dictionary(
        fc.constantFrom(...keys, '$or', '$and', '$not'),
        fc.oneof({ depthSize: 'small' }, condition, fc.array(tie('filter'), { maxLength: 3 }), tie('filter')),
        { maxKeys: 4 },
      ),
    }));
    fc.assert(fc.property(filter, (json) => {
      const back = roundTrip(json as FilterJson);
      expect(JSON.stringify(back ?? {})).toBe(JSON.stringify(json));
    }), { numRuns: 500 });
  });
});

describe('unfinished parts of a tree (kept when the fields change under it)', () => {
  it('finds a row without a field or value and an empty group, not a raw item or a complete tree', () => {
    const complete = filterToTree({ name: 'a', $or: [{ score: { $gt: 1 } }, { stage: 'new' }], $not: { active: true } }, fields);
    expect(hasUnfinished(complete)).toBe(false);
    expect(hasUnfinished(filterToTree(undefined, fields))).toBe(false); // the empty root itself is no edit
    const row: FilterRow = { type: 'row', id: 'r', field: 'name', op: '$eq', value: undefined };
    expect(hasUnfinished({ ...complete, children: [...complete.children, row] })).toBe(true);
    expect(hasUnfinished({ ...complete, children: [...complete.children, { ...row, field: '', value: 'x' }] })).toBe(true);
    const empty: FilterGroup = { type: 'group', id: 'g', conjunction: 'or', form: 'array', children: [] };
    expect(hasUnfinished({ ...complete, children: [...complete.children, empty] })).toBe(true);
  });
});

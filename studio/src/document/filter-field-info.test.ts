import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { objectFilterFields, poolWhereFields, roleOptions, userFilterFields } from './filter-field-info.ts';

const document = {
  name: 'T',
  objects: {
    lead: { label: { en: 'Lead', zh: '线索' }, titleField: 'name', fields: { name: { type: 'text', label: 'Name' } } },
    visit: { label: { en: 'Visit', zh: '拜访' }, titleField: 'lead', fields: { lead: { type: 'lookup', object: 'lead', label: { en: 'Lead', zh: '线索' } } } },
  },
  pools: { leadPool: { object: 'lead', label: { en: 'Unfollowed leads', zh: '未跟进公海' } }, otherPool: { object: 'lead' } },
} as unknown as MetadataDocument;

describe('objectFilterFields', () => {
  it('names the pool states as the app does (公海 / 私海), not by their stored values', () => {
    const poolState = objectFilterFields(document, 'lead').find((f) => f.key === 'poolState');
    expect(poolState?.options).toEqual([
      { value: 'public', label: { en: 'Public', zh: '公海' } },
      { value: 'private', label: { en: 'Private', zh: '私海' } },
    ]);
  });

  it('names the pools a record can be in by their labels (the key where a pool has none), not by key only', () => {
    const pool = objectFilterFields(document, 'lead').find((f) => f.key === 'pool');
    expect(pool?.options).toEqual([{ value: 'leadPool', label: { en: 'Unfollowed leads', zh: '未跟进公海' } }, { value: 'otherPool' }]);
    expect(objectFilterFields(document, 'visit').find((f) => f.key === 'lead.pool')?.options).toEqual(pool?.options);
  });

  it('leaves pool out of what a pool’s where may name (it decides the pool), but not through a lookup', () => {
    expect(poolWhereFields(objectFilterFields(document, 'lead')).map((f) => f.key)).not.toContain('pool');
    expect(poolWhereFields(objectFilterFields(document, 'visit')).map((f) => f.key)).toContain('lead.pool');
  });

  it('offers the related record’s system fields through a lookup, so "visits of my leads" (lead.owner is me) has a row form', () => {
    const fields = objectFilterFields(document, 'visit');
    const owner = fields.find((f) => f.key === 'lead.owner');
    expect(owner).toMatchObject({ kind: 'uuid', target: 'user', label: { en: 'Lead › Owner', zh: '线索 › 负责人' } });
    expect(fields.map((f) => f.key)).toEqual(expect.arrayContaining(['lead.name', 'lead.poolState', 'lead.createdAt']));
  });

  it('offers the document’s roles to pick in a filter over users, so a typo cannot name no role, each by its name when it has one', () => {
    const roles = userFilterFields([], roleOptions({ admin: { all: true }, bd: [], zhuGuan: { label: { en: 'Supervisor', zh: '主管' }, rules: [] } })).find((f) => f.key === 'roles');
    expect(roles?.options).toEqual([{ value: 'admin' }, { value: 'bd' }, { value: 'zhuGuan', label: { en: 'Supervisor', zh: '主管' } }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { buildObjectInfos, type ObjectDescription } from '../metadata/object-info.ts';
import { hiddenWhilePublic, maskedFields, myPoolColumns, publicPoolColumns } from './pool-columns.ts';

const field = (key: string, system = false) => ({
  key, label: key, type: system ? 'system' : 'text', kind: 'text', system, required: false, readOnly: system, readable: true, creatable: !system, updatable: !system,
});
const described: ObjectDescription = {
  key: 'lead', label: 'Lead', pluralLabel: 'Leads', titleField: 'name', actions: ['read', 'claim'], pipeline: null, stageField: null, pools: ['leadPool'],
  fields: [field('name'), field('contactName'), field('contactPhone'), field('owner', true), field('releasedAt', true)],
};
const document = { layouts: { lead: { list: { columns: ['name', 'contactName', 'contactPhone', 'owner'] } } } } as unknown as MetadataDocument;
const [lead] = buildObjectInfos([described], document);
const pool = { object: 'lead', admins: { roles: 'manager' }, hiddenWhilePublic: ['contactPhone'] } as unknown as PoolDefinition;

describe('the public pool\'s columns and conditions', () => {
  it('leave out what the pool hides while public from a BD, not from its administrators', () => {
    expect([...hiddenWhilePublic(pool, ['bd'])]).toEqual(['contactPhone']);
    expect([...hiddenWhilePublic(pool, ['manager'])]).toEqual([]);
    expect([...hiddenWhilePublic(pool, ['admin'])]).toEqual([]);
    expect([...hiddenWhilePublic({ ...pool, hiddenWhilePublic: undefined } as unknown as PoolDefinition, ['bd'])]).toEqual([]);
  });

  it('shows no column a BD would read as empty on every public lead', () => {
    expect(publicPoolColumns(lead!, document, hiddenWhilePublic(pool, ['bd']))).toEqual(['name', 'contactName', 'releasedAt']);
    expect(publicPoolColumns(lead!, document, hiddenWhilePublic(pool, ['manager']))).toEqual(['name', 'contactName', 'contactPhone', 'releasedAt']);
  });
});

describe('my pool\'s columns', () => {
  const held: ObjectDescription = { ...described, fields: [...described.fields, field('poolState', true), field('holdExpiresAt', true), field('lastVisitAt', true)] };
  const layout = { layouts: { lead: { list: { columns: ['name', 'owner', 'poolState', 'holdExpiresAt', 'lastVisitAt'] } } } } as unknown as MetadataDocument;
  const [mine] = buildObjectInfos([held], layout);

  it('leave out the hold\'s end where a lead may go back sooner (its countdown says when and why), not where the hold is all there is', () => {
    expect(myPoolColumns(mine!, layout, { ...pool, holdDays: 45 })).toEqual(['name', 'holdExpiresAt', 'lastVisitAt']);
    expect(myPoolColumns(mine!, layout, { ...pool, holdDays: 45, releaseIfNoVisitDays: 15 })).toEqual(['name', 'lastVisitAt']);
    expect(myPoolColumns(mine!, layout, { ...pool, holdDays: 45, releaseIfNotWonDays: 30 })).toEqual(['name', 'lastVisitAt']);
  });
});

describe('maskedFields', () => {
  const withPool = { ...document, pools: { leadPool: pool } } as unknown as MetadataDocument;
  it('are the pool\'s hidden fields a public record\'s answer leaves out: not one it sends (empty as null), nor any of a private record', () => {
    expect([...maskedFields({ id: 'a', poolState: 'public', pool: 'leadPool', name: 'A' }, lead!, withPool)]).toEqual(['contactPhone']);
    // A role the server shows it to (a pool administrator, full access) gets it, if only as null.
    expect([...maskedFields({ id: 'a', poolState: 'public', pool: 'leadPool', contactPhone: null }, lead!, withPool)]).toEqual([]);
    expect([...maskedFields({ id: 'a', poolState: 'private', pool: 'leadPool' }, lead!, withPool)]).toEqual([]);
    // Without the pool in the answer (the reader may not see what places it), the object's pool.
    expect([...maskedFields({ id: 'a', poolState: 'public' }, lead!, withPool)]).toEqual(['contactPhone']);
  });
});

import { describe, expect, it } from 'vitest';
import type { PoolDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../../platform/testing/fixtures.ts';
import { holdsEveryRecord, movePool, unreachablePools } from './pool-order.ts';

const pools: Record<string, PoolDefinition> = {
  allLeads: { object: 'lead' },
  hotelPool: { object: 'hotel' },
  nanjingLeads: { object: 'lead', where: { 'hotel.city': 'nanjing' } },
};

describe('pool order', () => {
  it('moves a pool in the document’s pools, the others keeping their order', () => {
    const document = { ...testDocument(), pools };
    const next = movePool(2, 0)({ document, migrations: [] }, { live: undefined });
    expect(Object.keys(next.document.pools!)).toEqual(['nanjingLeads', 'allLeads', 'hotelPool']);
    expect(next.document.pools!.nanjingLeads).toEqual(pools.nanjingLeads);
    expect(Object.keys(document.pools)).toEqual(['allLeads', 'hotelPool', 'nanjingLeads']);
  });

  it('finds the pools an earlier pool of their object leaves no record for', () => {
    expect(unreachablePools(pools)).toEqual(new Map([['nanjingLeads', 'allLeads']]));
    const { allLeads, hotelPool, nanjingLeads } = pools;
    expect(unreachablePools({ nanjingLeads: nanjingLeads!, allLeads: allLeads!, hotelPool: hotelPool! })).toEqual(new Map());
    // A second pool without a condition is unreachable too, behind the first.
    expect(unreachablePools({ hotelPool: hotelPool!, other: { object: 'hotel', where: {} } })).toEqual(new Map([['other', 'hotelPool']]));
  });

  it('knows the conditions that hold every record, and leaves field conditions alone', () => {
    expect(holdsEveryRecord(undefined)).toBe(true);
    expect(holdsEveryRecord({})).toBe(true);
    expect(holdsEveryRecord({ $and: [{}, {}] })).toBe(true);
    expect(holdsEveryRecord({ $or: [{ source: 'bd' }, {}] })).toBe(true);
    expect(holdsEveryRecord({ source: 'bd' })).toBe(false);
    expect(holdsEveryRecord({ $or: [{ source: 'bd' }] })).toBe(false);
    expect(holdsEveryRecord({ $not: {} })).toBe(false);
  });
});

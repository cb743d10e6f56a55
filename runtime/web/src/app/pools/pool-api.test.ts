import { describe, expect, it } from 'vitest';
import { poolOfRecord } from './pool-api.ts';

describe('poolOfRecord', () => {
  const pools = ['northPool', 'leadPool'];

  it('is the pool the record names, else (a reader the answer does not tell) the object\'s first', () => {
    expect(poolOfRecord({ pool: 'leadPool', poolState: 'private' }, pools)).toBe('leadPool');
    expect(poolOfRecord({ poolState: 'public' }, pools)).toBe('northPool');
  });

  it('is none for a record outside every pool: the record page shows it no pool card, claim or countdown', () => {
    expect(poolOfRecord({ pool: null, poolState: null, holdExpiresAt: null }, pools)).toBeUndefined();
    expect(poolOfRecord({ poolState: null }, pools)).toBeUndefined();
  });
});

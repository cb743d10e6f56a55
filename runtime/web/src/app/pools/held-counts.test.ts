import { describe, expect, it } from 'vitest';
import { heldWhere } from './held-counts.ts';

describe('held counts', () => {
  it('count private records, leaving out won ones as the pool’s limit does', () => {
    expect(heldWhere('stage', ['signed'])).toEqual({ poolState: 'private', stage: { $nin: ['signed'] } });
    expect(heldWhere(null, [])).toEqual({ poolState: 'private' });
  });
});

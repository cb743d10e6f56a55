import { describe, expect, it } from 'vitest';
import { heldBy } from './bulk-assign.tsx';

describe('bulk assignment', () => {
  it('leaves out what the person already holds', () => {
    expect(heldBy({ id: 'a', poolState: 'private', owner: { id: 'u1', name: 'Liu' } }, 'u1')).toBe(true);
    expect(heldBy({ id: 'a', poolState: 'private', owner: 'u1' }, 'u1')).toBe(true);
    expect(heldBy({ id: 'a', poolState: 'private', owner: { id: 'u2' } }, 'u1')).toBe(false);
    expect(heldBy({ id: 'a', poolState: 'public', owner: null }, 'u1')).toBe(false);
  });
});

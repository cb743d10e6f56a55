import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { withoutProblems } from './salvage-draft.ts';

const saved: MetadataDocument = {
  name: 'T',
  objects: { shop: { label: 'Shop', fields: { name: { type: 'text' } } } },
  pools: { shopPool: { object: 'shop', maxPerOwner: 200, maxClaimsPerDay: 10 } },
  roles: { bd: [{ object: 'shop', actions: ['read'] }] },
};

describe('the valid part of a draft with problems', () => {
  it('keeps every other edit and puts the invalid value back as the server holds it', () => {
    const current = structuredClone(saved);
    Object.assign(current.pools!.shopPool!, { maxPerOwner: 50, maxClaimsPerDay: 5, releaseIfNoVisitDays: 10, warnDaysBefore: 3 });
    const result = withoutProblems(current, saved, [{ path: '/pools/shopPool/releaseIfNoVisitDays' }]);
    expect(result.pools!.shopPool).toEqual({ object: 'shop', maxPerOwner: 50, maxClaimsPerDay: 5, warnDaysBefore: 3 });
    expect(current.pools!.shopPool!.releaseIfNoVisitDays).toBe(10);
  });

  it('puts back a changed value rather than removing it', () => {
    const current = structuredClone(saved);
    current.pools!.shopPool!.maxPerOwner = -1;
    current.objects.shop!.label = 'Breakfast shop';
    const result = withoutProblems(current, saved, [{ path: '/pools/shopPool/maxPerOwner' }]);
    expect(result.pools!.shopPool!.maxPerOwner).toBe(200);
    expect(result.objects.shop!.label).toBe('Breakfast shop');
  });

  it('puts back a whole array when one of its items has a problem (items would shift otherwise)', () => {
    const current = structuredClone(saved);
    current.roles!.bd = [{ object: 'nowhere', actions: ['read'] }, { object: 'shop', actions: ['create'] }];
    const result = withoutProblems(current, saved, [{ path: '/roles/bd/0/object' }]);
    expect(result.roles!.bd).toEqual(saved.roles!.bd);
  });

  it('gives the saved document back for a problem with the whole document', () => {
    const current = { ...structuredClone(saved), name: 'Changed' };
    expect(withoutProblems(current, saved, [{ path: '' }])).toEqual(saved);
  });
});

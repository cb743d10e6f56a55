import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../metadata/metadata-types.ts';
import { impliedBackLink, lookupsTo } from './conversion-link.ts';

const contract: Record<string, FieldDefinition> = {
  number: { type: 'autonumber', format: 'HC-{00000}' },
  hotel: { type: 'lookup', object: 'hotel' },
  lead: { type: 'lookup', object: 'lead' },
  amount: { type: 'currency' },
};

describe('the lookup a conversion links back through', () => {
  it('is the new object’s only lookup to the source, when the map leaves it unset (metadata.md’s map)', () => {
    expect(lookupsTo(contract, 'lead')).toEqual(['lead']);
    expect(impliedBackLink(contract, 'lead', { hotel: 'hotel', amount: 'expectedRevenue' })).toBe('lead');
  });

  it('is none when the map fills it, when there are several, or none', () => {
    expect(impliedBackLink(contract, 'lead', { hotel: 'hotel', lead: 'id' })).toBeUndefined();
    expect(impliedBackLink(contract, 'lead', { lead: 'referredBy' })).toBeUndefined();
    expect(impliedBackLink({ ...contract, renewalOf: { type: 'lookup', object: 'lead' } }, 'lead', {})).toBeUndefined();
    expect(impliedBackLink(contract, 'visit', {})).toBeUndefined();
    expect(impliedBackLink(undefined, 'lead', {})).toBeUndefined();
  });
});

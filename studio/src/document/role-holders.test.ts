import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { lostRoles, replaceRole } from './role-holders.ts';

const rules = [{ object: 'lead', actions: ['read'] }];
const live = { name: 'T', objects: {}, roles: { admin: { all: true }, bd: rules, coach: [{ object: 'lead', actions: ['read', 'update'] }], intern: rules } } as unknown as MetadataDocument;
const people = [
  { id: 'ben', roles: ['bd'] },
  { id: 'bea', roles: ['bd', 'coach'] },
  { id: 'old', roles: ['bd'], active: false },
  { id: 'owner', roles: ['admin'] },
];

describe('roles a publish takes from people', () => {
  it('lists each live role the draft no longer has with the active people holding it, and the role it was renamed to', () => {
    const draft = { ...live, roles: { admin: { all: true }, salesRep: rules, coach: live.roles!.coach, intern: rules } } as unknown as MetadataDocument;
    expect(lostRoles(live, draft, people)).toEqual([{ role: 'bd', holders: [people[0], people[1]], renamedTo: 'salesRep' }]);
  });

  it('has no new name for a removed role, and leaves out roles nobody holds', () => {
    const draft = { ...live, roles: { admin: { all: true }, bd: rules } } as unknown as MetadataDocument;
    expect(lostRoles(live, draft, people)).toEqual([{ role: 'coach', holders: [people[1]] }]);
  });

  it('replaces a role in a person’s roles once', () => {
    expect(replaceRole(['bd', 'coach'], 'bd', 'salesRep')).toEqual(['salesRep', 'coach']);
    expect(replaceRole(['bd', 'salesRep'], 'bd', 'salesRep')).toEqual(['salesRep']);
  });
});

import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { AssignmentRuleDefinition, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { everyoneReceives, holderRoles, onlyRole } from './rule-recipients.ts';

const withRule = (rule: Partial<AssignmentRuleDefinition>, overrides: Partial<MetadataDocument> = {}) =>
  testDocument({ assignmentRules: { r: { object: 'lead', records: {}, users: {}, match: 'even', ...rule } }, ...overrides });

describe('rule recipients', () => {
  it('finds a rule that gives records to every active user, administrators included', () => {
    // A rule as the studio adds it: no personnel condition; the fixture's leadPool has no member condition.
    expect(everyoneReceives(withRule({ pool: 'leadPool' }), 'r')).toBe(true);
    expect(everyoneReceives(withRule({ users: { where: {}, maxPerDay: 5 } }), 'r')).toBe(true);
    expect(everyoneReceives(withRule({ users: { where: onlyRole('bd') } }), 'r')).toBe(false);
    // A pool whose members are a team narrows who receives.
    const document = withRule({ pool: 'leadPool' });
    document.pools!.leadPool!.members = { 'attributes.team': 'hotel' };
    expect(everyoneReceives(document, 'r')).toBe(false);
    expect(everyoneReceives(withRule({}), 'missing')).toBe(false);
  });

  it('offers the roles that may hold the records, those that claim first, never full access or read-only ones', () => {
    // bd claims leads, manager edits them, auditor only reads, admin has full access.
    expect(holderRoles(testDocument(), 'lead')).toEqual(['bd', 'manager']);
    expect(holderRoles(testDocument(), 'hotel')).toEqual(['manager']);
  });
});

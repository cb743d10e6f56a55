import { describe, expect, it } from 'vitest';
import type { MetadataDocument, RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { validateMetadata } from '../../../platform/metadata/validate-metadata.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { addVisitObject, visitObjectPlan } from './visit-object.ts';

/** The test CRM as a tenant without visits: its lead pool releases leads nobody visits, but nothing records a visit. */
function withoutVisits(): MetadataDocument {
  const d = structuredClone(testDocument());
  delete d.objects.visit;
  delete d.pools!.leadPool!.visit;
  d.roles!.bd = (d.roles!.bd as RoleRule[]).filter((r) => r.object !== 'visit');
  d.roles!.manager = [{ object: 'lead', actions: ['read', 'update'] }];
  return d;
}

const add = (document: MetadataDocument, pool: string) => addVisitObject(pool)({ document, migrations: [] }, { live: undefined }).document;

describe('addVisitObject', () => {
  it('adds a visit object linked to the pool’s records and selects it, so the no-visit release is valid', () => {
    const before = withoutVisits();
    expect(validateMetadata(before).map((p) => p.message)).toContain('needs a visit object (pools.*.visit) to know when a lead was last visited');
    const after = add(before, 'leadPool');
    expect(validateMetadata(after)).toEqual([]);
    expect(after.objects.visit).toMatchObject({
      label: { en: 'Visit', zh: '拜访记录' },
      fields: { lead: { type: 'lookup', object: 'lead', required: true, label: { en: 'Lead', zh: '线索' } }, visitedAt: { type: 'datetime', required: true } },
    });
    expect(after.pools!.leadPool!.visit).toEqual({ object: 'visit', field: 'lead', at: 'visitedAt' });
  });

  it('lets the roles that hold the pool’s records read and add visits on their own, and no other role', () => {
    const after = add(withoutVisits(), 'leadPool');
    const visitRules = (role: string) => (after.roles![role] as Array<{ object: unknown }>).filter((r) => r.object === 'visit');
    expect(visitRules('bd')).toEqual([{ object: 'visit', actions: ['read', 'create'], where: { 'lead.owner': '$user.id' } }]);
    expect(visitRules('manager')).toHaveLength(1);
    expect(visitRules('auditor')).toEqual([]);
    expect(after.roles!.admin).toEqual({ all: true });
  });

  it('takes a key of its own when visit is taken', () => {
    const d = withoutVisits();
    d.objects.visit = { label: 'Site visit', fields: { name: { type: 'text' } } };
    expect(visitObjectPlan(d, 'leadPool')?.key).toBe('visit2');
    expect(add(d, 'leadPool').objects.visit).toEqual(d.objects.visit);
  });
});

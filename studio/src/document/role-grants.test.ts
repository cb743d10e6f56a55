import { describe, expect, it } from 'vitest';
import { recordActions } from '../../../platform/access/actions.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { grantMatrix, poolBlindRoles, publicPoolRule, rolesWithoutRules, stuckStages, toggleAction } from './role-grants.ts';

describe('role grants', () => {
  it('unions rules into an objects × actions matrix', () => {
    const matrix = grantMatrix(testDocument().roles!.bd as RoleRule[]);
    expect(matrix.hotel).toEqual({ read: 'all' });
    expect(matrix.lead).toEqual({ read: 'conditional', create: 'conditional', update: 'conditional', transition: 'conditional', claim: 'all', release: 'all', extend: 'all' });
    expect(matrix.visit).toEqual({ read: 'conditional', create: 'conditional' });
  });

  it('toggles an action in the canonical order', () => {
    const rule: RoleRule = { object: 'lead', actions: ['update'] };
    expect(toggleAction(rule, 'read', true, recordActions).actions).toEqual(['read', 'update']);
    expect(toggleAction(rule, 'update', false, recordActions).actions).toEqual([]);
  });

  it('finds stages a role may move records into but cannot fill what they require', () => {
    const document = testDocument();
    expect(stuckStages(document)).toEqual([]);
    document.pipelines!.leadFunnel!.stages[3]!.requires = ['hotel', 'notes'];
    // bd may write notes (its update rule lists it) but not hotel; the manager's update has no field list.
    expect(stuckStages(document)).toEqual([{ pipeline: 'leadFunnel', stage: 'signed', role: 'bd', fields: ['hotel'] }]);
    (document.roles!.bd as RoleRule[]).splice(2, 1); // no update rule at all
    expect(stuckStages(document).map((s) => [s.stage, s.fields])).toEqual([['contacted', ['contactName', 'contactPhone']], ['negotiating', ['expectedRevenue']], ['signed', ['hotel', 'notes']]]);
  });

  it('finds a role that may claim but whose rules cover only its own records, so it sees and claims nothing in the pool', () => {
    const withRole = (rules: RoleRule[]) => ({ ...testDocument(), roles: { ...testDocument().roles, adviser: rules } });
    // A training school's 顾问: everything on leads, but only where it is the owner.
    const own: RoleRule = { object: 'lead', actions: ['read', 'create', 'update', 'transition', 'claim', 'release'], where: { owner: '$user.id' } };
    expect(poolBlindRoles(withRole([own]))).toEqual([{ role: 'adviser', object: 'lead', pool: 'leadPool' }]);
    expect(poolBlindRoles(withRole([{ ...own, where: { $and: [{ owner: { $eq: '$user.id' } }, { score: { $gt: 3 } }] } }]))).toHaveLength(1);
    expect(poolBlindRoles(withRole([{ ...own, where: { poolState: 'private' } }]))).toHaveLength(1);
    // The rule the studio offers as the fix makes the pool reachable.
    expect(poolBlindRoles(withRole([own, publicPoolRule('lead')]))).toEqual([]);
    // A named role ({ label, rules }) is read the same.
    expect(poolBlindRoles({ ...testDocument(), roles: { ...testDocument().roles, adviser: { label: '顾问', rules: [own] } } })).toEqual([{ role: 'adviser', object: 'lead', pool: 'leadPool' }]);
    // The demo's bd reads its own or public leads and claims anywhere; a role that never claims is not warned about.
    expect(poolBlindRoles(testDocument())).toEqual([]);
    expect(poolBlindRoles(withRole([{ object: 'lead', actions: ['read'], where: { owner: '$user.id' } }]))).toEqual([]);
  });
});

describe('roles without rules', () => {
  it('names the roles that grant nothing yet, not a full-access role nor one with rules', () => {
    const document = { ...testDocument(), roles: { ...testDocument().roles, zhuGuan: [], trainee: [{ object: 'lead', actions: ['read'] }], boss: { all: true as const },
      newcomer: { label: '新人', rules: [] }, named: { label: '主管', rules: [{ object: 'lead', actions: ['read'] }] } } };
    expect(rolesWithoutRules(document)).toEqual(['zhuGuan', 'newcomer']);
    expect(rolesWithoutRules(testDocument())).toEqual([]);
  });
});

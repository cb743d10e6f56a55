import { describe, expect, it } from 'vitest';
import { recordActions } from '../../../platform/access/actions.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { grantMatrix, stuckStages, toggleAction } from './role-grants.ts';

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
});

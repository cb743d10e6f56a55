import { describe, expect, it } from 'vitest';
import { recordActions } from '../../../platform/access/actions.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { grantMatrix, toggleAction } from './role-grants.ts';

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
});

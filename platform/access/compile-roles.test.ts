import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { RoleDefinition, RoleRule } from '../metadata/metadata-types.ts';
import { roleLabel, roleRules, withRoleRules } from '../metadata/role-definition.ts';
import { testDocument } from '../testing/fixtures.ts';
import { AccessPolicy } from './access-policy.ts';
import { compiledRoles } from './compile-roles.ts';

const rules: RoleRule[] = [
  { object: 'hotel', actions: ['read'] },
  { object: 'lead', actions: ['read', 'update'], where: { owner: '$user.id' }, fields: ['contactName'] },
];
const me = randomUUID();
const user = { id: me, email: 'a@b.c', name: 'A', roles: ['supervisor'], managerId: null, attributes: {}, active: true };
const compile = (supervisor: RoleDefinition) => new CompiledMetadata('t1', 1, testDocument({ roles: { admin: { all: true }, supervisor } }));

describe('compiledRoles', () => {
  it('compiles a role with a name ({ label, rules }) exactly as the same rules without one', () => {
    const plain = compiledRoles(compile(rules)).get('supervisor');
    const named = compiledRoles(compile({ label: { en: 'Supervisor', zh: '主管' }, rules })).get('supervisor');
    expect(named).toEqual(plain);
    expect(named).toHaveLength(2);
    expect(named![1]).toMatchObject({ objects: ['lead'], actions: ['read', 'update'], fields: ['contactName'] });
  });

  it('grants a named role its rules and nothing else (deny by default)', () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    const policy = new AccessPolicy(compile({ label: '主管', rules }), ['supervisor'], user, now);
    expect(policy.can('read', 'lead', { id: 'l1', owner: me })).toBe(true);
    expect(policy.can('read', 'lead', { id: 'l2', owner: randomUUID() })).toBe(false);
    expect(policy.can('delete', 'lead', { id: 'l1', owner: me })).toBe(false);
    expect(policy.can('read', 'visit', { id: 'v1' })).toBe(false);
  });

  it('gives a named full-access role everything', () => {
    expect(compiledRoles(compile({ all: true, label: '老板' })).get('supervisor')).toEqual([{ role: 'supervisor', objects: 'all', actions: 'all' }]);
  });
});

describe('role definitions', () => {
  it('reads rules and label from each form', () => {
    expect(roleRules(rules)).toBe(rules);
    expect(roleRules({ label: '主管', rules })).toBe(rules);
    expect(roleRules({ all: true })).toBe('all');
    expect(roleLabel(rules)).toBeUndefined();
    expect(roleLabel({ label: { zh: '主管' }, rules })).toEqual({ zh: '主管' });
    expect(roleLabel({ all: true, label: '老板' })).toBe('老板');
  });

  it('replaces rules in the same form, a named role keeping its name', () => {
    expect(withRoleRules(rules, [])).toEqual([]);
    expect(withRoleRules({ label: '主管', rules }, [])).toEqual({ label: '主管', rules: [] });
    expect(withRoleRules({ all: true, label: '老板' }, [])).toEqual({ label: '老板', rules: [] });
    expect(withRoleRules({ all: true }, [])).toEqual([]);
  });
});

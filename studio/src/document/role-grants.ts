import type { RoleRule } from '../../../platform/metadata/metadata-types.ts';

/** How a role holds an action on an object: on every record, or only where a condition matches. */
export type Grant = 'all' | 'conditional';

/**
 * The objects × actions matrix of a role (rules are unioned): `all` when some rule grants the
 * action without a condition, `conditional` when only rules with a `where` (or a field
 * allowlist) grant it.
 */
export function grantMatrix(rules: RoleRule[]): Record<string, Record<string, Grant>> {
  const matrix: Record<string, Record<string, Grant>> = {};
  for (const rule of rules) {
    const objects = Array.isArray(rule.object) ? rule.object : [rule.object];
    const grant: Grant = rule.where || rule.fields ? 'conditional' : 'all';
    for (const object of objects) {
      const row = (matrix[object] ??= {});
      for (const action of rule.actions) if (row[action] !== 'all') row[action] = grant;
    }
  }
  return matrix;
}

/** Adds or removes one action of one rule, keeping the action order of `order`. */
export function toggleAction(rule: RoleRule, action: string, on: boolean, order: readonly string[]): RoleRule {
  const set = new Set(rule.actions);
  if (on) set.add(action);
  else set.delete(action);
  return { ...rule, actions: order.filter((a) => set.has(a)) };
}

import type { FilterNode } from '../filter/filter-ast.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { roleRules } from '../metadata/role-definition.ts';
import { isRecordAction } from './actions.ts';

/**
 * A role rule compiled once per metadata version: the objects and actions it grants, its
 * condition parsed into the filter tree (with `$user` variables still symbolic), and its
 * field allowlist.
 */
export interface CompiledRoleRule {
  role: string;
  /** `all` for `{ all: true }` roles. */
  objects: string[] | 'all';
  actions: string[] | 'all';
  condition?: FilterNode;
  fields?: string[];
}

/** Every role's rules, compiled once per version and cached on the compiled metadata. */
export function compiledRoles(compiled: CompiledMetadata): Map<string, CompiledRoleRule[]> {
  return compiled.memo('access:roles', () => {
    const roles = new Map<string, CompiledRoleRule[]>();
    roles.set('admin', [{ role: 'admin', objects: 'all', actions: 'all' }]);
    for (const [role, definition] of Object.entries(compiled.document.roles ?? {})) {
      const listed = roleRules(definition);
      if (listed === 'all') {
        roles.set(role, [{ role, objects: 'all', actions: 'all' }]);
        continue;
      }
      const rules: CompiledRoleRule[] = [];
      for (const rule of listed) {
        const objects = (Array.isArray(rule.object) ? rule.object : [rule.object]).filter((o) => compiled.objects.has(o));
        for (const object of objects) {
          const scope = compiled.objects.get(object)!.scope;
          rules.push({
            role,
            objects: [object],
            actions: rule.actions.filter(isRecordAction),
            ...(rule.where ? { condition: parseFilterOrThrow(rule.where, scope) } : {}),
            ...(rule.fields ? { fields: rule.fields } : {}),
          });
        }
      }
      roles.set(role, rules);
    }
    return roles;
  });
}

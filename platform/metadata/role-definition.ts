import type { Label, RoleDefinition, RoleRule } from './metadata-types.ts';

/**
 * A role's rules, whichever of its forms the document uses: a list of rules, or
 * `{ label, rules }` (the same list with a name); `'all'` for a full-access role
 * (`{ all: true }`). The list returned is the document's own, so an edit of a draft may
 * change it in place.
 *
 * @example roleRules({ label: { zh: '主管' }, rules: [{ object: 'lead', actions: ['read'] }] }) // [{ object: 'lead', actions: ['read'] }]
 */
export function roleRules(definition: RoleDefinition): RoleRule[] | 'all' {
  if (Array.isArray(definition)) return definition;
  return 'rules' in definition ? definition.rules : 'all';
}

/** A role's rules, none for a full-access role (it needs none). */
export function listedRoleRules(definition: RoleDefinition): RoleRule[] {
  const rules = roleRules(definition);
  return rules === 'all' ? [] : rules;
}

/** The name an owner gave a role (`{ label, rules }` or `{ all: true, label }`); undefined when only its key names it. */
export function roleLabel(definition: RoleDefinition | undefined): Label | undefined {
  return definition && !Array.isArray(definition) ? definition.label : undefined;
}

/**
 * A role with `rules` in place of its own, in the same form: a named role keeps its name
 * (a full-access one too), a plain list stays a plain list.
 */
export function withRoleRules(definition: RoleDefinition, rules: RoleRule[]): RoleDefinition {
  if (Array.isArray(definition)) return rules;
  if ('rules' in definition) return { ...definition, rules };
  return definition.label !== undefined ? { label: definition.label, rules } : rules;
}

/** The JSON pointer segments from a role to its list of rules: none for a plain list, `rules` for `{ label, rules }`. */
export function roleRulesPath(definition: RoleDefinition | undefined): string[] {
  return definition && !Array.isArray(definition) && 'rules' in definition ? ['rules'] : [];
}

import type { FilterJson, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { roleRules } from '../../../platform/metadata/role-definition.ts';

/** A filter that narrows nothing: absent, or an object without conditions. */
function noConditions(filter: FilterJson | undefined): boolean {
  return !filter || Object.keys(filter).length === 0;
}

/**
 * Whether an assignment rule gives records to every active user, administrators included: it has
 * no personnel condition (`users.where`) and its pool, if it has one, no member condition either.
 */
export function everyoneReceives(document: MetadataDocument, ruleKey: string): boolean {
  const rule = document.assignmentRules?.[ruleKey];
  if (!rule || !noConditions(rule.users?.where)) return false;
  return noConditions(rule.pool ? document.pools?.[rule.pool]?.members : undefined);
}

/**
 * The roles that may hold records of `object` (the ones a rule should give them to): roles with
 * rules (not full access) that read the object and may claim or edit its records, those that
 * claim first, then in the document's order.
 */
export function holderRoles(document: MetadataDocument, object: string): string[] {
  const scored: Array<{ role: string; score: number }> = [];
  for (const [role, definition] of Object.entries(document.roles ?? {})) {
    const rules = roleRules(definition);
    if (rules === 'all') continue;
    const actions = new Set(rules.filter((r) => (Array.isArray(r.object) ? r.object : [r.object]).includes(object)).flatMap((r) => r.actions));
    if (!actions.has('read') || !(actions.has('claim') || actions.has('update'))) continue;
    scored.push({ role, score: actions.has('claim') ? 0 : 1 });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.role);
}

/** The personnel condition that gives a rule's records only to holders of `role`. */
export function onlyRole(role: string): FilterJson {
  return { roles: role };
}

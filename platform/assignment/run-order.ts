import type { AssignmentRuleDefinition } from '../metadata/metadata-types.ts';

/** The priority of a rule that sets none. */
export const defaultRulePriority = 100;

/**
 * The order in which assignment rules run (and the work-order queue goes by them): lower
 * `priority` first (a rule without one is {@link defaultRulePriority}), ties by key (plain string
 * comparison, not locale-aware).
 */
export function byRunOrder(a: { key: string; priority: number }, b: { key: string; priority: number }): number {
  return a.priority - b.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The rules' keys in run order: a browser orders a record's work orders as the server's queue
 * does, from the published document.
 *
 * @example ruleRunOrder({ late: { priority: 200 }, early: { priority: 10 } }) // ['early', 'late']
 */
export function ruleRunOrder(rules: Record<string, Pick<AssignmentRuleDefinition, 'priority'>> | undefined): string[] {
  return Object.entries(rules ?? {}).map(([key, rule]) => ({ key, priority: rule.priority ?? defaultRulePriority })).sort(byRunOrder).map((r) => r.key);
}

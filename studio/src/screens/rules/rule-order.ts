import { byRunOrder, defaultRulePriority } from '../../../../platform/assignment/run-order.ts';
import type { AssignmentRuleDefinition, MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import type { UiLocale } from '../../../../runtime/web/src/shared/labels.ts';
import { fieldChoiceLabel } from '../../document/field-names.ts';

/** The priority of a rule that sets none, as the server compiles it. */
export const DEFAULT_RULE_PRIORITY = defaultRulePriority;

/** A rule's effective priority, as the server compiles it. */
export const rulePriority = (rule: Pick<AssignmentRuleDefinition, 'priority'>): number => rule.priority ?? DEFAULT_RULE_PRIORITY;

/**
 * The server's run order ({@link byRunOrder}): lower priority first, ties by rule key. The
 * conflict report names the rule that comes first in this order as the winner.
 */
export function compareRules([aKey, a]: [string, AssignmentRuleDefinition], [bKey, b]: [string, AssignmentRuleDefinition]): number {
  return byRunOrder({ key: aKey, priority: rulePriority(a) }, { key: bKey, priority: rulePriority(b) });
}

/**
 * The rules of the same object that run before `ruleKey` (`after`: this rule runs after them) and
 * after it (`before`), each in run order.
 */
export function priorityNeighbours(document: MetadataDocument, ruleKey: string): { after: string[]; before: string[] } {
  const rules = document.assignmentRules ?? {};
  const rule = rules[ruleKey];
  if (!rule) return { after: [], before: [] };
  const mine: [string, AssignmentRuleDefinition] = [ruleKey, rule];
  const same = Object.entries(rules).filter(([k, r]) => k !== ruleKey && r.object === rule.object).sort(compareRules);
  return {
    after: same.filter((other) => compareRules(other, mine) < 0).map(([k]) => k),
    before: same.filter((other) => compareRules(other, mine) > 0).map(([k]) => k),
  };
}

/**
 * The pool that holds `object`'s records, if one does: a rule on such an object gives its records
 * out from that pool (the server's validator asks for it), so new rules and a change of object
 * fill it in.
 */
export function poolOfObject(document: MetadataDocument, object: string | undefined): string | undefined {
  if (object === undefined) return undefined;
  return Object.entries(document.pools ?? {}).find(([, pool]) => pool.object === object)?.[0];
}

/** The pools holding `object`'s records as select options, by name: "未跟进公海 (leadPool)"; the key alone where a pool has no name. */
export function poolChoices(document: MetadataDocument, object: string | undefined, locale: UiLocale): Array<{ value: string; label: string }> {
  return Object.entries(document.pools ?? {}).filter(([, pool]) => pool.object === object)
    .map(([key, pool]) => ({ value: key, label: pool.label ? fieldChoiceLabel(pool.label, key, locale) : key }));
}

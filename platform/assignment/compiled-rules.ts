import type { FilterNode } from '../filter/filter-ast.ts';
import { userScope } from '../filter/filter-fields.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { AssignmentRuleDefinition } from '../metadata/metadata-types.ts';
import { parseOrderBy, type SortKey } from '../metadata/order-by.ts';
import { poolByKey, poolsOf, type CompiledPool } from '../pools/compiled-pools.ts';
import { addInZone, startOfLocalDate } from '../time/zoned-time.ts';
import type { MatchStrategy } from './matching.ts';
import { byRunOrder, defaultRulePriority } from './run-order.ts';

/** An assignment rule with its filters parsed, once per metadata version. */
export interface CompiledRule {
  key: string;
  definition: AssignmentRuleDefinition;
  object: string;
  pool?: CompiledPool;
  include?: FilterNode;
  exclude?: FilterNode;
  users?: FilterNode;
  maxPerDay?: number;
  maxTotal?: number;
  match: MatchStrategy;
  priority: number;
  schedule?: string;
  timeZone: string;
  activeFrom?: Date;
  activeUntil?: Date;
  enabled: boolean;
  /**
   * The pool the rule should name and does not: its object's records live in a pool. The
   * validator refuses such a rule; one published before that check does not run.
   */
  missingPool?: string;
  /** Order of records: the work-order priority, then age. */
  order: SortKey[];
}

export function compiledRules(compiled: CompiledMetadata): CompiledRule[] {
  return compiled.memo('assignment:rules', () => Object.entries(compiled.document.assignmentRules ?? {}).map(([key, rule]) => {
    const object = compiled.objects.get(rule.object)!;
    const pool = rule.pool ? poolByKey(compiled, rule.pool) : undefined;
    const missingPool = rule.pool ? undefined : poolsOf(compiled, rule.object)[0]?.key;
    const timeZone = pool?.timeZone ?? compiled.timeZone;
    const orderText = rule.workOrderPriority ? `${rule.workOrderPriority.order === 'asc' ? '' : '-'}${rule.workOrderPriority.field},createdAt` : 'createdAt';
    return {
      key, definition: rule, object: rule.object,
      ...(pool ? { pool } : {}),
      ...(rule.records?.include ? { include: parseFilterOrThrow(rule.records.include, object.scope, { allowVariables: false }) } : {}),
      ...(rule.records?.exclude ? { exclude: parseFilterOrThrow(rule.records.exclude, object.scope, { allowVariables: false }) } : {}),
      ...(rule.users?.where ? { users: parseFilterOrThrow(rule.users.where, userScope(), { allowVariables: false }) } : {}),
      ...(rule.users?.maxPerDay !== undefined ? { maxPerDay: rule.users.maxPerDay } : {}),
      ...(rule.users?.maxTotal !== undefined ? { maxTotal: rule.users.maxTotal } : {}),
      match: rule.match,
      priority: rule.priority ?? defaultRulePriority,
      ...(rule.schedule ? { schedule: rule.schedule } : {}),
      timeZone,
      ...(rule.activeFrom ? { activeFrom: startOfLocalDate(rule.activeFrom, timeZone) } : {}),
      // activeUntil is the last day the rule runs, inclusive.
      ...(rule.activeUntil ? { activeUntil: new Date(addInZone(startOfLocalDate(rule.activeUntil, timeZone), 1, 'day', timeZone).getTime() - 1) } : {}),
      enabled: rule.enabled ?? true,
      ...(missingPool ? { missingPool } : {}),
      order: parseOrderBy(orderText, object.scope, { allowPaths: true }).keys,
    };
  }).sort(byRunOrder));
}

/** Whether a rule is active at an instant (enabled, runnable and inside its lifetime). */
export function isActive(rule: CompiledRule, at: Date): boolean {
  if (!rule.enabled || rule.missingPool) return false;
  if (rule.activeFrom && at < rule.activeFrom) return false;
  if (rule.activeUntil && at > rule.activeUntil) return false;
  return true;
}

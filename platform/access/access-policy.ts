import { Ability, subject as tagSubject, type RawRuleOf } from '@casl/ability';
import { permittedFieldsOf, rulesToCondition } from '@casl/ability/extra';
import { sql } from 'kysely';
import { and, trueNode, type FilterNode } from '../filter/filter-ast.ts';
import { compileFilterSql, type SqlPredicate } from '../filter/compile-filter-sql.ts';
import { evaluateFilter, type EvaluationContext, type Row } from '../filter/evaluate-filter.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { FilterContext } from '../filter/resolve-operand.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { poolsHiddenFrom } from '../pools/pool-visibility.ts';
import type { UserInfo } from '../principal.ts';
import type { RecordAction } from './actions.ts';
import { compiledRoles, type CompiledRoleRule } from './compile-roles.ts';

type AppAbility = Ability<[string, any], FilterNode>;

/** A row paired with a way to find the rows its lookups point at (for one-hop conditions). */
const resolverOf = new WeakMap<object, EvaluationContext['resolve']>();

/**
 * What one caller may do, compiled from the roles in metadata with CASL. Deny by default; a
 * user's roles are unioned. Conditions stay in Shoal's filter tree, so the same rule is
 * enforced in SQL for lists, counts, aggregates and exports, and in memory for a single
 * record being created or changed.
 *
 * @example
 * const policy = accessPolicy(compiled, principal.roles, principal.user);
 * db.selectFrom('records as r').where(policy.predicate('read', 'lead', 'r')) …
 */
export class AccessPolicy {
  readonly ability: AppAbility;
  readonly isAdmin: boolean;
  readonly context: FilterContext;
  readonly #rulesByKey = new Map<string, CompiledRoleRule[]>();
  readonly #memo = new Map<string, unknown>();

  constructor(
    readonly compiled: CompiledMetadata,
    readonly roles: readonly string[],
    readonly user: UserInfo | null,
    now: Date = new Date(),
  ) {
    const all = compiledRoles(compiled);
    const rules = roles.flatMap((role) => all.get(role) ?? []);
    this.isAdmin = rules.some((r) => r.objects === 'all' && r.actions === 'all');
    this.context = {
      now,
      timeZone: compiled.timeZone,
      ...(user ? { user: { id: user.id, email: user.email, name: user.name, roles: [...roles], managerId: user.managerId, attributes: user.attributes } } : {}),
    };
    const context = this.context;
    const raw: RawRuleOf<AppAbility>[] = rules.map((r) => ({
      action: r.actions === 'all' ? 'manage' : r.actions,
      subject: r.objects === 'all' ? 'all' : r.objects,
      ...(r.condition ? { conditions: r.condition } : {}),
      ...(r.fields ? { fields: r.fields } : {}),
    }));
    this.ability = new Ability<[string, any], FilterNode>(raw, {
      conditionsMatcher: (condition: FilterNode) => (row: Row) =>
        evaluateFilter(condition, row, { ...context, ...(resolverOf.has(row) ? { resolve: resolverOf.get(row)! } : {}) }),
      fieldMatcher: (fields: string[]) => (field: string) => fields.includes(field),
    });
  }

  /** The system itself (sweeps, schedules, template seeding): everything is allowed. */
  static system(compiled: CompiledMetadata, now = new Date()): AccessPolicy {
    return new AccessPolicy(compiled, ['admin'], null, now);
  }

  /** Whether any rule grants `action` on `object` at all (before looking at any record). */
  mayEver(action: RecordAction, object: string): boolean {
    return this.ability.rulesFor(action, object).some((r) => !r.inverted);
  }

  /**
   * The SQL condition a row of `object` must meet for `action`: the union of the conditions of
   * every rule granting it (TRUE for an unconditional rule, FALSE when none grants it).
   */
  predicate(action: RecordAction, object: string, alias: string): SqlPredicate {
    return this.memo(`predicate\u0000${action}\u0000${object}\u0000${alias}`, () => this.#predicate(action, object, alias));
  }

  /**
   * A value derived from this policy alone (its rules, user and clock), made once per policy:
   * the policy lives a few seconds for a burst of one caller's requests (`accessPolicyFor`), and
   * compiling its conditions to SQL was a tenth of a get by id's CPU. `make` must not depend on
   * anything else, and what it returns is shared (never change it).
   */
  memo<T>(key: string, make: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = make();
    this.#memo.set(key, value);
    return value;
  }

  #predicate(action: RecordAction, object: string, alias: string): SqlPredicate {
    const scope = this.compiled.objects.get(object)?.scope;
    if (!scope) return sql<boolean>`FALSE`;
    const condition = this.condition(action, object);
    if (condition === null) return sql<boolean>`FALSE`;
    return compileFilterSql(condition, scope, { ...this.context, alias });
  }

  /**
   * `predicate` as a filter tree over the object's scope; null when no rule grants `action`.
   * Reading is also limited to the pools the caller may see (`poolVisibility`), whatever the rules.
   */
  condition(action: RecordAction, object: string): FilterNode | null {
    const granted = this.#grantedCondition(action, object);
    return action === 'read' && granted !== null ? and([granted, this.poolVisibility(object)]) : granted;
  }

  /**
   * Where the caller may see a record of `object` as far as its pools say: anywhere but in the
   * public sea of a pool whose `members` they are not in (nor administer). A condition on `pool`
   * with those pools as constants, made once per policy, so the read condition of every list,
   * count, aggregate, export, lookup and get carries it and its SQL stays index-friendly; TRUE
   * (nothing added) when every pool is open to the caller.
   */
  poolVisibility(object: string): FilterNode {
    return this.memo(`poolVisibility\u0000${object}`, () => {
      const scope = this.compiled.objects.get(object)?.scope;
      const hidden = scope ? poolsHiddenFrom(this, this.compiled, object) : [];
      if (hidden.length === 0) return trueNode;
      return parseFilterOrThrow({ $or: [{ poolState: { $ne: 'public' } }, { pool: { $nin: hidden } }] }, scope!);
    });
  }

  #grantedCondition(action: RecordAction, object: string): FilterNode | null {
    return rulesToCondition(
      this.ability.rulesFor(action, object),
      (rule) => rule.conditions ?? trueNode,
      {
        and: (parts: FilterNode[]): FilterNode => ({ kind: 'and', children: parts }),
        or: (parts: FilterNode[]): FilterNode => ({ kind: 'or', children: parts }),
        empty: (): FilterNode => trueNode,
      },
    );
  }

  /** Whether `action` is allowed on one record (with its related rows for one-hop conditions). */
  can(action: RecordAction, object: string, record: Row, resolve?: EvaluationContext['resolve']): boolean {
    if (!this.ability.can(action, this.#subject(object, record, resolve))) return false;
    return action !== 'read' || evaluateFilter(this.poolVisibility(object), record, this.context);
  }

  /**
   * The rules for `action` on `object` that limit fields, with SQL flags telling per row
   * whether each applies. `undefined` means every field is allowed wherever the action is.
   */
  fieldRules(action: RecordAction, object: string, alias: string): FieldRule[] | undefined {
    return this.memo(`fieldRules\u0000${action}\u0000${object}\u0000${alias}`, () => this.#fieldRules(action, object, alias));
  }

  #fieldRules(action: RecordAction, object: string, alias: string): FieldRule[] | undefined {
    const rules = this.ability.rulesFor(action, object).filter((r) => !r.inverted);
    if (!rules.some((r) => r.fields)) return undefined;
    const scope = this.compiled.objects.get(object)!.scope;
    return rules.map((r) => ({
      fields: r.fields ?? 'all',
      condition: r.conditions ? compileFilterSql(r.conditions, scope, { ...this.context, alias }) : sql<boolean>`TRUE`,
    }));
  }

  /** The fields `action` may touch on this record: 'all', or the union of the matching rules' allowlists. */
  fieldsFor(action: RecordAction, object: string, record: Row, resolve?: EvaluationContext['resolve']): 'all' | Set<string> {
    const rules = this.ability.rulesFor(action, object);
    if (!rules.some((r) => r.fields)) return 'all';
    const marker = '\u0000all';
    const fields = permittedFieldsOf(this.ability, action, this.#subject(object, record, resolve), {
      fieldsFrom: (rule) => rule.fields ?? [marker],
    });
    return fields.includes(marker) ? 'all' : new Set(fields);
  }

  #subject(object: string, record: Row, resolve?: EvaluationContext['resolve']): Row {
    const tagged = tagSubject(object, { ...record });
    if (resolve) resolverOf.set(tagged, resolve);
    return tagged;
  }
}

export interface FieldRule {
  fields: string[] | 'all';
  condition: SqlPredicate;
}

const policies = new WeakMap<object, Map<number, AccessPolicy>>();

/**
 * The policy of a principal for a metadata version, cached while the principal object lives
 * (the auth cache keeps it for 30 s), so a burst of requests compiles it once. The clock is
 * the policy's creation time, refreshed at most every few seconds.
 */
export function accessPolicyFor(compiled: CompiledMetadata, principal: { roles: string[]; user: UserInfo }, now = new Date()): AccessPolicy {
  let byVersion = policies.get(principal);
  if (!byVersion) {
    byVersion = new Map();
    policies.set(principal, byVersion);
  }
  const key = compiled.version;
  const cached = byVersion.get(key);
  if (cached && cached.compiled === compiled && Math.abs(now.getTime() - cached.context.now.getTime()) < 5000) return cached;
  const policy = new AccessPolicy(compiled, principal.roles, principal.user, now);
  byVersion.set(key, policy);
  return policy;
}

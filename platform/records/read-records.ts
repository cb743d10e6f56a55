import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { ShoalError } from '../errors.ts';
import type { SqlPredicate } from '../filter/compile-filter-sql.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import { falseNode, trueNode, type FilterNode } from '../filter/filter-ast.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { parseOrderBy, type SortKey } from '../metadata/order-by.ts';
import { prepared } from '../storage/prepared-statements.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { countRecords, listRecords } from './list-records.ts';
import type { RecordContext } from './record-context.ts';
import { recordColumns, toApiRecord, type RecordRow } from './record-shape.ts';
import type { RecordAction } from '../access/actions.ts';
import { attributesInMetadata, refuseAttributeConditions } from '../users/attribute-filters.ts';

export interface ListRequest {
  where?: unknown;
  /**
   * Where `where` came from, which its problems' pointers start with: `?where` (a query
   * parameter) or `/where` (a body's, the default).
   */
  whereAt?: string;
  orderBy?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  count?: boolean;
  /** `visit.lead`: only records the caller may create a visit on through its lookup lead (record lists only). */
  linkable?: string;
}

export interface ParsedListRequest {
  filter: SqlPredicate[];
  orderBy: SortKey[];
  orderText: string;
  limit: number;
  cursor?: string;
  fields?: Set<string>;
  expand: string[];
  count: boolean;
}

/**
 * Checks a list request against the object: filter, sort, fields and expansions. 400 on any
 * problem. `privateOnly`: the list shows private records only (a private pool), where a field
 * hidden while public is no secret to sort by.
 */
export function parseListRequest(ctx: RecordContext, object: CompiledObject, request: ListRequest, defaults: { orderBy?: string; maxLimit?: number; privateOnly?: boolean } = {}): ParsedListRequest {
  const filter: SqlPredicate[] = [];
  if (request.where !== undefined && request.where !== null) {
    const node = guardHiddenFields(ctx, object, parseFilterOrThrow(request.where, object.scope, { basePointer: request.whereAt ?? '/where' }));
    filter.push(compileFilterSql(node, object.scope, { ...ctx.policy.context, alias: 'r' }));
  }
  const orderText = request.orderBy ?? defaults.orderBy ?? '-createdAt';
  const { keys, errors } = parseOrderBy(orderText, object.scope);
  if (errors.length > 0) {
    throw new ShoalError('bad_request', `orderBy: ${errors.join('; ')}`, { errors: errors.map((message) => ({ path: '?orderBy', message })) });
  }
  const hidden = defaults.privateOnly ? new Set<string>() : hiddenFieldsFor(ctx, object);
  const hiddenSort = keys.filter((k) => hidden.has(k.path));
  if (hiddenSort.length > 0) {
    throw new ShoalError('bad_request', `orderBy: ${hiddenSort.map((k) => k.path).join(', ')} cannot be sorted on (hidden while records are public)`, { errors: [{ path: '?orderBy', message: 'hidden field' }] });
  }
  const limit = request.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > (defaults.maxLimit ?? 500)) throw new ShoalError('bad_request', 'limit must be an integer from 1 to 500', { errors: [{ path: '?limit', message: 'must be 1..500' }] });
  const { fields, expand } = parseFieldsAndExpand(object, request);
  return {
    filter, orderBy: keys, orderText, limit, expand, count: request.count ?? false,
    ...(request.cursor ? { cursor: request.cursor } : {}),
    ...(fields ? { fields } : {}),
  };
}

/** `fields` and `expand` of a list or a get: known fields, and lookups to expand. */
export function parseFieldsAndExpand(object: CompiledObject, request: { fields?: string[]; expand?: string[] }): { fields?: Set<string>; expand: string[] } {
  let fields: Set<string> | undefined;
  if (request.fields) {
    const unknown = request.fields.filter((f) => !object.fields.has(f));
    if (unknown.length > 0) throw new ShoalError('bad_request', `fields: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of ${object.key}`, { errors: unknown.map((f) => ({ path: '?fields', message: `${f} is not a field` })) });
    fields = new Set(request.fields);
  }
  const expand = request.expand ?? [];
  for (const key of expand) {
    const field = object.fields.get(key);
    if (!field?.target) throw new ShoalError('bad_request', `expand: ${key} is not a lookup of ${object.key}`, { errors: [{ path: '?expand', message: `${key} is not a lookup` }] });
  }
  // A lookup asked to be expanded is asked for: `fields=name&expand=hotel` answers hotel too.
  if (fields) for (const key of expand) fields.add(key);
  return { expand, ...(fields ? { fields } : {}) };
}

/** Fields the caller cannot see on public records of this object (empty for pool admins). */
export function hiddenFieldsFor(ctx: RecordContext, object: CompiledObject): Set<string> {
  const hidden = new Set<string>();
  if (ctx.policy.isAdmin) return hidden;
  for (const pool of object.hiddenWhilePublic.values()) {
    if (ctx.policy.roles.some((r) => pool.adminRoles.includes(r))) continue;
    for (const f of pool.fields) hidden.add(f);
  }
  return hidden;
}

/**
 * A condition on a field only matches records on which the caller may read that field, so a
 * filter cannot probe values it would not show: one hidden while public matches only private
 * records (`{ contactPhone: … }` finds nothing in the public pool), one outside a role's field
 * list only the records of the rules that list it. A path through a lookup (`hotel.code`) needs
 * the lookup readable here and reaches only related records on which the caller may read that
 * field; others count as absent.
 */
export function guardHiddenFields(ctx: RecordContext, object: CompiledObject, node: FilterNode): FilterNode {
  refuseColleagueAttributes(ctx, node);
  const guard = (leaf: FilterNode & { kind: 'leaf' }): FilterNode => {
    const field = object.fields.get(leaf.via ? leaf.via.field.key : leaf.path);
    const guards = field ? fieldGuards(ctx, object, field) : [];
    // People (`owner.name`) are no object here: colleagues are visible to everyone.
    const target = leaf.via && ctx.compiled.objects.get(leaf.via.scope.name);
    const within = target && readableNode(ctx, target, leaf.field.key);
    const reached: FilterNode = leaf.via && within && within !== trueNode ? { ...leaf, via: { ...leaf.via, within } } : leaf;
    return guards.length ? { kind: 'and', children: [reached, ...guards] } : reached;
  };
  const visit = (n: FilterNode): FilterNode => {
    switch (n.kind) {
      case 'leaf': return guard(n);
      case 'and': return { kind: 'and', children: n.children.map(visit) };
      case 'or': return { kind: 'or', children: n.children.map(visit) };
      case 'not': return { kind: 'not', child: visit(n.child) };
      case 'constant': return n;
    }
  };
  return visit(node);
}

/**
 * A filter through a people lookup may test only the attributes the tenant's own metadata uses,
 * in its roles, views, pools or rules (`owner.attributes.team`, which a manager's team view
 * sends); any other (`owner.attributes.level`) is a 400 for anyone but an administrator, where it
 * told a BD which colleagues had which level.
 */
function refuseColleagueAttributes(ctx: RecordContext, node: FilterNode): void {
  refuseAttributeConditions(ctx, node, 'Filtering by colleagues\' attributes that no role, view or pool uses is for administrators',
    (leaf, attribute) => !leaf.via || attributesInMetadata(ctx.compiled).has(attribute));
}

/** Where the caller may read a field of a record they may read: the read rules that list it, and not while public where a pool hides it. */
function fieldGuards(ctx: RecordContext, object: CompiledObject, field: ModelField): FilterNode[] {
  const poolState = object.fields.get('poolState');
  const hiddenKeys = poolState && hiddenFieldsFor(ctx, object);
  const hidden = hiddenKeys && ownKeys(field).some((k) => hiddenKeys.has(k))
    ? { kind: 'leaf', pointer: '', path: 'poolState', field: poolState, op: '$ne', operand: { kind: 'literal', value: 'public' } } as const
    : undefined;
  return [hidden, readableWhereNode(ctx, object, field)].filter((g): g is FilterNode => g !== undefined);
}

/** The records of `object` the caller may read, with `fieldKey` readable on them (a filter tree). */
function readableNode(ctx: RecordContext, object: CompiledObject, fieldKey: string): FilterNode {
  const record = ctx.policy.condition('read', object.key) ?? falseNode;
  const field = object.fields.get(fieldKey);
  const guards = field ? fieldGuards(ctx, object, field) : [];
  return guards.length ? { kind: 'and', children: [record, ...guards] } : record;
}

/**
 * Where the role rules let the caller read a field: the conditions of the read rules that list it.
 * Undefined when it is readable wherever the record is: a system field (but `pool`, read as the
 * fields its pools' filters name), a rule that lists it
 * unconditionally, or no field lists at all (the read condition itself, already part of every
 * query: repeating it would only keep indexes out of a sort).
 */
function readableWhereNode(ctx: RecordContext, object: CompiledObject, field: ModelField): FilterNode | undefined {
  if (field.system) {
    const nodes = (field.readsAs ?? []).flatMap((k) => {
      const told = object.fields.get(k);
      const node = told && readableWhereNode(ctx, object, told);
      return node ? [node] : [];
    });
    return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : { kind: 'and', children: nodes };
  }
  const rules = ctx.policy.ability.rulesFor('read', object.key).filter((r) => !r.inverted);
  if (!rules.some((r) => r.fields)) return undefined;
  const conditions = rules.filter((r) => !r.fields || r.fields.includes(field.key)).map((r) => r.conditions ?? trueNode);
  if (conditions.some((c) => c.kind === 'constant' && c.value)) return undefined;
  return conditions.length === 0 ? { kind: 'constant', value: false } : { kind: 'or', children: conditions };
}

/** The field's key and those of the fields it tells the values of (`readsAs`): hidden while public if any of them is. */
function ownKeys(field: ModelField): string[] {
  return field.readsAs ? [field.key, ...field.readsAs] : [field.key];
}

/**
 * Where the caller may read a field (SQL over alias r): the read rules that list it, and not
 * while public where a pool hides it. Undefined when it is readable wherever the record is.
 */
export function readableWhereSql(ctx: RecordContext, object: CompiledObject, field: ModelField): SqlPredicate | undefined {
  const where = readableWhereNode(ctx, object, field);
  let readable: SqlPredicate | undefined = where && compileFilterSql(where, object.scope, { ...ctx.policy.context, alias: 'r' });
  const hiddenIn = [...object.hiddenWhilePublic].filter(([, h]) => ownKeys(field).some((k) => h.fields.has(k)) && !ctx.policy.isAdmin && !ctx.policy.roles.some((role) => h.adminRoles.includes(role))).map(([pool]) => pool);
  if (hiddenIn.length > 0) {
    const notHidden = sql<boolean>`NOT (r.pool_state = 'public' AND r.pool IN (${sql.join(hiddenIn)}))`;
    readable = readable ? sql<boolean>`(${readable} AND ${notHidden})` : notHidden;
  }
  return readable;
}

/**
 * The records the caller may read and, on them, `field` (SQL over alias r): for matching records
 * by a field's value (an import's lookup titles, an upsert's key) without telling the caller
 * about records, or values, they may not read.
 */
export function readableWithFieldSql(ctx: RecordContext, object: CompiledObject, field: ModelField): SqlPredicate {
  const record = ctx.policy.predicate('read', object.key, 'r');
  const value = readableWhereSql(ctx, object, field);
  return value ? sql<boolean>`(${record} AND ${value})` : record;
}

/** Columns a list reads beyond the record's (by alias), and what each record gains from them. */
export interface ExtraColumns {
  columns: Record<string, RawBuilder<unknown>>;
  decorate: (row: RecordRow & Record<string, unknown>) => Row;
}

/**
 * A page of records the caller may read: their filter and the read permission are both in the
 * SQL (never filtered after paging); unreadable fields are stripped per row.
 */
export async function listForCaller(
  tx: Tx,
  ctx: RecordContext,
  object: CompiledObject,
  request: ParsedListRequest,
  extraConditions: SqlPredicate[] = [],
  extra?: ExtraColumns,
): Promise<{ data: Row[]; nextCursor: string | null; total?: number }> {
  const conditions = [...request.filter, ctx.policy.predicate('read', object.key, 'r'), ...extraConditions];
  const fieldRules = ctx.policy.fieldRules('read', object.key, 'r');
  const flags = { ...Object.fromEntries((fieldRules ?? []).map((r, i) => [`__read${i}`, r.condition])), ...extra?.columns };
  // A sort by a field the caller may read on some records only orders (and pages) by it there.
  const sortReadable = request.orderBy.map((k) => {
    const field = k.via ? undefined : object.fields.get(k.path);
    return field ? readableWhereSql(ctx, object, field) : undefined;
  });
  const page = await listRecords(tx, {
    tenantId: ctx.tenantId, object, conditions, orderBy: request.orderBy, orderText: request.orderText, limit: request.limit,
    ...(request.cursor ? { cursor: request.cursor } : {}), flags, ...(sortReadable.some(Boolean) ? { sortReadable } : {}),
  });
  const data = page.rows.map((row) => {
    const record = toApiRecord(row, object, readableFor(ctx, object, fieldRules, row), request.fields);
    return extra ? { ...record, ...extra.decorate(row) } : record;
  });
  if (request.expand.length > 0) await expandLookups(tx, ctx, object, request.expand, data);
  const result: { data: Row[]; nextCursor: string | null; total?: number } = { data, nextCursor: page.nextCursor };
  if (request.count) result.total = await countRecords(tx, ctx.tenantId, object, conditions);
  return result;
}

/**
 * Which fields a row may show: its read rules (per-rule flags the query computed), minus the
 * pool's hidden fields while the record is public, unless the caller administers the pool.
 */
export function readableFor(ctx: RecordContext, object: CompiledObject, rules: Array<{ fields: string[] | 'all' }> | undefined, row: RecordRow & Record<string, unknown>): 'all' | Set<string> {
  return withoutHiddenWhilePublic(ctx, object, readableFromFlags(rules, row), row);
}

/**
 * `readable` (the fields a row may show by its read rules) minus the pool's hidden fields while
 * the record is public, unless the caller administers the pool: what every answer showing a
 * record (a read, a list, a write's answer) may carry.
 */
export function withoutHiddenWhilePublic(ctx: RecordContext, object: CompiledObject, readable: 'all' | Set<string>, row: RecordRow): 'all' | Set<string> {
  const hidden = row.pool_state === 'public' && row.pool ? object.hiddenWhilePublic.get(row.pool) : undefined;
  if (!hidden || hidden.fields.size === 0 || ctx.policy.isAdmin || ctx.policy.roles.some((r) => hidden.adminRoles.includes(r))) return readable;
  const base = readable === 'all' ? new Set(object.customFields.map((f) => f.key)) : new Set(readable);
  for (const f of hidden.fields) base.delete(f);
  return base;
}

/** Which fields a row may show by its read rules alone, from the per-rule flags of the query. */
export function readableFromFlags(rules: Array<{ fields: string[] | 'all' }> | undefined, row: Record<string, unknown>): 'all' | Set<string> {
  if (!rules) return 'all';
  const fields = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (!row[`__read${i}`]) continue;
    if (rule.fields === 'all') return 'all';
    for (const f of rule.fields) fields.add(f);
  }
  return fields;
}

/**
 * Loads one record the caller may see for `action` (default read), with the flags that say
 * which fields they may read. `lock` takes a row lock for a following write: `true` for a change
 * (FOR NO KEY UPDATE: other writers of the record wait, a write pointing a lookup at it does
 * not), `'delete'` for a delete (FOR UPDATE: it also waits for, and holds off, the writes whose
 * lookups lock it FOR KEY SHARE, `checkLookups`, so none can point at it unseen).
 */
export async function loadVisibleRecord(
  tx: Tx,
  ctx: RecordContext,
  object: CompiledObject,
  id: string,
  options: { lock?: boolean | 'delete'; deleted?: boolean; flags?: Record<string, SqlPredicate>; flagsOfPolicy?: string } = {},
): Promise<(RecordRow & Record<string, unknown>) | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const build = () => {
    const fieldRules = ctx.policy.fieldRules('read', object.key, 'r');
    const flags = { ...Object.fromEntries((fieldRules ?? []).map((r, i) => [`__read${i}`, r.condition])), ...options.flags };
    const flagColumns = Object.entries(flags).map(([alias, predicate]) => sql`(${predicate}) AS ${sql.id(alias)}`);
    return sql<RecordRow & Record<string, unknown>>`${prepared}
      SELECT ${sql.join([...recordColumnRefs, ...flagColumns])}
        FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${idSlot}::uuid
         AND r.deleted_at IS ${options.deleted ? sql`NOT NULL` : sql`NULL`}
         AND ${ctx.policy.predicate('read', object.key, 'r')}
         ${options.lock === 'delete' ? sql`FOR UPDATE OF r` : options.lock ? sql`FOR NO KEY UPDATE OF r` : sql``}`.compile(tx);
  };
  // Compiled once per caller's policy (a get by id, every update's read). Flags are compiled each
  // time, unless they depend on the policy alone and are named by `flagsOfPolicy`.
  const query = options.flags && !options.flagsOfPolicy
    ? build()
    : ctx.policy.memo(`loadVisibleRecord\u0000${ctx.tenantId}\u0000${object.key}\u0000${options.deleted === true}\u0000${options.lock ?? false}\u0000${options.flagsOfPolicy ?? ''}`, build);
  const parameters = query.parameters.map((value) => (value === idSlot ? id.toLowerCase() : value));
  const result = await tx.executeQuery(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<RecordRow & Record<string, unknown>>);
  return result.rows[0];
}

/** Stands for the record's id among a compiled query's parameters (an object: no parameter value can be it). */
const idSlot: unknown = Object.freeze({ recordId: 'bound per request' });
const recordColumnRefs = recordColumns.map((c) => sql.ref(c));

/**
 * GET one record as the caller may see it, or 404, with what they may do to it besides reading
 * (`update`, `delete`: their role rules evaluated on this row in the same query), so a screen can
 * offer Save and Delete only where they will succeed.
 */
export async function getForCaller(tx: Tx, ctx: RecordContext, object: CompiledObject, id: string, options: { fields?: Set<string>; expand?: string[] } = {}): Promise<{ record: Row; allowed: Array<'update' | 'delete'> }> {
  const update = actionFlags(ctx, object, 'update');
  const remove = actionFlags(ctx, object, 'delete');
  const row = await loadVisibleRecord(tx, ctx, object, id, { flags: { ...update.flags, ...remove.flags }, flagsOfPolicy: 'update,delete' });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  const record = toApiRecord(row, object, readableFor(ctx, object, ctx.policy.fieldRules('read', object.key, 'r'), row), options.fields);
  if (options.expand?.length) await expandLookups(tx, ctx, object, options.expand, [record]);
  const allowed: Array<'update' | 'delete'> = [];
  if (allowedFromFlags('update', update.rules, row)) allowed.push('update');
  if (allowedFromFlags('delete', remove.rules, row)) allowed.push('delete');
  return { record, allowed };
}

/**
 * Inlines lookups as objects (`"hotel": { "id", …readable fields }`), one query per target
 * object, honouring the caller's read permission on the target. A target the caller cannot
 * read stays a bare id.
 */
export async function expandLookups(tx: Tx, ctx: RecordContext, object: CompiledObject, keys: string[], records: Row[]): Promise<void> {
  for (const key of keys) {
    const field = object.fields.get(key)!;
    // Ids only: `releasedBy` says `system` for the sweep's releases, which no row is.
    const ids = [...new Set(records.map((r) => r[key]).filter((v): v is string => typeof v === 'string' && isUuid(v)))];
    if (ids.length === 0) continue;
    const found = new Map<string, Row>();
    if (field.target === 'user') {
      const rows = await tx.selectFrom('users').select(['id', 'name', 'email']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute();
      for (const u of rows) found.set(u.id, { id: u.id, name: u.name, email: u.email });
    } else {
      const target = ctx.compiled.objects.get(field.target!);
      if (!target) continue;
      const fieldRules = ctx.policy.fieldRules('read', target.key, 'r');
      const flags = (fieldRules ?? []).map((r, i) => sql`(${r.condition}) AS ${sql.id(`__read${i}`)}`);
      const rows = (await sql<RecordRow & Record<string, unknown>>`
        SELECT ${sql.join([...recordColumns.map((c) => sql.ref(c)), ...flags])} FROM records AS r
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(target.key)} AND r.deleted_at IS NULL
           AND r.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
           AND ${ctx.policy.predicate('read', target.key, 'r')}`.execute(tx)).rows;
      for (const row of rows) found.set(row.id, toApiRecord(row, target, readableFor(ctx, target, fieldRules, row)));
    }
    for (const record of records) {
      const id = record[key];
      if (typeof id === 'string' && found.has(id)) record[key] = found.get(id);
    }
  }
}

/** The SQL flags that tell, per row, whether each rule granting `action` applies. */
export function actionFlags(ctx: RecordContext, object: CompiledObject, action: RecordAction): { flags: Record<string, SqlPredicate>; rules: Array<{ fields: string[] | 'all' }> } {
  const rules = ctx.policy.fieldRules(action, object.key, 'r') ?? [{ fields: 'all' as const, condition: ctx.policy.predicate(action, object.key, 'r') }];
  return {
    flags: Object.fromEntries(rules.map((r, i) => [`__${action}${i}`, r.condition])),
    rules: rules.map((r) => ({ fields: r.fields })),
  };
}

/** Which fields `action` may write on a row loaded with `actionFlags`; undefined when the action is not allowed at all. */
export function allowedFromFlags(action: RecordAction, rules: Array<{ fields: string[] | 'all' }>, row: Record<string, unknown>): 'all' | Set<string> | undefined {
  let any = false;
  const fields = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (!row[`__${action}${i}`]) continue;
    any = true;
    if (rule.fields === 'all') return 'all';
    for (const f of rule.fields) fields.add(f);
  }
  return any ? fields : undefined;
}

import { sql, type RawBuilder } from 'kysely';
import { ShoalError } from '../errors.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { userScope } from '../filter/filter-fields.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import { parseOrderBy, type SortKey } from '../metadata/order-by.ts';
import { decodeCursor, encodeCursor } from '../records/cursor.ts';
import type { RecordContext } from '../records/record-context.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { refuseAttributeConditions } from './attribute-filters.ts';

const scope = userScope();

/** The fields of a colleague besides `id` (which always comes); `attributes` for administrators only. */
export const userRecordFields = ['email', 'name', 'roles', 'managerId', 'active', 'attributes'] as const;
/** What colleagues sort by: the fields with one plain value each. */
export const userSortFields = ['name', 'email', 'active', 'id'] as const;
/** The lookups of a colleague that `expand` inlines (as `{ id, name, email }`). */
export const userLookups = ['managerId'] as const;

export interface UserListRequest {
  where?: unknown;
  /** Where `where` came from (`?where` or `/where`, the default), as a record list's. */
  whereAt?: string;
  orderBy?: string;
  limit?: number;
  cursor?: string;
  count?: boolean;
  fields?: string[];
  expand?: string[];
}

interface UserRow { id: string; email: string; name: string; roles: string[]; attributes: Record<string, unknown>; manager_id: string | null; active: boolean }

/**
 * Users as the read-only object `user` of the records API: what lookups, owner pickers and
 * assignment dialogs need. Everyone signed in sees colleagues' names, e-mails, roles and
 * managers; attributes are shown to administrators only. Sorted by name unless `orderBy` says
 * otherwise (ties broken by id), narrowed by `fields`, with the manager inlined by `expand`.
 */
export async function listUserRecords(tx: Tx, ctx: RecordContext, request: UserListRequest): Promise<{ data: Row[]; nextCursor: string | null; total?: number }> {
  const limit = request.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ShoalError('bad_request', 'limit must be an integer from 1 to 500');
  const orderText = request.orderBy ?? 'name';
  const keys = parseUserOrder(orderText);
  const shape = parseUserShape(request);
  const conditions = [sql`u.tenant_id = ${tenantLiteral(ctx.tenantId)}`];
  if (request.where) {
    const node = parseFilterOrThrow(request.where, scope, { basePointer: request.whereAt ?? '/where' });
    // Conditions on attributes (also through managerId.attributes.*), not any text that mentions them.
    refuseAttributeConditions(ctx, node, 'Filtering users by attributes is for administrators');
    conditions.push(compileFilterSql(node, scope, { ...ctx.policy.context, alias: 'u' }));
  }
  const where = sql.join(conditions, sql` AND `);
  const after = request.cursor ? decodeUserCursor(request.cursor, orderText, keys) : undefined;
  const order = [...keys.map((k) => sql`${sortExpression(k)} ${sql.raw(k.descending ? 'DESC' : 'ASC')}`), sql`u.id ASC`];
  const rows = (await sql<UserRow>`
    SELECT u.id, u.email, u.name, u.roles, u.attributes, u.manager_id, u.active FROM users AS u
     WHERE ${where} ${after ? sql`AND ${afterPredicate(keys, after)}` : sql``}
     ORDER BY ${sql.join(order)} LIMIT ${limit + 1}`.execute(tx)).rows;
  const page = rows.slice(0, limit);
  const data = page.map((u) => userRecord(ctx, u, shape.fields));
  await expandManagers(tx, ctx.tenantId, data, shape.expand);
  const last = page[page.length - 1];
  const result: { data: Row[]; nextCursor: string | null; total?: number } = {
    data, nextCursor: rows.length > limit && last ? encodeUserCursor(orderText, keys, last) : null,
  };
  if (request.count) result.total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM users AS u WHERE ${where}`.execute(tx)).rows[0]!.n);
  return result;
}

export async function getUserRecord(tx: Tx, ctx: RecordContext, id: string, options: { fields?: string[]; expand?: string[] } = {}): Promise<Row> {
  if (!isUuid(id)) throw new ShoalError('not_found', `user ${id} was not found`);
  const page = await listUserRecords(tx, ctx, { ...options, where: { id: id.toLowerCase() }, limit: 1 });
  if (!page.data[0]) throw new ShoalError('not_found', `user ${id} was not found`);
  return page.data[0];
}

function parseUserOrder(text: string): SortKey[] {
  const { keys, errors } = parseOrderBy(text, scope);
  const sortable: readonly string[] = userSortFields;
  const problems = [...errors, ...keys.filter((k) => !sortable.includes(k.path)).map((k) => `cannot sort colleagues by ${k.path} (sortable: ${userSortFields.join(', ')})`)];
  if (problems.length > 0) throw new ShoalError('bad_request', `orderBy: ${problems.join('; ')}`, { errors: problems.map((message) => ({ path: '?orderBy', message })) });
  return keys;
}

function parseUserShape(request: UserListRequest): { fields?: Set<string>; expand: string[] } {
  const known: readonly string[] = userRecordFields;
  const unknown = (request.fields ?? []).filter((f) => f !== 'id' && !known.includes(f));
  if (unknown.length > 0) {
    throw new ShoalError('bad_request', `fields: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of user (fields: ${userRecordFields.join(', ')})`, { errors: unknown.map((f) => ({ path: '?fields', message: `${f} is not a field` })) });
  }
  const lookups: readonly string[] = userLookups;
  const expand = request.expand ?? [];
  for (const key of expand) {
    if (!lookups.includes(key)) throw new ShoalError('bad_request', `expand: ${key} is not a lookup of user (only ${userLookups.join(', ')})`, { errors: [{ path: '?expand', message: `${key} is not a lookup` }] });
  }
  // As on every list: a lookup asked to be expanded is asked for.
  return { expand, ...(request.fields ? { fields: new Set([...request.fields, ...expand]) } : {}) };
}

function userRecord(ctx: RecordContext, u: UserRow, fields: Set<string> | undefined): Row {
  const all: Row = {
    id: u.id, email: u.email, name: u.name, roles: u.roles, managerId: u.manager_id, active: u.active,
    ...(ctx.policy.isAdmin ? { attributes: u.attributes } : {}),
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([key]) => key === 'id' || fields.has(key)));
}

async function expandManagers(tx: Tx, tenantId: string, data: Row[], expand: string[]): Promise<void> {
  if (!expand.includes('managerId')) return;
  const ids = [...new Set(data.map((u) => u.managerId).filter((v): v is string => typeof v === 'string'))];
  if (ids.length === 0) return;
  const managers = new Map((await tx.selectFrom('users').select(['id', 'name', 'email']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()).map((m) => [m.id, { id: m.id, name: m.name, email: m.email }]));
  for (const u of data) if (typeof u.managerId === 'string' && managers.has(u.managerId)) u.managerId = managers.get(u.managerId);
}

const columns: Record<string, { column: string; cast: string }> = {
  name: { column: 'name', cast: 'text' }, email: { column: 'email', cast: 'text' }, active: { column: 'active', cast: 'boolean' }, id: { column: 'id', cast: 'uuid' },
};

function sortExpression(key: SortKey): RawBuilder<unknown> {
  const { column, cast } = columns[key.path]!;
  return cast === 'text' ? sql`${sql.ref(`u.${column}`)} COLLATE "C"` : sql.ref(`u.${column}`);
}

function boundValue(key: SortKey, value: unknown): RawBuilder<unknown> {
  const { cast } = columns[key.path]!;
  return cast === 'text' ? sql`${value}::text COLLATE "C"` : sql`${value}::${sql.raw(cast)}`;
}

/** Rows after the cursor's in the list's order (every sort column is NOT NULL; ties by id). */
function afterPredicate(keys: SortKey[], after: { values: unknown[]; id: string }): RawBuilder<unknown> {
  const equal = (i: number) => sql`${sortExpression(keys[i]!)} = ${boundValue(keys[i]!, after.values[i])}`;
  const branches = keys.map((key, i) => sql.join([
    ...keys.slice(0, i).map((_, j) => equal(j)),
    sql`${sortExpression(key)} ${sql.raw(key.descending ? '<' : '>')} ${boundValue(key, after.values[i])}`,
  ], sql` AND `));
  branches.push(sql.join([...keys.map((_, j) => equal(j)), sql`u.id > ${after.id}::uuid`], sql` AND `));
  return sql`(${sql.join(branches.map((b) => sql`(${b})`), sql` OR `)})`;
}

function encodeUserCursor(orderText: string, keys: SortKey[], last: UserRow): string {
  return encodeCursor({ order: orderText, phase: 0, values: keys.map((k) => last[columns[k.path]!.column as keyof UserRow]), id: last.id });
}

/** The records lists' cursor (bound to its orderBy), or one made before orderBy was taken: `[name, id]`, of the list by name. */
function decodeUserCursor(cursor: string, orderText: string, keys: SortKey[]): { values: unknown[]; id: string } {
  const { values, id } = (orderText === 'name' ? nameCursor(cursor) : undefined) ?? decodeCursor(cursor, orderText);
  const fits = (value: unknown, cast: string) => (cast === 'boolean' ? typeof value === 'boolean' : cast === 'uuid' ? typeof value === 'string' && isUuid(value) : typeof value === 'string');
  if (values.length !== keys.length || keys.some((key, i) => !fits(values[i], columns[key.path]!.cast))) {
    throw new ShoalError('invalid_cursor', 'The cursor is not valid for this list (use the nextCursor of the previous page with the same orderBy)');
  }
  return { values, id };
}

function nameCursor(cursor: string): { values: unknown[]; id: string } | undefined {
  try {
    const state: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(state) && state.length === 2 && typeof state[0] === 'string' && isUuid(state[1]) ? { values: [state[0]], id: state[1] as string } : undefined;
  } catch {
    return undefined;
  }
}

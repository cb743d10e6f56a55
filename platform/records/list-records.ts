import { sql, type RawBuilder } from 'kysely';
import { ShoalError } from '../errors.ts';
import { bindValue, fieldSql, type SqlPredicate } from '../filter/compile-filter-sql.ts';
import type { FilterField } from '../filter/filter-fields.ts';
import { coerceValue } from '../filter/filter-values.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { SortKey } from '../metadata/order-by.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { recordColumns, type RecordRow } from './record-shape.ts';

export interface ListQuery {
  tenantId: string;
  object: CompiledObject;
  /** Every condition a row must meet: the caller's filter, permissions, pool scoping … */
  conditions: SqlPredicate[];
  orderBy: SortKey[];
  /** The `orderBy` text the cursor is bound to. */
  orderText: string;
  limit: number;
  cursor?: string;
  /** Extra columns to read per row (permission flags, a private pool's release time), by alias. */
  flags?: Record<string, RawBuilder<unknown>>;
  /**
   * Per sort key, where the caller may read its field (undefined: wherever the record is read).
   * Elsewhere the key sorts as empty, and the cursor carries no value of it.
   */
  sortReadable?: Array<SqlPredicate | undefined>;
}

export interface ListPage {
  rows: Array<RecordRow & Record<string, unknown>>;
  nextCursor: string | null;
}

/**
 * One page of records by keyset: no OFFSET, ties broken by id, nulls last in both directions.
 * Rows whose first sort key is null come after all others (a second "phase" of the scan), so
 * the first phase can walk an index on that key in either direction.
 */
export async function listRecords(tx: Tx, query: ListQuery): Promise<ListPage> {
  const [first] = query.orderBy;
  if (!first) throw new Error('orderBy must not be empty');
  const cursor = query.cursor ? decodeCursor(query.cursor, query.orderText) : undefined;
  if (cursor) checkCursorValues(cursor.values, query.orderBy);
  const nullable = !neverNull(first.field) || query.sortReadable?.[0] !== undefined;
  const rows: ListPage['rows'] = [];
  let phase: 0 | 1 = cursor?.phase ?? 0;
  let after = cursor;
  for (;;) {
    const want = query.limit + 1 - rows.length;
    const batch = await runPhase(tx, query, phase, after, want);
    rows.push(...batch.map((r) => ({ ...r, __phase: phase })));
    if (rows.length > query.limit || phase === 1 || !nullable) break;
    phase = 1;
    after = undefined;
  }
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last
    ? encodeCursor({ order: query.orderText, phase: last.__phase as 0 | 1, values: query.orderBy.map((k, i) => (last[`__sort${i}`] === false ? null : sortValue(last, k.field))), id: last.id })
    : null;
  for (const row of page) {
    delete (row as Record<string, unknown>).__phase;
    query.sortReadable?.forEach((_, i) => delete (row as Record<string, unknown>)[`__sort${i}`]);
  }
  return { rows: page, nextCursor };
}

async function runPhase(tx: Tx, query: ListQuery, phase: 0 | 1, after: { values: unknown[]; id: string } | undefined, limit: number) {
  const keys = query.orderBy;
  const readable = query.sortReadable ?? [];
  const expressions = keys.map((k, i) => {
    const expression = sortSql(k.field, fieldSql(k.field, 'r'));
    return readable[i] ? sql`(CASE WHEN ${readable[i]} THEN ${expression} END)` : expression;
  });
  const neverNullKey = (i: number) => neverNull(keys[i]!.field) && !readable[i];
  const idDescending = keys[keys.length - 1]!.descending;
  const where: RawBuilder<unknown>[] = [
    sql`r.tenant_id = ${tenantLiteral(query.tenantId)}`,
    sql`r.object = ${sql.lit(query.object.key)}`,
    sql`r.deleted_at IS NULL`,
    ...query.conditions,
  ];
  if (!neverNullKey(0)) where.push(phase === 0 ? sql`${expressions[0]} IS NOT NULL` : sql`${expressions[0]} IS NULL`);
  if (after) where.push(afterPredicate(keys, expressions, after, phase, idDescending, neverNullKey));
  const order = keys.flatMap((k, i) => {
    if (i === 0 && phase === 1) return [];
    const dir = k.descending ? sql`DESC` : sql`ASC`;
    // Nulls of the first key are excluded in phase 0, so its plain order can use an index.
    const nulls = i === 0 || neverNullKey(i) ? sql`` : sql` NULLS LAST`;
    return [sql`${expressions[i]} ${dir}${nulls}`];
  });
  order.push(idDescending ? sql`r.id DESC` : sql`r.id ASC`);
  const flags = [
    ...Object.entries(query.flags ?? {}).map(([alias, predicate]) => sql`(${predicate}) AS ${sql.id(alias)}`),
    ...readable.flatMap((predicate, i) => (predicate ? [sql`COALESCE(${predicate}, FALSE) AS ${sql.id(`__sort${i}`)}`] : [])),
  ];
  const columns = sql.join([...recordColumns.map((c) => sql.ref(c)), ...flags]);
  const result = await sql<RecordRow & Record<string, unknown>>`
    SELECT ${columns} FROM records AS r
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY ${sql.join(order)}
     LIMIT ${limit}`.execute(tx);
  return result.rows;
}

/**
 * What a sort key orders by: a select's or a stage's value by its option's position (Low,
 * Medium, High as the metadata lists them; a value no longer among the options sorts with the
 * empty ones), any other field by its value.
 */
export function sortSql(field: FilterField, expression: RawBuilder<unknown>): RawBuilder<unknown> {
  const options = sortOptions(field);
  return options ? sql`array_position(${sql.val(options)}::text[], (${expression})::text)` : expression;
}

function sortOptions(field: FilterField): string[] | undefined {
  return field.kind === 'text' && field.options?.length ? [...field.options] : undefined;
}

/** A key whose sort value is never null (a required field not sorted by option position). */
function neverNull(field: FilterField): boolean {
  return field.notNull === true && !sortOptions(field);
}

/** A cursor's value as its key's sort expression compares it (an option's position; null if none). */
function sortBind(field: FilterField, value: unknown): { value: unknown; bound: RawBuilder<unknown> } | null {
  if (value === null || value === undefined) return null;
  const options = sortOptions(field);
  if (!options) return { value, bound: bindValue(field, value) };
  const position = options.indexOf(String(value)) + 1;
  return position === 0 ? null : { value: position, bound: sql`${position}::int` };
}

/** Rows strictly after the cursor row in the order (nulls last, id last). */
function afterPredicate(keys: SortKey[], expressions: RawBuilder<unknown>[], after: { values: unknown[]; id: string }, phase: 0 | 1, idDescending: boolean, neverNullKey: (i: number) => boolean): RawBuilder<unknown> {
  const start = phase === 1 ? 1 : 0;
  const idAfter = idDescending ? sql`r.id < ${after.id}::uuid` : sql`r.id > ${after.id}::uuid`;
  const values = keys.map((k, i) => sortBind(k.field, after.values[i]));
  // The common case, one key: a row comparison an index scan can start from.
  if (keys.length === 1 && phase === 0 && values[0]) {
    const op = keys[0]!.descending ? sql`<` : sql`>`;
    return sql`(${expressions[0]}, r.id) ${op} (${values[0].bound}, ${after.id}::uuid)`;
  }
  const build = (i: number): RawBuilder<unknown> => {
    if (i >= keys.length) return idAfter;
    const key = keys[i]!;
    const e = expressions[i]!;
    const value = values[i];
    if (!value) return sql`(${e} IS NULL AND ${build(i + 1)})`;
    const op = key.descending ? sql`<` : sql`>`;
    const v = value.bound;
    const nullsAfter = neverNullKey(i) ? sql`FALSE` : sql`${e} IS NULL`;
    return sql`(${e} ${op} ${v} OR ${nullsAfter} OR (${e} = ${v} AND ${build(i + 1)}))`;
  };
  return build(start);
}

/** The value a row has for a sort key, as the cursor stores it. */
function sortValue(row: RecordRow, field: FilterField): unknown {
  const storage = field.storage;
  let value: unknown;
  if ('column' in storage) value = (row as unknown as Record<string, unknown>)[storage.column];
  else if ('json' in storage) value = row.data?.[storage.json];
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

function checkCursorValues(values: unknown[], keys: SortKey[]): void {
  if (values.length !== keys.length) throw new ShoalError('invalid_cursor', 'The cursor does not match this orderBy');
  keys.forEach((key, i) => {
    const v = values[i];
    if (v !== null && coerceValue(key.field, v) === undefined) throw new ShoalError('invalid_cursor', 'The cursor is not valid for this list');
  });
}

/** Counts the rows meeting the conditions (for `count=true`). */
export async function countRecords(tx: Tx, tenantId: string, object: CompiledObject, conditions: SqlPredicate[]): Promise<number> {
  const where = [sql`r.tenant_id = ${tenantLiteral(tenantId)}`, sql`r.object = ${sql.lit(object.key)}`, sql`r.deleted_at IS NULL`, ...conditions];
  const result = await sql<{ n: string }>`SELECT count(*) AS n FROM records AS r WHERE ${sql.join(where, sql` AND `)}`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}

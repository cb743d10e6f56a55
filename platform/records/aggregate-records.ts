import { sql, type RawBuilder } from 'kysely';
import { trueNode, type FilterNode } from '../filter/filter-ast.ts';
import { compileFilterSql, fieldSql } from '../filter/compile-filter-sql.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import { guardHiddenFields, readableWhereSql } from './read-records.ts';
import { ShoalError } from '../errors.ts';
import type { ModelField } from '../metadata/object-model.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';
import type { RecordContext } from './record-context.ts';

export interface AggregateRequest {
  where?: unknown;
  /** Fields to group by; dates and date-times take a bucket: `createdAt:day|week|month|year`. */
  groupBy?: string[];
  metrics: Array<{ fn: 'count' | 'sum' | 'avg' | 'min' | 'max'; field?: string; as?: string }>;
  limit?: number;
}

export const parseAggregate = envelopeParser<AggregateRequest>({
  type: 'object',
  required: ['metrics'],
  additionalProperties: false,
  properties: {
    where: { type: ['object', 'null'] },
    groupBy: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 5 },
    metrics: {
      type: 'array', minItems: 1, maxItems: 20,
      items: {
        type: 'object', required: ['fn'], additionalProperties: false,
        properties: { fn: { enum: ['count', 'sum', 'avg', 'min', 'max'] }, field: { type: 'string', maxLength: 100 }, as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$' } },
      },
    },
    limit: { type: 'integer', minimum: 1, maximum: 5000 },
  },
});

/**
 * The groups, largest first metric first, at most `limit` of them (default 1000). `truncated`
 * says that more groups matched and were left out: raise `limit` (at most 5000) or narrow
 * `where`; totals summed over `data` are then not the totals of every record.
 */
export interface AggregateResult {
  data: Array<Record<string, unknown>>;
  truncated: boolean;
}

const buckets = new Set(['day', 'week', 'month', 'year']);

/**
 * Counts, sums, averages, minima and maxima grouped by fields, over the records the caller
 * may read (their read permission is in the SQL). A field the caller may read only on some
 * records is aggregated only over those (elsewhere it counts as empty).
 */
export async function aggregateRecords(tx: Tx, ctx: RecordContext, object: CompiledObject, request: AggregateRequest): Promise<AggregateResult> {
  const conditions = [ctx.policy.predicate('read', object.key, 'r')];
  if (request.where) conditions.push(compileFilterSql(guardHiddenFields(ctx, object, parseFilterOrThrow(request.where, object.scope, { basePointer: '/where' })), object.scope, { ...ctx.policy.context, alias: 'r' }));
  const groups = (request.groupBy ?? []).map((spec, i) => groupExpression(ctx, object, spec, i));
  const metrics = request.metrics.map((m, i) => metricExpression(ctx, object, m, i));
  const names = [...groups.map((g) => g.name), ...metrics.map((m) => m.name)];
  const duplicate = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (duplicate >= 0) {
    const at = duplicate < groups.length ? `/groupBy/${duplicate}` : `/metrics/${duplicate - groups.length}/as`;
    throw new ShoalError('bad_request', `Two outputs are called ${names[duplicate]}; name one with "as"`, { errors: [{ path: at, message: 'names another output too' }] });
  }
  const limit = request.limit ?? 1000;
  const select = [...groups.map((g) => sql`${g.sql} AS ${sql.id(g.name)}`), ...metrics.map((m) => sql`${m.sql} AS ${sql.id(m.name)}`)];
  const rows = (await sql<Record<string, unknown>>`
    SELECT ${sql.join(select)} FROM records AS r
     WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.deleted_at IS NULL
       AND ${sql.join(conditions, sql` AND `)}
     ${groups.length ? sql`GROUP BY ${sql.join(groups.map((_, i) => sql.raw(String(i + 1))))}` : sql``}
     ORDER BY ${groups.length ? sql`${sql.id(metrics[0]!.name)} DESC NULLS LAST, ${sql.join(groups.map((_, i) => sql.raw(String(i + 1))))}` : sql`1`}
     LIMIT ${limit + 1}`.execute(tx)).rows;
  const truncated = rows.length > limit;
  // Numbers come from PostgreSQL's numeric as text; a group's value is the field's own type, like a metric's.
  const numeric = new Set([...groups, ...metrics].filter((o) => o.numeric).map((o) => o.name));
  return {
    data: rows.slice(0, limit).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => {
      if (numeric.has(k) && v !== null && v !== undefined) return [k, Number(v)];
      return [k, v instanceof Date ? v.toISOString() : v];
    }))),
    truncated,
  };
}

function fieldFor(object: CompiledObject, key: string, pointer: string): ModelField {
  const field = object.fields.get(key);
  if (!field) throw new ShoalError('bad_request', `${key} is not a field of ${object.key}`, { errors: [{ path: pointer, message: `${key} is not a field` }] });
  return field;
}

/** A field's value where the caller may read it, NULL elsewhere (field allowlists, masked fields). */
function readableValue(ctx: RecordContext, object: CompiledObject, field: ModelField, expression: RawBuilder<unknown>): RawBuilder<unknown> {
  const readable = readableWhereSql(ctx, object, field);
  return readable ? sql`(CASE WHEN ${readable} THEN ${expression} END)` : expression;
}

function groupExpression(ctx: RecordContext, object: CompiledObject, spec: string, index: number): { name: string; sql: RawBuilder<unknown>; numeric: boolean } {
  const [key, bucket] = spec.split(':') as [string, string | undefined];
  const field = fieldFor(object, key, `/groupBy/${index}`);
  if (['multi', 'textArray', 'json'].includes(field.kind)) throw new ShoalError('bad_request', `Cannot group by ${key} (a list of values)`, { errors: [{ path: `/groupBy/${index}`, message: 'is a list of values' }] });
  let expression = fieldSql(field, 'r', 'value');
  if (bucket) {
    if (!buckets.has(bucket) || !['date', 'datetime', 'timestamp'].includes(field.kind)) {
      throw new ShoalError('bad_request', `groupBy ${spec}: a bucket (day, week, month, year) needs a date field`, { errors: [{ path: `/groupBy/${index}`, message: 'bad bucket' }] });
    }
    // An instant falls on the tenant's calendar; a date is already a day of it (read as an
    // instant, midnight UTC, it fell on the day before west of UTC).
    const local = field.kind === 'date' ? sql`(${expression})::date::timestamp`
      : sql`(${field.kind === 'timestamp' ? expression : sql`(${expression})::timestamptz`}) AT TIME ZONE ${ctx.compiled.timeZone}`;
    expression = sql`to_char(date_trunc(${bucket}, ${local}), ${bucket === 'year' ? 'YYYY' : bucket === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'})`;
  }
  return { name: bucket ? `${key}_${bucket}` : key, sql: readableValue(ctx, object, field, expression), numeric: !bucket && field.kind === 'number' };
}

function metricExpression(ctx: RecordContext, object: CompiledObject, metric: AggregateRequest['metrics'][number], index: number): { name: string; sql: RawBuilder<unknown>; numeric: boolean } {
  const name = metric.as ?? (metric.field ? `${metric.fn}_${metric.field}` : metric.fn);
  if (metric.fn === 'count' && !metric.field) return { name, sql: sql`count(*)`, numeric: true };
  if (!metric.field) throw new ShoalError('bad_request', `${metric.fn} needs a field`, { errors: [{ path: `/metrics/${index}/field`, message: 'is required' }] });
  const field = fieldFor(object, metric.field, `/metrics/${index}/field`);
  const value = readableValue(ctx, object, field, fieldSql(field, 'r', 'value'));
  if (metric.fn === 'count') return { name, sql: sql`count(${value})`, numeric: true };
  const orderable = ['number', 'date', 'datetime', 'timestamp', 'text'].includes(field.kind);
  if ((metric.fn === 'sum' || metric.fn === 'avg') && field.kind !== 'number') {
    throw new ShoalError('bad_request', `${metric.fn} needs a number field; ${metric.field} is not one`, { errors: [{ path: `/metrics/${index}/field`, message: 'is not a number field' }] });
  }
  if (!orderable) throw new ShoalError('bad_request', `${metric.fn} cannot be taken of ${metric.field}`, { errors: [{ path: `/metrics/${index}/field`, message: 'has no order' }] });
  const fn = sql.raw(metric.fn);
  return { name, sql: metric.fn === 'avg' ? sql`round(avg(${value}), 6)` : sql`${fn}(${value})`, numeric: field.kind === 'number' };
}

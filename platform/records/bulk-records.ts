import { sql } from 'kysely';
import { errorStatus, ShoalError, type ProblemItem } from '../errors.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordHooks } from './record-hooks.ts';
import { readableWithFieldSql } from './read-records.ts';
import { lockUpsertKeys } from './upsert-key-locks.ts';
import { checkLookups } from './write-checks.ts';
import { deleteRecord, insertPrepared, prepareCreate, prepareCreates, updateRecordReporting, type PreparedCreate, type UpdateOptions } from './write-records.ts';
import type { RecordRow } from './record-shape.ts';

export interface BulkRequest {
  op: 'create' | 'update' | 'upsert' | 'delete';
  records: unknown[];
  upsertKey?: string;
  atomic?: boolean;
}

export interface BulkResult {
  index: number;
  status: number;
  id?: string;
  /** The record's version after the call (its ETag), for the next conditional write. */
  version?: number;
  /** An update (or upsert) that changed nothing: the record is as it was, at the same version. */
  unchanged?: true;
  error?: { code: string; detail: string; errors?: ProblemItem[]; currentVersion?: number };
  /** Atomic batches: this row was fine but is not written because another failed. */
  skipped?: true;
}

export const maxBulkRecords = 1000;

export const parseBulk = envelopeParser<BulkRequest>({
  type: 'object',
  required: ['op', 'records'],
  additionalProperties: false,
  properties: {
    op: { enum: ['create', 'update', 'upsert', 'delete'] },
    records: { type: 'array', maxItems: maxBulkRecords },
    upsertKey: { type: 'string', minLength: 1, maxLength: 100 },
    atomic: { type: 'boolean' },
  },
});

/**
 * Writes up to 1,000 records in one transaction. Per-row mode reports each row's result and
 * keeps the good rows (each row is isolated by a savepoint only when the fast path fails);
 * atomic mode writes all or nothing and, on failure, answers 422 with every row's problem.
 * Creates are checked row by row in memory and inserted with one statement.
 */
export async function bulkWrite(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, request: BulkRequest, options: Pick<UpdateOptions, 'unchangedIsNoChange'> = {}): Promise<BulkResult[]> {
  if (request.op === 'upsert' && !request.upsertKey) throw new ShoalError('bad_request', 'upsert needs an upsertKey', { errors: [{ path: '/upsertKey', message: 'is required for upsert' }] });
  if (request.upsertKey) {
    const key = object.fields.get(request.upsertKey);
    if (!key || key.system || key.kind === 'multi') throw new ShoalError('bad_request', `upsertKey ${request.upsertKey} is not a field of ${object.key} that identifies a record`, { errors: [{ path: '/upsertKey', message: 'is not a usable key field' }] });
  }
  const results = request.op === 'create' ? await bulkCreate(tx, ctx, hooks, object, request.records, request.atomic ?? false)
    : request.op === 'upsert' ? await bulkUpsert(tx, ctx, hooks, object, request, options)
    : await perRow(tx, request.records, request.atomic ?? false, async (record, index) => {
      if (request.op === 'delete') {
        const { id, version } = (typeof record === 'string' ? { id: record } : record ?? {}) as { id?: unknown; version?: unknown };
        if (typeof id !== 'string') throw new ShoalError('validation_failed', 'Each delete needs an id', { errors: [{ path: '/', message: 'must be an id or { "id": … }' }] });
        await deleteRecord(tx, ctx, hooks, object, id, rowIfMatch(version));
        return { index, status: 204, id };
      }
      const { id, version, ...values } = (record ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string') throw new ShoalError('validation_failed', 'Each update needs an id', { errors: [{ path: '/id', message: 'is required' }] });
      return updatedResult(index, await updateRecordReporting(tx, ctx, hooks, object, id, values, { ...options, ...rowIfMatch(version) }));
    });
  if ((request.atomic ?? false) && results.some((r) => r.status >= 400)) {
    const failed = results.filter((r) => r.error && !r.skipped);
    throw new ShoalError('validation_failed', `${failed.length} of ${results.length} records failed; nothing was written`, {
      errors: failed.flatMap((r) => (r.error!.errors?.length ? r.error!.errors.map((e) => ({ ...e, path: `/records/${r.index}${e.path === '/' ? '' : e.path}` })) : [{ path: `/records/${r.index}`, message: r.error!.detail }])),
      // A row that went through is undone with the rest: it reads as not written, not as its 200.
      extra: { results: results.map((r) => (r.status < 400 ? notWritten(r.index) : r)) },
    });
  }
  return results;
}

async function bulkCreate(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, records: unknown[], atomic: boolean): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(records.length);
  const ready: Array<{ index: number; prepared: PreparedCreate }> = [];
  (await prepareCreates(tx, ctx, hooks, object, records)).forEach((prepared, index) => {
    if (prepared instanceof ShoalError) results[index] = failure(index, prepared);
    else ready.push({ index, prepared });
  });
  const lookupProblems = await checkLookups(tx, ctx, object, ready.map((r) => r.prepared.data));
  const insertable = ready.filter((r, i) => {
    const problems = lookupProblems.get(i);
    if (problems) results[r.index] = failure(r.index, new ShoalError('validation_failed', 'A lookup refers to a record that does not exist', { errors: problems }));
    return !problems;
  });
  if (atomic && results.some(Boolean)) return fill(results, records.length);
  await sql`SAVEPOINT bulk_batch`.execute(tx);
  try {
    const rows = await insertPrepared(tx, ctx, hooks, object, insertable.map((r) => r.prepared), { lookupsChecked: true });
    rows.forEach((row, i) => (results[insertable[i]!.index] = { index: insertable[i]!.index, status: 201, id: row.id, version: row.version }));
    await sql`RELEASE SAVEPOINT bulk_batch`.execute(tx);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT bulk_batch`.execute(tx);
    if (atomic) {
      for (const r of insertable) results[r.index] = failure(r.index, error);
      return fill(results, records.length);
    }
    // A conflict in the batch (a duplicate value): find it row by row.
    for (const r of insertable) {
      await sql`SAVEPOINT bulk_row`.execute(tx);
      try {
        const [row] = await insertPrepared(tx, ctx, hooks, object, [r.prepared], { lookupsChecked: true });
        results[r.index] = { index: r.index, status: 201, id: row!.id, version: row!.version };
        await sql`RELEASE SAVEPOINT bulk_row`.execute(tx);
      } catch (rowError) {
        await sql`ROLLBACK TO SAVEPOINT bulk_row`.execute(tx);
        results[r.index] = failure(r.index, rowError);
      }
    }
  }
  return fill(results, records.length);
}

async function bulkUpsert(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, request: BulkRequest, options: Pick<UpdateOptions, 'unchangedIsNoChange'>): Promise<BulkResult[]> {
  const keyField = request.upsertKey!;
  // Matched as stored: a date-time in another offset or a lookup's id in capitals is the same
  // key; a value that is no valid key stays as sent, for the write to refuse.
  const keys = request.records.map((r) => {
    const raw = r && typeof r === 'object' ? (r as Record<string, unknown>)[keyField] : undefined;
    return raw === undefined || raw === null ? raw : object.validator.normalize({ [keyField]: raw })[keyField] ?? raw;
  });
  const wanted = [...new Set(keys.filter((k) => k !== undefined && k !== null).map(String))];
  await lockUpsertKeys(tx, ctx.tenantId, object.key, keyField, wanted);
  const existing = new Map<string, string[]>();
  if (wanted.length > 0) {
    const rows = (await sql<{ id: string; key: string }>`
      SELECT r.id, r.data ->> ${keyField}::text AS key FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.deleted_at IS NULL
         AND (shoal_text(r.data, ${sql.lit(keyField)}) COLLATE "C") IN (${sql.join(wanted)})
         AND ${readableWithFieldSql(ctx, object, object.fields.get(keyField)!)}`.execute(tx)).rows;
    for (const row of rows) existing.set(row.key, [...(existing.get(row.key) ?? []), row.id]);
  }
  return perRow(tx, request.records, request.atomic ?? false, async (record, index) => {
    const key = keys[index];
    if (key === undefined || key === null) throw new ShoalError('validation_failed', `Each record needs ${keyField} to upsert`, { errors: [{ path: `/${keyField}`, message: 'is required for upsert' }] });
    const matches = existing.get(String(key)) ?? [];
    if (matches.length > 1) throw new ShoalError('conflict', `${matches.length} records have ${keyField} = ${String(key)}; upsert needs a unique key`);
    // A row's `version` is its condition, as in an update: the record found must be at it, and
    // with none found there is no record at that version to update (If-Match on nothing fails).
    const { [keyField]: _key, version, ...changes } = record as Record<string, unknown>;
    const ifMatch = rowIfMatch(version);
    if (matches.length === 1) {
      // Found by its key, the record has that key already: not a change to write, also where
      // updates may not write it (an autonumber, a read-only field, one outside the caller's).
      return updatedResult(index, await updateRecordReporting(tx, ctx, hooks, object, matches[0]!, changes, { ...options, ...ifMatch }));
    }
    if (ifMatch.ifMatch !== undefined) throw new ShoalError('version_mismatch', `No record has ${keyField} = ${String(key)}; a row with a version only updates the record at that version`);
    const prepared = await prepareCreate(tx, ctx, hooks, object, record);
    const [row] = await insertPrepared(tx, ctx, hooks, object, [prepared]);
    existing.set(String(key), [row!.id]);
    return { index, status: 201, id: row!.id, version: row!.version };
  });
}

function updatedResult(index: number, { row, changed }: { row: RecordRow; changed: boolean }): BulkResult {
  return { index, status: 200, id: row.id, version: row.version, ...(changed ? {} : { unchanged: true as const }) };
}

/**
 * A row's `version`, its If-Match: refused when it is no version, as skipping it would let the
 * write through unconditionally.
 */
function rowIfMatch(version: unknown): { ifMatch?: number } {
  if (version === undefined) return {};
  if (!Number.isSafeInteger(version)) throw new ShoalError('validation_failed', 'version must be the record’s version', { errors: [{ path: '/version', message: 'must be an integer (the version the write expects, as in If-Match)' }] });
  return { ifMatch: version as number };
}

/** Runs each row in a savepoint so one failure does not undo the others. */
async function perRow(tx: Tx, records: unknown[], atomic: boolean, work: (record: unknown, index: number) => Promise<BulkResult>): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const [index, record] of records.entries()) {
    await sql`SAVEPOINT bulk_row`.execute(tx);
    try {
      results.push(await work(record, index));
      await sql`RELEASE SAVEPOINT bulk_row`.execute(tx);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT bulk_row`.execute(tx);
      results.push(failure(index, error));
      if (atomic) continue;
    }
  }
  return results;
}

function failure(index: number, error: unknown): BulkResult {
  if (!(error instanceof ShoalError)) throw error;
  return {
    index,
    status: errorStatus[error.code].status,
    error: { code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}), ...(typeof error.extra?.currentVersion === 'number' ? { currentVersion: error.extra.currentVersion } : {}) },
  };
}

function fill(results: BulkResult[], length: number): BulkResult[] {
  return Array.from({ length }, (_, index) => results[index] ?? notWritten(index));
}

function notWritten(index: number): BulkResult {
  return { index, status: 409, skipped: true, error: { code: 'conflict', detail: 'Not written: another record of the batch failed' } };
}


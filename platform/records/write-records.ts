import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { ShoalError, validationFailed, type ProblemItem } from '../errors.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { formatAutonumber } from '../metadata/field-types.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordEvent, RecordHooks } from './record-hooks.ts';
import { actionFlags, allowedFromFlags, loadVisibleRecord } from './read-records.ts';
import { recordColumns, toFullRecord, type RecordRow } from './record-shape.ts';
import { assertWritable, checkLookups, duplicateError, relatedResolver, reserveNumbers, splitWriteBody } from './write-checks.ts';

/** A record checked and ready to insert. */
export interface PreparedCreate {
  id: string;
  data: Record<string, unknown>;
  stage: string | null;
  owner: string | null;
  pool: string | null;
  poolState: string | null;
  claimedAt: string | null;
  holdExpiresAt: string | null;
  changes: Record<string, [null, unknown]>;
}

/**
 * Checks one create body: fields, values, defaults, the caller's create permission on the
 * record as it would be, and field allowlists. Throws the problem a client can act on.
 */
export async function prepareCreate(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, body: unknown): Promise<PreparedCreate> {
  if (!ctx.policy.mayEver('create', object.key)) throw new ShoalError('forbidden', `You may not create ${object.key} records`);
  const { values, id } = splitWriteBody(object, body, 'create');
  const problems = object.validator.validateCreate(values);
  if (problems.length > 0) throw validationFailed(problems);
  const written = Object.keys(values);
  const data: Record<string, unknown> = {};
  for (const field of object.customFields) {
    const given = values[field.key];
    const value = given === undefined ? field.definition?.default : given;
    if (value !== undefined && value !== null && field.type !== 'stage') data[field.key] = value;
  }
  const normalized = object.validator.normalize(data);
  for (const [k, v] of Object.entries(normalized)) if (v === null || v === undefined) delete normalized[k];
  const stageKey = object.stageField?.key;
  const stage = stageKey ? ((values[stageKey] as string | undefined) ?? firstStage(ctx, object)) : null;

  const recordId = id ?? randomUUID();
  const draft: Row = { id: recordId, ...normalized, ...(stageKey ? { [stageKey]: stage } : {}), owner: null, createdBy: ctx.actorId };
  const columns = await hooks.prepareCreate(tx, ctx, object, draft);
  const owner = columns.owner !== undefined ? columns.owner : object.poolKeys.length > 0 ? null : ctx.actorId;
  const full: Row = {
    ...draft, owner, version: 1, createdAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString(), updatedBy: ctx.actorId,
    ...(object.poolKeys.length > 0 ? { poolState: columns.poolState ?? null } : {}),
  };
  const resolve = await relatedResolver(tx, ctx, object, [full], 'create');
  if (!ctx.policy.can('create', object.key, full, resolve)) {
    throw new ShoalError('forbidden', `Your roles do not let you create this ${object.key} (its values are outside what you may create)`);
  }
  assertWritable(written, ctx.policy.fieldsFor('create', object.key, full, resolve));
  const changes: Record<string, [null, unknown]> = {};
  for (const [k, v] of Object.entries(normalized)) changes[k] = [null, v];
  if (stageKey && stage) changes[stageKey] = [null, stage];
  return {
    id: recordId, data: normalized, stage, owner,
    pool: columns.pool ?? null, poolState: columns.poolState ?? null,
    claimedAt: columns.claimedAt ? columns.claimedAt.toISOString() : null,
    holdExpiresAt: columns.holdExpiresAt ? columns.holdExpiresAt.toISOString() : null,
    changes,
  };
}

function firstStage(ctx: RecordContext, object: CompiledObject): string | null {
  const pipeline = object.pipelineKey ? ctx.compiled.document.pipelines?.[object.pipelineKey] : undefined;
  return pipeline?.stages.find((s) => s.kind === 'open')?.key ?? pipeline?.stages[0]?.key ?? null;
}

/**
 * Inserts checked records in one statement, with their history and first stage events, then
 * runs the after-write hooks. Lookup targets and autonumbers are settled here for the batch.
 */
export async function insertPrepared(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, prepared: PreparedCreate[]): Promise<RecordRow[]> {
  if (prepared.length === 0) return [];
  const lookupProblems = await checkLookups(tx, ctx, object, prepared.map((p) => p.data));
  if (lookupProblems.size > 0) {
    const [index, problems] = [...lookupProblems][0]!;
    throw new ShoalError('validation_failed', prepared.length > 1 ? `Record ${index} refers to records that do not exist` : 'A lookup refers to a record that does not exist', { errors: problems, extra: { index } });
  }
  for (const field of object.autonumberFields) {
    const first = await reserveNumbers(tx, ctx.tenantId, object.key, field.key, prepared.length);
    prepared.forEach((p, i) => {
      const value = formatAutonumber(field.definition?.format, first + i);
      p.data[field.key] = value;
      p.changes[field.key] = [null, value];
    });
  }
  const now = ctx.now.toISOString();
  const payload = JSON.stringify(prepared.map((p) => ({
    id: p.id, owner: p.owner, stage: p.stage, pool: p.pool, pool_state: p.poolState, claimed_at: p.claimedAt,
    hold_expires_at: p.holdExpiresAt, data: p.data, changes: p.changes,
  })));
  const pipeline = object.pipelineKey;
  const stageEvents = pipeline
    ? sql`, se AS (INSERT INTO stage_events (tenant_id, pipeline, record_id, from_stage, to_stage, at, actor)
          SELECT ins.tenant_id, ${pipeline}, ins.id, NULL, ins.stage, ${now}::timestamptz, ${ctx.actorId}::uuid FROM ins WHERE ins.stage IS NOT NULL)`
    : sql``;
  try {
    const result = await sql<RecordRow>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(
          id uuid, owner uuid, stage text, pool text, pool_state text, claimed_at timestamptz, hold_expires_at timestamptz, data jsonb, changes jsonb)
      ), ins AS (
        INSERT INTO records AS r (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, stage_entered_at,
                             created_at, updated_at, created_by, updated_by, data)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at,
               CASE WHEN stage IS NULL THEN NULL ELSE ${now}::timestamptz END,
               ${now}::timestamptz, ${now}::timestamptz, ${ctx.actorId}::uuid, ${ctx.actorId}::uuid, data
          FROM input
        RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}, r.tenant_id
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'create', changes FROM input
      )${stageEvents}
      SELECT * FROM ins`.execute(tx);
    const byId = new Map(result.rows.map((r) => [r.id, r]));
    const rows = prepared.map((p) => byId.get(p.id)!);
    await hooks.afterWrite(tx, ctx, rows.map((row) => ({ action: 'create', object, id: row.id, after: toFullRecord(row, object) })));
    return rows;
  } catch (error) {
    throw duplicateError(error, ctx, object) ?? error;
  }
}

export async function createRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, body: unknown): Promise<RecordRow> {
  const prepared = await prepareCreate(tx, ctx, hooks, object, body);
  const [row] = await insertPrepared(tx, ctx, hooks, object, [prepared]);
  return row!;
}

/**
 * Applies a partial update: only the changed fields are written, with their before/after in
 * the history. `ifMatch` makes it conditional on the version the client saw (412 otherwise).
 * A patch that changes nothing returns the record untouched.
 */
export async function updateRecord(
  tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string, body: unknown, options: { ifMatch?: number } = {},
): Promise<RecordRow> {
  const { values } = splitWriteBody(object, body, 'update');
  const { flags, rules } = actionFlags(ctx, object, 'update');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, flags });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  if (options.ifMatch !== undefined && options.ifMatch !== row.version) {
    throw new ShoalError('version_mismatch', `The record is at version ${row.version}, not ${options.ifMatch}; reload it and try again`, { extra: { currentVersion: row.version } });
  }
  const allowed = allowedFromFlags('update', rules, row);
  if (!allowed) throw new ShoalError('forbidden', `You may not change this ${object.key}`);
  assertWritable(Object.keys(values), allowed);
  const problems: ProblemItem[] = object.validator.validateUpdate(values);
  if (problems.length > 0) throw validationFailed(problems);
  const normalized = object.validator.normalize(values);

  const data = { ...row.data };
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(normalized)) {
    const before = row.data[key] ?? null;
    const after = value ?? null;
    if (isDeepStrictEqual(before, after)) continue;
    changes[key] = [before, after];
    if (after === null) delete data[key];
    else data[key] = after;
  }
  if (Object.keys(changes).length === 0) return row;
  const changedLookups = Object.fromEntries(Object.keys(changes).filter((k) => object.fields.get(k)?.type === 'lookup').map((k) => [k, data[k]]));
  const lookupProblems = await checkLookups(tx, ctx, object, [changedLookups]);
  if (lookupProblems.size > 0) throw validationFailed(lookupProblems.get(0)!);

  const afterRecord = { ...toFullRecord(row, object), ...Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])) };
  const resolve = await relatedResolver(tx, ctx, object, [afterRecord], 'update');
  if (!ctx.policy.can('update', object.key, afterRecord, resolve)) {
    throw new ShoalError('forbidden', `This change would take the ${object.key} outside what you may edit`);
  }
  const now = ctx.now.toISOString();
  try {
    const result = await sql<RecordRow>`
      WITH upd AS (
        UPDATE records AS r SET data = ${JSON.stringify(data)}::jsonb, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${row.id}::uuid
        RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'update', ${JSON.stringify(changes)}::jsonb FROM upd
      )
      SELECT * FROM upd`.execute(tx);
    const updated = result.rows[0]!;
    await hooks.afterWrite(tx, ctx, [{ action: 'update', object, id: updated.id, before: toFullRecord(row, object), after: toFullRecord(updated, object) }]);
    return updated;
  } catch (error) {
    throw duplicateError(error, ctx, object) ?? error;
  }
}

/**
 * Soft-deletes a record. Lookups pointing at it decide: `restrict` (the default) refuses with
 * 409 while live records refer to it; `clear` empties those lookups (recorded in their history).
 */
export async function deleteRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string): Promise<void> {
  const { flags, rules } = actionFlags(ctx, object, 'delete');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, flags });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  if (!allowedFromFlags('delete', rules, row)) throw new ShoalError('forbidden', `You may not delete this ${object.key}`);
  await settleReferences(tx, ctx, object, row.id);
  const now = ctx.now.toISOString();
  await sql`
    WITH del AS (
      UPDATE records AS r SET deleted_at = ${now}::timestamptz, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${row.id}::uuid RETURNING r.id
    )
    INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
    SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'delete', '{}'::jsonb FROM del`.execute(tx);
  await hooks.afterWrite(tx, ctx, [{ action: 'delete', object, id: row.id, before: toFullRecord(row, object) }]);
}

async function settleReferences(tx: Tx, ctx: RecordContext, object: CompiledObject, id: string): Promise<void> {
  const blocking: ProblemItem[] = [];
  for (const other of ctx.compiled.objects.values()) {
    for (const field of other.lookupFields) {
      if (field.target !== object.key) continue;
      const match = sql`r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(other.key)} AND r.deleted_at IS NULL
        AND (r.data ->> ${sql.lit(field.key)}) COLLATE "C" = ${id}`;
      if (field.definition?.onDelete === 'clear') {
        const now = ctx.now.toISOString();
        await sql`
          WITH cleared AS (
            UPDATE records AS r SET data = r.data - ${field.key}::text, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
             WHERE ${match} RETURNING r.id
          )
          INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
          SELECT ${tenantLiteral(ctx.tenantId)}, ${other.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'update',
                 jsonb_build_object(${field.key}::text, jsonb_build_array(${id}::text, NULL)), ${`cleared because ${object.key} ${id} was deleted`}
            FROM cleared`.execute(tx);
      } else {
        const count = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM records AS r WHERE ${match}`.execute(tx)).rows[0]?.n ?? 0);
        if (count > 0) blocking.push({ path: `/${other.key}/${field.key}`, message: `${count} ${other.key} ${count === 1 ? 'record refers' : 'records refer'} to it`, count });
      }
    }
  }
  if (blocking.length > 0) {
    throw new ShoalError('referenced', `Other records refer to this ${object.key}; remove those references first`, { errors: blocking });
  }
}

/** Brings a soft-deleted record back (needs the delete permission). */
export async function restoreRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string): Promise<RecordRow> {
  const { flags, rules } = actionFlags(ctx, object, 'delete');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, deleted: true, flags });
  if (!row) throw new ShoalError('not_found', `No deleted ${object.key} ${id} was found`);
  if (!allowedFromFlags('delete', rules, row)) throw new ShoalError('forbidden', `You may not restore this ${object.key}`);
  const now = ctx.now.toISOString();
  try {
    const result = await sql<RecordRow>`
      WITH res AS (
        UPDATE records AS r SET deleted_at = NULL, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${row.id}::uuid
        RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'restore', '{}'::jsonb FROM res
      )
      SELECT * FROM res`.execute(tx);
    const restored = result.rows[0]!;
    await hooks.afterWrite(tx, ctx, [{ action: 'restore', object, id: restored.id, after: toFullRecord(restored, object) }]);
    return restored;
  } catch (error) {
    throw duplicateError(error, ctx, object) ?? error;
  }
}

export type { RecordEvent };

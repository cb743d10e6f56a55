import { randomFillSync } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { ShoalError, validationFailed, type ProblemItem } from '../errors.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { formatAutonumber } from '../metadata/field-types.ts';
import { startingValue } from '../metadata/field-defaults.ts';
import { missingRequirements, startingStages } from '../pipelines/stage-requirements.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { escapePointer } from '../validation/ajv.ts';
import type { RecordContext } from './record-context.ts';
import { movedChanges, movedColumnsSql, type CreateColumns, type RecordEvent, type RecordHooks } from './record-hooks.ts';
import { actionFlags, allowedFromFlags, loadVisibleRecord, readableFor } from './read-records.ts';
import { recordColumns, toFullRecord, type RecordRow } from './record-shape.ts';
import { assertAlsoAllowed, assertTargetsLive, assertWritable, checkLookups, duplicateError, notUpdatable, relatedResolver, reserveNumbers, splitWriteBody } from './write-checks.ts';
import { prepared as preparedStatement } from '../storage/prepared-statements.ts';

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
}

/**
 * Checks one create body: fields, values, defaults, the caller's create permission on the
 * record as it would be, and field allowlists. Throws the problem a client can act on.
 */
export async function prepareCreate(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, body: unknown): Promise<PreparedCreate> {
  const [result] = await prepareCreates(tx, ctx, hooks, object, [body]);
  if (result instanceof ShoalError) throw result;
  return result!;
}

/**
 * Checks a batch of create bodies as `prepareCreate` does each one, with the database work
 * done once for the batch (the rows that the caller's rules follow through lookups are loaded
 * in one query). Each entry is the prepared record or the problem of that body.
 */
export async function prepareCreates(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, bodies: unknown[]): Promise<Array<PreparedCreate | ShoalError>> {
  if (!ctx.policy.mayEver('create', object.key)) {
    const denied = new ShoalError('forbidden', `You may not create ${object.key} records`);
    return bodies.map(() => denied);
  }
  const results: Array<PreparedCreate | ShoalError> = new Array(bodies.length);
  const defaultStage = object.stageField ? firstStage(ctx, object) : null;
  const drafts: Array<{ index: number; id: string; normalized: Record<string, unknown>; stage: string | null; written: string[]; full: Row; columns: CreateColumns }> = [];
  for (let index = 0; index < bodies.length; index++) {
    try {
      const { values, id } = splitWriteBody(object, bodies[index], 'create');
      const problems = object.validator.validateCreate(values);
      if (problems.length > 0) throw validationFailed(problems);
      const recordId = id ?? newRecordId();
      const created = await recordAsCreated(tx, ctx, hooks, object, values, recordId, defaultStage);
      // With the values a create fills in itself (拜访时间 now), not only those sent.
      const order = object.validator.checkOrder(created.normalized);
      if (order.length > 0) throw validationFailed(order);
      // An administrator (a role with full access) may bring records in at any stage: a
      // migration's or an import's signed and lost leads, without converting them again.
      if (created.stage !== null && !ctx.policy.isAdmin) checkStartingStage(ctx, object, created.stage, created.full);
      drafts.push({ index, id: recordId, ...created, written: Object.keys(values) });
    } catch (error) {
      if (!(error instanceof ShoalError)) throw error;
      results[index] = error;
    }
  }
  const resolve = drafts.length > 0 ? await relatedResolver(tx, ctx, object, drafts.map((d) => d.full), 'create') : undefined;
  for (const { index, id, normalized, stage, written, full, columns } of drafts) {
    try {
      if (!ctx.policy.can('create', object.key, full, resolve)) {
        throw new ShoalError('forbidden', `Your roles do not let you create this ${object.key} (its values are outside what you may create)`);
      }
      assertWritable(written, ctx.policy.fieldsFor('create', object.key, full, resolve));
      assertAlsoAllowed(ctx, object, full, written, resolve);
      results[index] = {
        id, data: normalized, stage, owner: full.owner as string | null,
        pool: columns.pool ?? null, poolState: columns.poolState ?? null,
        claimedAt: columns.claimedAt ? columns.claimedAt.toISOString() : null,
        holdExpiresAt: columns.holdExpiresAt ? columns.holdExpiresAt.toISOString() : null,
      };
    } catch (error) {
      if (!(error instanceof ShoalError)) throw error;
      results[index] = error;
    }
  }
  return results;
}

const entropy = Buffer.alloc(16 * 512);
let entropyAt = entropy.length;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A new record id: a UUID version 7 (RFC 9562), whose first 48 bits are the time in ms. Ids
 * made close in time sort close together, so the inserts of a load go to the right-hand pages
 * of the id indexes (records, history, stage events) instead of random pages all over them:
 * far fewer pages to read, dirty and write to the WAL per row on a large table.
 */
export function newRecordId(now = Date.now()): string {
  if (entropyAt === entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const b = entropy.subarray(entropyAt, (entropyAt += 16));
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return `${hex[b[0]!]}${hex[b[1]!]}${hex[b[2]!]}${hex[b[3]!]}-${hex[b[4]!]}${hex[b[5]!]}-${hex[b[6]!]}${hex[b[7]!]}-${hex[b[8]!]}${hex[b[9]!]}-${hex[b[10]!]}${hex[b[11]!]}${hex[b[12]!]}${hex[b[13]!]}${hex[b[14]!]}${hex[b[15]!]}`;
}

/**
 * The record a create of `values` would make, as the caller's create rules see it: the values
 * and the fields' defaults (normalised), its stage, and the owner and pool state the create hooks
 * give it (a pooled record starts in the public sea).
 */
export async function recordAsCreated(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, values: Record<string, unknown>, id: string, defaultStage = object.stageField ? firstStage(ctx, object) : null): Promise<{ normalized: Record<string, unknown>; stage: string | null; full: Row; columns: CreateColumns }> {
  const stageKey = object.stageField?.key;
  const now = ctx.now.toISOString();
  const data: Record<string, unknown> = {};
  for (const field of object.customFields) {
    const given = values[field.key];
    const value = given === undefined ? field.definition && startingValue(field.definition, ctx.now, ctx.compiled.timeZone) : given;
    if (value !== undefined && value !== null && field.type !== 'stage') data[field.key] = value;
  }
  // The stored values: normalised, without the ones normalising empties (no `delete`, which
  // would turn each record into a slow dictionary object for everything downstream).
  const normalized: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object.validator.normalize(data))) if (v !== null && v !== undefined) normalized[k] = v;
  const stage = stageKey ? ((values[stageKey] as string | undefined) ?? defaultStage) : null;
  const draft: Row = { id, ...normalized };
  if (stageKey) draft[stageKey] = stage;
  draft.owner = null;
  draft.createdBy = ctx.actorId;
  const columns = await hooks.prepareCreate(tx, ctx, object, draft);
  const full: Row = draft;
  // A pool gives the records it holds owners (claims, assignments; its hook says none while
  // public); any other record is its creator's: of an object without pools, with pools off, or
  // matching none of its object's pools.
  full.owner = columns.owner !== undefined ? columns.owner : ctx.actorId;
  full.version = 1;
  full.createdAt = now;
  full.updatedAt = now;
  full.updatedBy = ctx.actorId;
  if (object.poolKeys.length > 0) full.poolState = columns.poolState ?? null;
  return { normalized, stage, full, columns };
}

/**
 * A record starts in an open stage, with what that stage and the open ones before it require
 * (as a transition there would ask): a create cannot pass over a won stage's conversion, a lost
 * stage's note or a stage's required fields. Stages that convert (`creates`) are entered only by
 * a transition, which makes their record.
 */
function checkStartingStage(ctx: RecordContext, object: CompiledObject, stage: string, values: Record<string, unknown>): void {
  const pipeline = object.pipelineKey ? ctx.compiled.document.pipelines?.[object.pipelineKey] : undefined;
  const target = pipeline?.stages.find((s) => s.key === stage);
  if (!pipeline || !target) return;
  const stageKey = object.stageField!.key;
  const starts = startingStages(pipeline);
  if (!starts.includes(target)) {
    throw validationFailed([{ path: `/${stageKey}`, message: `a new record starts in an open stage (${starts.map((s) => s.key).join(', ')}); it enters ${stage} through POST /records/${object.key}/{id}/transition` }]);
  }
  const missing = missingRequirements(pipeline, stage, values);
  if (missing.length > 0) throw validationFailed(missing.map((field) => ({ path: `/${field}`, message: `is required for a record starting in stage ${stage}` })));
}

/** Where a new record starts: the stage field's `default`, else the pipeline's first open stage. */
function firstStage(ctx: RecordContext, object: CompiledObject): string | null {
  const configured = object.stageField?.definition?.default;
  if (typeof configured === 'string') return configured;
  const pipeline = object.pipelineKey ? ctx.compiled.document.pipelines?.[object.pipelineKey] : undefined;
  if (!pipeline) return null;
  return startingStages(pipeline)[0]?.key ?? pipeline.stages.find((s) => s.kind === 'open')?.key ?? pipeline.stages[0]?.key ?? null;
}

/**
 * Inserts checked records in one statement, with their history and first stage events, then
 * runs the after-write hooks. Lookup targets (unless the caller just checked them for this
 * batch) and autonumbers are settled here for the batch. The rows returned are the records as
 * stored, built from what was inserted (nothing else sets a column of a new record), so the
 * database does not send the batch back.
 */
export async function insertPrepared(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, prepared: PreparedCreate[], options: { lookupsChecked?: boolean } = {}): Promise<RecordRow[]> {
  if (prepared.length === 0) return [];
  if (!options.lookupsChecked) {
    const lookupProblems = await checkLookups(tx, ctx, object, prepared.map((p) => p.data));
    if (lookupProblems.size > 0) {
      const [index, problems] = [...lookupProblems][0]!;
      throw new ShoalError('validation_failed', prepared.length > 1 ? `Record ${index} refers to records that do not exist` : 'A lookup refers to a record that does not exist', { errors: problems, extra: { index } });
    }
  }
  for (const field of object.autonumberFields) {
    const first = await reserveNumbers(tx, ctx.tenantId, object.key, field.key, prepared.length);
    prepared.forEach((p, i) => (p.data[field.key] = formatAutonumber(field.definition?.format, first + i)));
  }
  const now = ctx.now.toISOString();
  // The history's changes are every stored value plus the stage; PostgreSQL derives them from
  // the data instead of reading them twice.
  const payload = JSON.stringify(prepared.map((p) => ({
    id: p.id, owner: p.owner, stage: p.stage, pool: p.pool, pool_state: p.poolState, claimed_at: p.claimedAt,
    hold_expires_at: p.holdExpiresAt, data: p.data,
  })));
  const pipeline = object.pipelineKey;
  const stageKey = object.stageField?.key;
  const stageEvents = pipeline
    ? sql`, se AS (INSERT INTO stage_events (tenant_id, pipeline, record_id, from_stage, to_stage, at, actor)
          SELECT ${tenantLiteral(ctx.tenantId)}, ${pipeline}, input.id, NULL, input.stage, ${now}::timestamptz, ${ctx.actorId}::uuid FROM input WHERE input.stage IS NOT NULL)`
    : sql``;
  const stageChange = stageKey
    ? sql` || CASE WHEN input.stage IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(${stageKey}::text, jsonb_build_array(NULL, input.stage)) END`
    : sql``;
  let inserted: number;
  try {
    const result = await sql<{ n: number }>`${preparedStatement}
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(
          id uuid, owner uuid, stage text, pool text, pool_state text, claimed_at timestamptz, hold_expires_at timestamptz, data jsonb)
      ), ins AS (
        INSERT INTO records AS r (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, stage_entered_at,
                             created_at, updated_at, created_by, updated_by, data)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at,
               CASE WHEN stage IS NULL THEN NULL ELSE ${now}::timestamptz END,
               ${now}::timestamptz, ${now}::timestamptz, ${ctx.actorId}::uuid, ${ctx.actorId}::uuid, data
          FROM input
        RETURNING 1
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, input.id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'create',
               (SELECT coalesce(jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value)), '{}'::jsonb) FROM jsonb_each(input.data) AS e)${stageChange}
          FROM input
      )${stageEvents}
      SELECT count(*)::int AS n FROM ins`.execute(tx);
    inserted = Number(result.rows[0]?.n ?? 0);
  } catch (error) {
    throw duplicateError(error, object) ?? error;
  }
  if (inserted !== prepared.length) throw new Error(`Inserted ${inserted} of ${prepared.length} records`);
  const rows = prepared.map((p) => storedRow(p, ctx));
  await hooks.afterWrite(tx, ctx, rows.map((row) => createEvent(object, row)));
  return rows;
}

/** The event of a created record; its full record is built only if a hook reads it. */
function createEvent(object: CompiledObject, row: RecordRow): RecordEvent {
  let after: Row | undefined;
  return {
    action: 'create', object, id: row.id,
    get after() {
      return (after ??= toFullRecord(row, object));
    },
  };
}

/** A new record as the insert above stores it (column defaults included). */
function storedRow(p: PreparedCreate, ctx: RecordContext): RecordRow {
  return {
    id: p.id, version: 1, owner: p.owner, stage: p.stage, pool: p.pool, pool_state: p.poolState,
    claimed_at: p.claimedAt ? new Date(p.claimedAt) : null, hold_expires_at: p.holdExpiresAt ? new Date(p.holdExpiresAt) : null,
    last_visit_at: null, released_at: null, release_reason: null, released_by: null, extended_times: 0, extended_days: 0,
    stage_entered_at: p.stage === null ? null : ctx.now, created_at: ctx.now, updated_at: ctx.now,
    created_by: ctx.actorId, updated_by: ctx.actorId, deleted_at: null, data: p.data,
  };
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
  tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string, body: unknown, options: UpdateOptions = {},
): Promise<RecordRow> {
  return (await updateRecordReporting(tx, ctx, hooks, object, id, body, options)).row;
}

/** `updateRecord`, saying whether it wrote anything (`changed: false`: the record is as it was, same version). */
export async function updateRecordReporting(
  tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string, body: unknown, options: UpdateOptions = {},
): Promise<{ row: RecordRow; changed: boolean }> {
  const { body: rest, kept } = takeExported(object, body, options);
  const { values } = splitWriteBody(object, rest, 'update');
  const { flags, rules } = actionFlags(ctx, object, 'update');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, flags, flagsOfPolicy: 'update' });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  assertVersion(row, options.ifMatch);
  const allowed = allowedFromFlags('update', rules, row);
  // Compared only with the row visible, and only by whoever may read every field (none hidden by
  // a role's field list, nor by the pool while the record is public): the answer must not tell
  // anyone else what the stage, or a phone the pool hides, is (an import of guesses would).
  const fieldsHidden = ctx.policy.fieldRules('read', object.key, 'r') !== undefined;
  const readable = readableFor(ctx, object, undefined, row);
  const mayCompare = (key: string) => !fieldsHidden && (readable === 'all' || readable.has(key));
  if (!allowed) {
    // A file exported and imported back holds rows of records the importer may read but not
    // edit (a manager's export holds the public pool's leads): such a row as it was is no change.
    const compared = [...Object.keys(values), ...kept.map(({ field }) => field.key)];
    if (options.unchangedIsNoChange && compared.every(mayCompare) && sameAsRecord(object, row, values, kept)) return { row, changed: false };
    throw new ShoalError('forbidden', `You may not change this ${object.key}`);
  }
  const refused = kept.filter((k) => !mayCompare(k.field.key) || !keptAsRecord(object, row, k));
  if (refused.length > 0) {
    throw new ShoalError('field_forbidden', `These fields cannot be written: ${refused.map(({ field }) => field.key).join(', ')}`, {
      errors: refused.map(({ field }) => ({ path: `/${escapePointer(field.key)}`, message: notUpdatable(field)! })),
    });
  }
  assertWritable(Object.keys(values), allowed);
  // A field the pool hides while the record is public is not the caller's to overwrite unseen
  // (a BD typing a phone into the blank a public lead shows would replace the real one).
  const unseen = readable === 'all' ? [] : Object.keys(values).filter((key) => !readable.has(key));
  if (unseen.length > 0) {
    throw new ShoalError('field_forbidden', `These fields are hidden until the ${object.key} is claimed: ${unseen.join(', ')}`, {
      errors: unseen.map((key) => ({ path: `/${escapePointer(key)}`, message: 'is hidden until the record is claimed' })),
    });
  }
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
  if (Object.keys(changes).length === 0) return { row, changed: false };
  // Against the record's other values: moving 拜访时间 past 下次拜访 is refused as typing an early 下次拜访 is.
  const order = object.validator.checkOrder(data, new Set(Object.keys(changes)), mayCompare);
  if (order.length > 0) throw validationFailed(order);
  const changedLookups = Object.fromEntries(Object.keys(changes).filter((k) => object.fields.get(k)?.type === 'lookup').map((k) => [k, data[k]]));
  const lookupProblems = await checkLookups(tx, ctx, object, [changedLookups]);
  if (lookupProblems.size > 0) throw validationFailed(lookupProblems.get(0)!);

  const afterRecord = { ...toFullRecord(row, object), ...Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])) };
  // An import also checks the record as it was: a row may not bring a record into the import's reach.
  const before = ctx.writesAlso ? [toFullRecord(row, object)] : [];
  const resolve = await relatedResolver(tx, ctx, object, [afterRecord, ...before], 'update');
  if (!ctx.policy.can('update', object.key, afterRecord, resolve)) {
    throw new ShoalError('forbidden', `This change would take the ${object.key} outside what you may edit`);
  }
  for (const record of before) assertAlsoAllowed(ctx, object, record, [], resolve);
  assertAlsoAllowed(ctx, object, afterRecord, Object.keys(changes), resolve);
  const moved = await hooks.prepareUpdate(tx, ctx, object, row, afterRecord, Object.keys(changes));
  const now = ctx.now.toISOString();
  try {
    const result = await sql<RecordRow>`${preparedStatement}
      WITH upd AS (
        UPDATE records AS r SET data = ${JSON.stringify(data)}::jsonb, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
               ${movedColumnsSql(moved)}
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${row.id}::uuid
        RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
        SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'update', ${JSON.stringify({ ...changes, ...movedChanges(row, moved) })}::jsonb FROM upd
      )
      SELECT * FROM upd`.execute(tx);
    const updated = result.rows[0]!;
    await hooks.afterWrite(tx, ctx, [{ action: 'update', object, id: updated.id, before: toFullRecord(row, object), after: toFullRecord(updated, object) }]);
    return { row: updated, changed: true };
  } catch (error) {
    throw duplicateError(error, object) ?? error;
  }
}

/** Whether a value of a field updates never write is the record's (the stage is a column). */
function keptAsRecord(object: CompiledObject, row: RecordRow, { field, value }: { field: ModelField; value: unknown }): boolean {
  return isDeepStrictEqual(value ?? null, (field.key === object.stageField?.key ? row.stage : row.data[field.key]) ?? null);
}

/** Whether every value of an update's body (and of the fields updates never write) is the record's already. */
function sameAsRecord(object: CompiledObject, row: RecordRow, values: Record<string, unknown>, kept: Array<{ field: ModelField; value: unknown }>): boolean {
  if (!kept.every((k) => keptAsRecord(object, row, k))) return false;
  if (object.validator.validateUpdate(values).length > 0) return false;
  return Object.entries(object.validator.normalize(values)).every(([key, value]) => isDeepStrictEqual(row.data[key] ?? null, value ?? null));
}

/** The versions a conditional write accepts (`If-Match` lists one or more; none accepts no version). */
export type AcceptedVersions = number | readonly number[];

export interface UpdateOptions {
  /** Conditional on this version, or on one of these (412 otherwise). */
  ifMatch?: AcceptedVersions;
  /**
   * A value of a field updates never write — the stage (it moves by transition), an autonumber,
   * a read-only field — sent as the record already has it is no change: a file exported and
   * imported back names them all. Any other value is refused as always.
   */
  unchangedIsNoChange?: boolean;
}

/** With `unchangedIsNoChange`, the body without the fields updates never write, which are kept to be compared with the record. */
function takeExported(object: CompiledObject, body: unknown, options: UpdateOptions): { body: unknown; kept: Array<{ field: ModelField; value: unknown }> } {
  if (!options.unchangedIsNoChange || typeof body !== 'object' || body === null || Array.isArray(body)) return { body, kept: [] };
  const rest: Record<string, unknown> = {};
  const kept: Array<{ field: ModelField; value: unknown }> = [];
  for (const [key, value] of Object.entries(body)) {
    const field = object.fields.get(key);
    if (field && !field.system && notUpdatable(field)) kept.push({ field, value });
    else rest[key] = value;
  }
  return { body: rest, kept };
}

/** `If-Match`: the version the client saw (or one of those it names) must still be the record's (412 otherwise). */
export function assertVersion(row: RecordRow, ifMatch: AcceptedVersions | undefined): void {
  if (ifMatch === undefined) return;
  const accepted = typeof ifMatch === 'number' ? [ifMatch] : ifMatch;
  if (accepted.includes(row.version)) return;
  const named = accepted.length > 0 ? `not ${accepted.join(' or ')}` : 'which If-Match does not name';
  throw new ShoalError('version_mismatch', `The record is at version ${row.version}, ${named}; reload it and try again`, { extra: { currentVersion: row.version } });
}

/**
 * Soft-deletes a record. Lookups pointing at it decide: `restrict` (the default) refuses with
 * 409 while live records refer to it; `clear` empties those lookups (recorded in their history).
 * `ifMatch` makes it conditional on the version the client saw, as for updates.
 */
export async function deleteRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string, options: { ifMatch?: AcceptedVersions } = {}): Promise<void> {
  const { flags, rules } = actionFlags(ctx, object, 'delete');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: 'delete', flags, flagsOfPolicy: 'delete' });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  assertVersion(row, options.ifMatch);
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
        AND (shoal_text(r.data, ${sql.lit(field.key)}) COLLATE "C") = ${id}`;
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

/**
 * Brings a soft-deleted record back (needs the delete permission). A record the caller can see
 * that is not deleted is a 409: it exists, there is just nothing to restore (e.g. a retry).
 */
export async function restoreRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string): Promise<RecordRow> {
  const { flags, rules } = actionFlags(ctx, object, 'delete');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, deleted: true, flags, flagsOfPolicy: 'delete' });
  if (!row) {
    if (await loadVisibleRecord(tx, ctx, object, id)) throw new ShoalError('conflict', `This ${object.key} is not deleted; there is nothing to restore`);
    throw new ShoalError('not_found', `No deleted ${object.key} ${id} was found`);
  }
  if (!allowedFromFlags('delete', rules, row)) throw new ShoalError('forbidden', `You may not restore this ${object.key}`);
  await assertTargetsLive(tx, ctx, object, row);
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
    throw duplicateError(error, object) ?? error;
  }
}

export type { RecordEvent };

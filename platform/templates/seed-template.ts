import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import type { CompiledMetadata, CompiledObject } from '../metadata/compile-metadata.ts';
import { formatAutonumber } from '../metadata/field-types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { poolByKey } from '../pools/compiled-pools.ts';
import { reserveNumbers } from '../records/write-checks.ts';
import { tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import { addDays } from '../time/zoned-time.ts';
import type { SampleData, SampleRecord, SampleValue } from './sample-data-types.ts';

export interface SeedResult {
  users: Array<{ email: string; name: string; roles: string[]; password: string }>;
  records: number;
}

/**
 * Loads generated sample data into a fresh tenant in one transaction: demo users (with their
 * managers), then records in generation order with their owners, pool holds, visits, stage
 * history and a creation entry in each record's history, as if the CRM had been in use.
 */
export async function seedTemplate(storage: Storage, compiled: CompiledMetadata, data: SampleData, options: { skipEmails?: string[] } = {}): Promise<SeedResult> {
  const tenantId = compiled.tenantId;
  // Hash outside the transaction and in parallel (scrypt runs on libuv's thread pool), each
  // distinct password once: the template states its users' passwords in plain text, so equal
  // hashes tell nobody more than the template does, and a demo tenant's users (who all share
  // the demo password) cost one scrypt instead of one each (~0.1–0.2 s apiece).
  const byPassword = new Map<string, Promise<string>>();
  for (const u of data.users) if (!byPassword.has(u.password)) byPassword.set(u.password, hashPassword(u.password));
  const hashes = new Map(await Promise.all(data.users.map(async (u) => [u.key, await byPassword.get(u.password)!] as const)));
  return storage.inTenant(tenantId, async (tx) => {
    const userIds = await insertUsers(tx, tenantId, data, new Set((options.skipEmails ?? []).map((e) => e.toLowerCase())), hashes);
    const recordIds = new Map(data.records.map((r) => [r.key, randomUUID()]));
    const byObject = new Map<string, SampleRecord[]>();
    for (const record of data.records) byObject.set(record.object, [...(byObject.get(record.object) ?? []), record]);
    const now = new Date(data.now);
    for (const [objectKey, records] of byObject) {
      const object = compiled.objects.get(objectKey);
      if (!object) throw new ShoalError('validation_failed', `Sample data names an object the template does not have: ${objectKey}`);
      for (let i = 0; i < records.length; i += 500) {
        await insertBatch(tx, compiled, object, records.slice(i, i + 500), { userIds, recordIds, now });
      }
    }
    const skipped = new Set((options.skipEmails ?? []).map((e) => e.toLowerCase()));
    return {
      users: data.users.filter((u) => !skipped.has(u.email.toLowerCase())).map((u) => ({ email: u.email, name: u.name, roles: u.roles, password: u.password })),
      records: data.records.length,
    };
  });
}

async function insertUsers(tx: Tx, tenantId: string, data: SampleData, skip: Set<string>, hashes: Map<string, string>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const existing = await tx.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', tenantId).execute();
  for (const u of existing) {
    const sample = data.users.find((s) => s.email.toLowerCase() === u.email.toLowerCase());
    if (sample) ids.set(sample.key, u.id);
  }
  for (const user of data.users) {
    if (ids.has(user.key) || skip.has(user.email.toLowerCase())) continue;
    const id = randomUUID();
    await tx.insertInto('users').values({
      tenant_id: tenantId, id, email: user.email, name: user.name, password_hash: hashes.get(user.key)!,
      roles: user.roles, attributes: JSON.stringify(user.attributes ?? {}), manager_id: null,
    }).execute();
    ids.set(user.key, id);
  }
  for (const user of data.users) {
    if (!user.managerKey || !ids.has(user.managerKey) || !ids.has(user.key)) continue;
    await tx.updateTable('users').set({ manager_id: ids.get(user.managerKey)! }).where('tenant_id', '=', tenantId).where('id', '=', ids.get(user.key)!).execute();
  }
  return ids;
}

interface SeedMaps {
  userIds: Map<string, string>;
  recordIds: Map<string, string>;
  now: Date;
}

async function insertBatch(tx: Tx, compiled: CompiledMetadata, object: CompiledObject, records: SampleRecord[], maps: SeedMaps): Promise<void> {
  const tenantId = compiled.tenantId;
  const numbers = new Map<string, number>();
  for (const field of object.autonumberFields) numbers.set(field.key, await reserveNumbers(tx, tenantId, object.key, field.key, records.length));
  const rows = records.map((record, index) => {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record.values)) {
      if (key !== object.stageField?.key) values[key] = resolveValue(value, maps);
    }
    for (const field of object.autonumberFields) values[field.key] = formatAutonumber(field.definition?.format, numbers.get(field.key)! + index);
    const problems = object.validator.validateCreate(values);
    if (problems.length > 0) {
      throw new ShoalError('validation_failed', `Sample ${record.key} is not valid for ${object.key}`, { errors: problems });
    }
    const pool = record.pool ? poolByKey(compiled, record.pool) : undefined;
    const claimedAt = record.claimedAt ?? null;
    const owner = record.ownerKey ? maps.userIds.get(record.ownerKey) ?? null : null;
    return {
      id: maps.recordIds.get(record.key)!,
      owner,
      stage: record.stage ?? null,
      pool: record.pool ?? null,
      pool_state: record.poolState ?? null,
      claimed_at: claimedAt,
      hold_expires_at: claimedAt && pool?.holdDays ? addDays(new Date(claimedAt), pool.holdDays).toISOString() : null,
      last_visit_at: record.lastVisitAt ?? null,
      created_at: record.createdAt,
      created_by: owner,
      data: object.validator.normalize(values),
    };
  });
  const payload = JSON.stringify(rows);
  await sql`
    INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, last_visit_at,
                         stage_entered_at, created_at, updated_at, created_by, updated_by, data)
    SELECT ${tenantLiteral(tenantId)}, ${object.key}, x.id, x.owner, x.stage, x.pool, x.pool_state, x.claimed_at, x.hold_expires_at,
           x.last_visit_at, CASE WHEN x.stage IS NULL THEN NULL ELSE x.created_at END, x.created_at, coalesce(x.last_visit_at, x.claimed_at, x.created_at),
           x.created_by, x.created_by, x.data
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(id uuid, owner uuid, stage text, pool text, pool_state text, claimed_at timestamptz,
           hold_expires_at timestamptz, last_visit_at timestamptz, created_at timestamptz, created_by uuid, data jsonb)`.execute(tx);
  await sql`
    INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
    SELECT ${tenantLiteral(tenantId)}, ${object.key}, x.id, x.created_at, x.created_by, 'create',
           (SELECT coalesce(jsonb_object_agg(e.key, jsonb_build_array(NULL, e.value)), '{}'::jsonb) FROM jsonb_each(x.data) AS e)
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(id uuid, created_at timestamptz, created_by uuid, data jsonb)`.execute(tx);
  await insertPoolEvents(tx, tenantId, rows);
  if (object.pipelineKey) await insertStageJourneys(tx, compiled, object, rows, maps.now);
}

async function insertPoolEvents(tx: Tx, tenantId: string, rows: Array<{ id: string; owner: string | null; pool: string | null; claimed_at: string | null }>): Promise<void> {
  const claims = rows.filter((r) => r.pool && r.owner && r.claimed_at);
  if (claims.length === 0) return;
  await sql`
    INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor)
    SELECT ${tenantLiteral(tenantId)}, x.pool, x.claimed_at, 'claim', x.id, x.owner, x.owner
      FROM jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS x(id uuid, pool text, owner uuid, claimed_at timestamptz)`.execute(tx);
}

/**
 * Stage events for each record's path through the funnel: every open stage up to its current
 * one (won records pass every open stage; lost ones leave from a random open stage), spread
 * between creation and now, so funnels and "days in stage" have something to show.
 */
async function insertStageJourneys(tx: Tx, compiled: CompiledMetadata, object: CompiledObject, rows: Array<{ id: string; stage: string | null; created_at: string; owner: string | null }>, now: Date): Promise<void> {
  const pipeline = compiled.document.pipelines![object.pipelineKey!]!;
  const open = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.key);
  const events: Array<{ record_id: string; from_stage: string | null; to_stage: string; at: string; actor: string | null }> = [];
  for (const row of rows) {
    if (!row.stage) continue;
    const kind = pipeline.stages.find((s) => s.key === row.stage)?.kind;
    const hash = [...row.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const path = kind === 'open' ? open.slice(0, open.indexOf(row.stage) + 1)
      : kind === 'won' ? [...open, row.stage]
      : [...open.slice(0, 1 + (hash % open.length)), row.stage];
    const start = new Date(row.created_at).getTime();
    const span = Math.max(0, now.getTime() - start);
    path.forEach((stage, i) => {
      const at = new Date(start + (span * i) / Math.max(1, path.length)).toISOString();
      events.push({ record_id: row.id, from_stage: i === 0 ? null : path[i - 1]!, to_stage: stage, at, actor: row.owner });
    });
  }
  if (events.length === 0) return;
  const payload = JSON.stringify(events.map((e, n) => ({ ...e, n })));
  await sql`
    INSERT INTO stage_events (tenant_id, pipeline, record_id, from_stage, to_stage, at, actor)
    SELECT ${tenantLiteral(compiled.tenantId)}, ${object.pipelineKey!}, x.record_id, x.from_stage, x.to_stage, x.at, x.actor
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(record_id uuid, from_stage text, to_stage text, at timestamptz, actor uuid)`.execute(tx);
  // The history tells the same way (the record page draws it): the creation names the first
  // stage, each later step is a transition, as if made through the API.
  const stageKey = object.stageField!.key;
  await sql`
    UPDATE record_history AS h SET changes = h.changes || jsonb_build_object(${stageKey}::text, jsonb_build_array(NULL, x.to_stage))
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(record_id uuid, from_stage text, to_stage text)
     WHERE x.from_stage IS NULL AND h.tenant_id = ${tenantLiteral(compiled.tenantId)} AND h.object = ${object.key} AND h.record_id = x.record_id AND h.action = 'create'`.execute(tx);
  await sql`
    INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
    SELECT ${tenantLiteral(compiled.tenantId)}, ${object.key}, x.record_id, x.at, x.actor, 'transition', jsonb_build_object(${stageKey}::text, jsonb_build_array(x.from_stage, x.to_stage))
      FROM jsonb_to_recordset(${payload}::jsonb) AS x(record_id uuid, from_stage text, to_stage text, at timestamptz, actor uuid, n int)
     WHERE x.from_stage IS NOT NULL
     ORDER BY x.n`.execute(tx);
  await sql`
    UPDATE records AS r SET stage_entered_at = e.at
      FROM (SELECT record_id, max(at) AS at FROM stage_events WHERE tenant_id = ${tenantLiteral(compiled.tenantId)} AND pipeline = ${object.pipelineKey!}
             GROUP BY record_id) AS e
     WHERE r.tenant_id = ${tenantLiteral(compiled.tenantId)} AND r.object = ${object.key} AND r.id = e.record_id`.execute(tx);
}

function resolveValue(value: SampleValue, maps: SeedMaps): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('ref' in value) return maps.recordIds.get(value.ref) ?? null;
    if ('userRef' in value) return maps.userIds.get(value.userRef) ?? null;
  }
  return value;
}

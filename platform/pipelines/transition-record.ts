import { sql } from 'kysely';
import { AccessPolicy } from '../access/access-policy.ts';
import { ShoalError, type ProblemItem } from '../errors.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { labelText } from '../metadata/metadata-types.ts';
import type { RecordContext } from '../records/record-context.ts';
import { movedChanges, movedColumnsSql, type RecordHooks } from '../records/record-hooks.ts';
import { actionFlags, allowedFromFlags, loadVisibleRecord } from '../records/read-records.ts';
import { recordColumns, toFullRecord, type RecordRow } from '../records/record-shape.ts';
import { assertVersion, createRecord, updateRecord, type AcceptedVersions } from '../records/write-records.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';
import { pipelineOfObject } from './compiled-pipelines.ts';
import { impliedBackLink } from './conversion-link.ts';
import { missingRequirements } from './stage-requirements.ts';

export interface TransitionRequest {
  to: string;
  note?: string;
  /** Values for the target stage's required fields, saved with the move (what the stage bar prompts for). */
  values?: Record<string, unknown>;
}

export const parseTransition = envelopeParser<TransitionRequest>({
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', minLength: 1, maxLength: 100 },
    note: { type: 'string', maxLength: 4000 },
    values: { type: 'object' },
  },
});

/**
 * Moves a record to another stage of its pipeline: the move must be allowed (forward / any /
 * explicit moves with roles; won and lost from any open stage), the target's required fields
 * (with those of the open stages before it: `stageRequirements`) filled and its note given. The move, its history, the stage event and any conversion
 * (`creates`) commit together.
 */
export async function transitionRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, object: CompiledObject, id: string, request: TransitionRequest, options: { ifMatch?: AcceptedVersions } = {}): Promise<{ row: RecordRow; created?: { object: string; id: string } }> {
  const pipeline = pipelineOfObject(ctx.compiled, object.key);
  if (!pipeline || !object.stageField) throw new ShoalError('not_found', `${object.key} has no pipeline`);
  // `If-Match` holds for the record as the client saw it: before the values saved with the move.
  const withValues = request.values !== undefined && Object.keys(request.values).length > 0;
  if (withValues) await updateRecord(tx, ctx, hooks, object, id, request.values, options);
  const { flags, rules } = actionFlags(ctx, object, 'transition');
  const row = await loadVisibleRecord(tx, ctx, object, id, { lock: true, flags, flagsOfPolicy: 'transition' });
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  if (!allowedFromFlags('transition', rules, row)) throw new ShoalError('forbidden', `You may not move this ${object.key} between stages`);
  if (!withValues) assertVersion(row, options.ifMatch);
  const target = pipeline.stages.find((s) => s.key === request.to);
  if (!target) {
    throw new ShoalError('validation_failed', `${request.to} is not a stage of ${pipeline.key}`, { errors: [{ path: '/to', message: `must be one of ${pipeline.stages.map((s) => s.key).join(', ')}` }] });
  }
  if (!pipeline.allows(row.stage, request.to, ctx.policy.roles)) {
    throw new ShoalError('transition_not_allowed', `A ${object.key} cannot move from ${row.stage ?? 'no stage'} to ${request.to}`, {
      errors: [{ path: '/to', message: `not reachable from ${row.stage ?? 'no stage'}` }],
      extra: { from: row.stage, allowed: pipeline.stages.filter((s) => pipeline.allows(row.stage, s.key, ctx.policy.roles)).map((s) => s.key) },
    });
  }
  const missing: ProblemItem[] = [];
  const record = toFullRecord(row, object);
  // Also what the open stages before it ask for: skipping a stage does not skip its requirements.
  for (const field of missingRequirements(pipeline.definition, target.key, record)) {
    const label = labelText(object.fields.get(field)?.label, 'en', field);
    missing.push({ path: `/values/${field}`, message: `${label} is required to enter ${target.key}`, field });
  }
  if (target.requiresNote && !request.note?.trim()) missing.push({ path: '/note', message: `a note is required to enter ${target.key}`, field: 'note' });
  if (missing.length > 0) {
    throw new ShoalError('stage_requirements', `${missing.length} ${missing.length === 1 ? 'thing is' : 'things are'} needed before ${target.key}`, { errors: missing });
  }

  const now = ctx.now.toISOString();
  // A pool whose filter tests the stage may hold the record no longer (or now).
  const pooled = await hooks.prepareUpdate(tx, ctx, object, row, { ...record, [object.stageField.key]: request.to }, [object.stageField.key]);
  const changes = { [object.stageField.key]: [row.stage, request.to], ...movedChanges(row, pooled) };
  const result = await sql<RecordRow>`
    WITH moved AS (
      UPDATE records AS r SET stage = ${request.to}, stage_entered_at = ${now}::timestamptz, version = r.version + 1,
             updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid ${movedColumnsSql(pooled)}
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${row.id}::uuid
      RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
    ), history AS (
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'transition', ${JSON.stringify(changes)}::jsonb, ${request.note ?? null} FROM moved
    ), event AS (
      INSERT INTO stage_events (tenant_id, pipeline, record_id, from_stage, to_stage, at, actor)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pipeline.key}, id, ${row.stage}, ${request.to}, ${now}::timestamptz, ${ctx.actorId}::uuid FROM moved
    )
    SELECT * FROM moved`.execute(tx);
  const moved = result.rows[0]!;
  let created: { object: string; id: string } | undefined;
  if (target.creates) created = await convert(tx, ctx, hooks, object, moved, target.creates);
  await hooks.afterWrite(tx, ctx, [{ action: 'transition', object, id: moved.id, before: record, after: toFullRecord(moved, object) }]);
  return created ? { row: moved, created } : { row: moved };
}

/**
 * Entering a stage with `creates`: the linked record is made in the same transaction, as the
 * system on the caller's behalf. Its only lookup to the source object points at the converted
 * record unless the map fills it (metadata.md's own example maps no `lead` and means the link).
 */
async function convert(tx: Tx, ctx: RecordContext, hooks: RecordHooks, source: CompiledObject, row: RecordRow, creates: { object: string; map: Record<string, string> }): Promise<{ object: string; id: string }> {
  const target = ctx.compiled.objects.get(creates.object)!;
  const record = toFullRecord(row, source);
  const values: Record<string, unknown> = {};
  for (const [to, from] of Object.entries(creates.map)) {
    const value = record[from];
    if (value !== null && value !== undefined) values[to] = value;
  }
  const backLink = impliedBackLink(target.definition.fields, source.key, creates.map);
  if (backLink) values[backLink] = row.id;
  const system: RecordContext = { ...ctx, policy: AccessPolicy.system(ctx.compiled, ctx.now) };
  try {
    const created = await createRecord(tx, system, hooks, target, values);
    return { object: target.key, id: created.id };
  } catch (error) {
    if (error instanceof ShoalError && (error.code === 'validation_failed' || error.code === 'duplicate')) {
      throw new ShoalError('stage_requirements', `Entering this stage creates a ${target.key}, which is not valid yet: ${error.message}`, { errors: error.errors ?? [] });
    }
    throw error;
  }
}

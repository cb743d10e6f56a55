import { sql } from 'kysely';
import { ShoalError, type ProblemItem } from '../errors.ts';
import { leavesOf, type FilterNode } from '../filter/filter-ast.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { fieldTypeSpecs } from '../metadata/field-types.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { violatedUniqueField } from '../metadata/unique-values.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { escapePointer } from '../validation/ajv.ts';
import { compiledRoles } from '../access/compile-roles.ts';
import { sqlState, violatedConstraint } from '../storage/database-errors.ts';
import type { RecordContext } from './record-context.ts';
import { recordColumns, toFullRecord, type RecordRow } from './record-shape.ts';


/**
 * Sorts the keys of a write body: system fields are never writable through field writes (403,
 * except a client-chosen `id` on create), generated fields neither, the stage only through
 * transitions; unknown keys are a 422.
 */
export function splitWriteBody(object: CompiledObject, body: unknown, mode: 'create' | 'update'): { values: Record<string, unknown>; id?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ShoalError('bad_request', 'The record must be a JSON object of field values');
  }
  const values: Record<string, unknown> = {};
  const forbidden: ProblemItem[] = [];
  const unknown: ProblemItem[] = [];
  let id: string | undefined;
  for (const [key, value] of Object.entries(body)) {
    const field = object.fields.get(key);
    const path = `/${escapePointer(key)}`;
    if (key === 'id' && mode === 'create') {
      if (!isUuid(value)) throw new ShoalError('validation_failed', 'id must be a UUID', { errors: [{ path, message: 'must be a UUID' }] });
      id = value.toLowerCase();
    } else if (!field) {
      unknown.push({ path, message: `is not a field of ${object.key}` });
    } else if (field.system) {
      forbidden.push({ path, message: `${key} is set by the system${key === 'owner' || key === 'poolState' ? ' (use the pool endpoints)' : ''}` });
    } else {
      // A create may write all but a generated field; an update, what notUpdatable lets through.
      const refusal = mode === 'update' ? notUpdatable(field) : generated(field) ? `${key} is assigned automatically` : undefined;
      if (refusal) forbidden.push({ path, message: refusal });
      else values[key] = value;
    }
  }
  if (forbidden.length > 0) {
    throw new ShoalError('field_forbidden', `These fields cannot be written: ${forbidden.map((f) => f.path.slice(1)).join(', ')}`, { errors: forbidden });
  }
  if (unknown.length > 0) throw new ShoalError('validation_failed', `${unknown.length} unknown ${unknown.length === 1 ? 'field' : 'fields'}`, { errors: unknown });
  return id ? { values, id } : { values };
}

/**
 * Why an update may not write a (non-system) field, or undefined when it may: a stage moves by
 * transition, a generated field (an autonumber) is the system's, a read-only one is set only on
 * create.
 */
export function notUpdatable(field: ModelField): string | undefined {
  if (field.type === 'stage') return `${field.key} changes only through the transition endpoint`;
  if (generated(field)) return `${field.key} is assigned automatically`;
  if (field.definition?.readOnly) return `${field.key} is read-only`;
  return undefined;
}

function generated(field: ModelField): boolean {
  return fieldTypeSpecs[field.type as keyof typeof fieldTypeSpecs]?.generated === true;
}

/** 403 naming the fields the caller may not write, if any. */
export function assertWritable(keys: string[], allowed: 'all' | Set<string>): void {
  if (allowed === 'all') return;
  const denied = keys.filter((k) => !allowed.has(k));
  if (denied.length > 0) {
    throw new ShoalError('field_forbidden', `You may not write ${denied.join(', ')}`, { errors: denied.map((k) => ({ path: `/${escapePointer(k)}`, message: 'is not writable for you' })) });
  }
}

/**
 * Checks that lookups point at live records the caller may read (users for user lookups).
 * Returns problems per record index. The targets found are locked FOR KEY SHARE until the write
 * commits: a delete of one (FOR UPDATE, `loadVisibleRecord`) waits for it and then finds the
 * record referring to it (`referenced`), and a write checking a target whose delete is in flight
 * waits for that and finds it gone. Ordinary updates of the target do not wait (FOR NO KEY UPDATE).
 */
export async function checkLookups(tx: Tx, ctx: RecordContext, object: CompiledObject, records: Array<Record<string, unknown>>): Promise<Map<number, ProblemItem[]>> {
  const problems = new Map<number, ProblemItem[]>();
  for (const field of object.lookupFields) {
    const ids = [...new Set(records.map((r) => r[field.key]).filter((v): v is string => isUuid(v)))].map((v) => v.toLowerCase());
    if (ids.length === 0) continue;
    const found = new Set<string>();
    if (field.target === 'user') {
      for (const u of await tx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).where('active', '=', true).execute()) found.add(u.id);
    } else {
      const rows = await sql<{ id: string }>`
        SELECT r.id FROM records AS r
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(field.target!)} AND r.deleted_at IS NULL
           AND r.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})
           AND ${ctx.policy.predicate('read', field.target!, 'r')}
         ORDER BY r.id FOR KEY SHARE OF r`.execute(tx);
      for (const r of rows.rows) found.add(r.id);
    }
    records.forEach((record, i) => {
      const value = record[field.key];
      if (typeof value === 'string' && !found.has(value.toLowerCase())) {
        const list = problems.get(i) ?? [];
        list.push({ path: `/${escapePointer(field.key)}`, message: `refers to a ${field.target} that does not exist` });
        problems.set(i, list);
      }
    });
  }
  return problems;
}

/**
 * A restore may not bring back a lookup to a record deleted since (a visit whose lead was deleted
 * once the visit no longer held it back): 409 naming each such field and target, restore those
 * first. The live targets are locked FOR SHARE until the restore commits, so a concurrent delete
 * of one waits, then finds the restored record referring to it (`referenced`).
 */
export async function assertTargetsLive(tx: Tx, ctx: RecordContext, object: CompiledObject, row: RecordRow): Promise<void> {
  const deleted: ProblemItem[] = [];
  for (const field of object.lookupFields) {
    const target = row.data[field.key];
    if (field.target === 'user' || !isUuid(target)) continue;
    const live = await sql<{ id: string }>`
      SELECT r.id FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(field.target!)} AND r.id = ${target}::uuid AND r.deleted_at IS NULL
       FOR SHARE`.execute(tx);
    if (live.rows.length === 0) deleted.push({ path: `/${escapePointer(field.key)}`, message: `refers to ${field.target} ${target}, which is deleted; restore it first` });
  }
  if (deleted.length > 0) {
    throw new ShoalError('refers_to_deleted', `This ${object.key} refers to deleted records; restore those first`, { errors: deleted });
  }
}

/**
 * A write checked against the context's `writesAlso` action (an import's rows against the import
 * rules), after the create or update rules: the record as written must meet one of its rules'
 * conditions and `written` stay within their fields. Administrators pass.
 */
export function assertAlsoAllowed(ctx: RecordContext, object: CompiledObject, record: Row, written: string[], resolve: Resolver | undefined): void {
  const also = ctx.writesAlso;
  if (!also || ctx.policy.isAdmin) return;
  if (!ctx.policy.can(also, object.key, record, resolve)) {
    throw new ShoalError('forbidden', `Your roles do not let you ${also} this ${object.key} (its values are outside what you may ${also})`);
  }
  assertWritable(written, ctx.policy.fieldsFor(also, object.key, record, resolve));
}

/**
 * Loads the rows a record's lookups point at, when the caller's rules for `action` (and, for a
 * write, the context's `writesAlso`) follow lookups (`lead.owner`, `hotel.city`), so conditions
 * can be checked in memory.
 */
export async function relatedResolver(tx: Tx, ctx: RecordContext, object: CompiledObject, records: Row[], action: string): Promise<Resolver | undefined> {
  const actions = ctx.writesAlso && (action === 'create' || action === 'update') ? [action, ctx.writesAlso] : [action];
  const conditions = ctx.policy.roles
    .flatMap((role) => compiledRoles(ctx.compiled).get(role) ?? [])
    .filter((r) => r.condition && (r.objects === 'all' || r.objects.includes(object.key)) && (r.actions === 'all' || actions.some((a) => r.actions.includes(a))))
    .map((r) => r.condition!);
  return relatedRowsFor(tx, ctx, object, records, conditions);
}

export type Resolver = (target: string, id: string) => Row | undefined;

/** Loads the rows that the one-hop paths of `conditions` reach from `records`; undefined when none follow a lookup. */
export async function relatedRowsFor(tx: Tx, ctx: RecordContext, object: CompiledObject, records: Row[], conditions: FilterNode[]): Promise<Resolver | undefined> {
  const paths = conditions.flatMap((c) => leavesOf(c)).filter((leaf) => leaf.via);
  if (paths.length === 0) return undefined;
  const byTarget = new Map<string, Set<string>>();
  for (const leaf of paths) {
    const target = leaf.via!.scope.name;
    const set = byTarget.get(target) ?? new Set<string>();
    for (const record of records) {
      const id = record[leaf.via!.field.key];
      if (isUuid(id)) set.add(id.toLowerCase());
    }
    byTarget.set(target, set);
  }
  const rows = new Map<string, Row>();
  for (const [target, ids] of byTarget) {
    if (ids.size === 0) continue;
    if (target === 'user') {
      const users = await tx.selectFrom('users').select(['id', 'email', 'name', 'roles', 'attributes', 'manager_id', 'active']).where('tenant_id', '=', ctx.tenantId).where('id', 'in', [...ids]).execute();
      for (const u of users) rows.set(`user:${u.id}`, { id: u.id, email: u.email, name: u.name, roles: u.roles, attributes: u.attributes, managerId: u.manager_id, active: u.active });
      continue;
    }
    const targetObject = ctx.compiled.objects.get(target);
    if (!targetObject) continue;
    const found = await sql<RecordRow>`
      SELECT ${sql.join(recordColumns.map((c) => sql.ref(c)))} FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(target)} AND r.deleted_at IS NULL
         AND r.id IN (${sql.join([...ids].map((id) => sql`${id}::uuid`))})`.execute(tx);
    for (const row of found.rows) rows.set(`${target}:${row.id}`, toFullRecord(row, targetObject));
  }
  return (target, id) => rows.get(`${target}:${id.toLowerCase()}`);
}

/** Reserves `count` consecutive autonumbers of a field; returns the first. */
export async function reserveNumbers(tx: Tx, tenantId: string, object: string, field: string, count: number): Promise<number> {
  const name = `autonumber:${object}.${field}`;
  const row = await tx.insertInto('sequences').values({ tenant_id: tenantId, name, value: count })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`sequences.value + ${count}` }))
    .returning('value').executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}

/** A unique-field violation as the 409 a client can act on (which field). */
export function duplicateError(error: unknown, object: CompiledObject): ShoalError | undefined {
  if (sqlState(error) !== '23505') return undefined;
  // A client-chosen id on create: taken by a record of this object, live or deleted.
  if (violatedConstraint(error) === 'records_pkey') {
    return new ShoalError('duplicate', `A ${object.key} with this id already exists (or was deleted)`, { errors: [{ path: '/id', message: 'is already taken' }] });
  }
  const field = violatedUniqueField(error);
  return new ShoalError('duplicate', field ? `Another ${object.key} already has this ${field}` : 'A record with these values already exists', {
    errors: field ? [{ path: `/${escapePointer(field)}`, message: 'must be unique' }] : [],
  });
}

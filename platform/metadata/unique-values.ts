import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import { sqlState, violatedConstraint } from '../storage/database-errors.ts';
import { tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import type { CompiledMetadata } from './compile-metadata.ts';

/**
 * Unique fields are enforced by `record_unique_values` (migration 0009), not by an index per
 * tenant on `records`: `unique_fields` lists a tenant's unique fields, and a trigger on
 * `records` keeps their values there, where one primary key refuses a second live record with
 * the same value of the same field of the same tenant's object.
 */
export interface UniqueField {
  object: string;
  field: string;
  /** How the trigger reads a value: `shoal_text` (text, e-mail, phone) or `shoal_float` (integer). */
  kind: 'text' | 'number';
}

export function desiredUniqueFields(compiled: CompiledMetadata): UniqueField[] {
  const fields: UniqueField[] = [];
  for (const object of compiled.objects.values()) {
    for (const field of object.uniqueFields) {
      fields.push({ object: object.key, field: field.key, kind: field.kind === 'number' ? 'number' : 'text' });
    }
  }
  return fields;
}

function uniqueKey(f: UniqueField): string {
  return `${f.object}\u0000${f.field}\u0000${f.kind}`;
}

/**
 * Makes the tenant's `unique_fields` those of `compiled`, in the caller's transaction, which
 * holds the tenant's write lock exclusively (`exclusiveWrites`): a field no longer unique gives
 * up its values; a field newly unique (or read another way) gets the values of the live
 * records, and records that share one refuse it with the problem the publisher can act on.
 */
export async function syncUniqueFields(tx: Tx, compiled: CompiledMetadata): Promise<void> {
  const tenant = tenantLiteral(compiled.tenantId);
  const { added, removed } = uniqueChanges(await registeredUniqueFields(tx, compiled.tenantId), compiled);
  for (const f of removed) {
    await sql`DELETE FROM record_unique_values WHERE tenant_id = ${tenant} AND object = ${f.object} AND field = ${f.field}`.execute(tx);
    await sql`DELETE FROM unique_fields WHERE tenant_id = ${tenant} AND object = ${f.object} AND field = ${f.field}`.execute(tx);
  }
  for (const f of added) {
    const duplicates = await countDuplicates(tx, compiled.tenantId, f.object, f.field);
    if (duplicates > 0) throw notUniqueError(f, duplicates);
    await sql`INSERT INTO unique_fields (tenant_id, object, field, kind) VALUES (${tenant}, ${f.object}, ${f.field}, ${f.kind})`.execute(tx);
    await insertUniqueValues(tx, compiled.tenantId, f).catch((error: unknown) => {
      // Values equal only as read (7 and 7.0 are both the integer 7): countDuplicates compares JSON.
      throw sqlState(error) === '23505' ? notUniqueError(f, undefined) : error;
    });
  }
}

async function registeredUniqueFields(tx: Tx, tenantId: string): Promise<UniqueField[]> {
  return (await sql<UniqueField>`SELECT object, field, kind FROM unique_fields WHERE tenant_id = ${tenantLiteral(tenantId)}`.execute(tx)).rows;
}

function uniqueChanges(current: UniqueField[], compiled: CompiledMetadata): { added: UniqueField[]; removed: UniqueField[] } {
  const wanted = desiredUniqueFields(compiled);
  const wantedKeys = new Set(wanted.map(uniqueKey));
  const currentKeys = new Set(current.map(uniqueKey));
  return { added: wanted.filter((f) => !currentKeys.has(uniqueKey(f))), removed: current.filter((f) => !wantedKeys.has(uniqueKey(f))) };
}

/**
 * `syncUniqueFields` for the tenant's live version, outside a publish (at start, after an
 * upgrade from unique indexes): skipped when `compiled` is no longer the live version — a
 * publish since then has synced its own. It holds the tenant's writes only when something is
 * to change (a read says so first): at every start, for every tenant, it would otherwise wait
 * for each tenant's long writes in flight (a sweep) and stall the tenant's new ones meanwhile.
 */
export async function syncLiveUniqueFields(storage: Storage, compiled: CompiledMetadata): Promise<void> {
  const current = await storage.inTenant(compiled.tenantId, (tx) => registeredUniqueFields(tx, compiled.tenantId), { readOnly: true });
  const { added, removed } = uniqueChanges(current, compiled);
  if (added.length === 0 && removed.length === 0) return;
  await storage.inTenant(compiled.tenantId, async (tx) => {
    // No publish runs meanwhile: both hold the tenant's write lock exclusively.
    const row = await tx.selectFrom('tenants').select('live_version').where('id', '=', compiled.tenantId).executeTakeFirst();
    if (row?.live_version !== compiled.version) return;
    await syncUniqueFields(tx, compiled);
  }, { exclusiveWrites: true });
}

function notUniqueError(f: UniqueField, count: number | undefined): ShoalError {
  return new ShoalError('migration_required', `${f.object}.${f.field} cannot be unique: ${count ?? 'some'} records share a value`, {
    errors: [{ path: `/objects/${f.object}/fields/${f.field}/unique`, message: 'existing records share values; fix them first', ...(count !== undefined ? { affectedRecords: count } : {}) }],
  });
}

/**
 * Rebuilds the tenant's values from its live records and `unique_fields` (a tenant import: the
 * values are derived, so they are not exported).
 */
export async function rebuildUniqueValues(tx: Tx, tenantId: string): Promise<void> {
  await sql`DELETE FROM record_unique_values WHERE tenant_id = ${tenantLiteral(tenantId)}`.execute(tx);
  await insertUniqueValues(tx, tenantId);
}

/** Writes the values of the tenant's live records for its registered unique fields (or `only` one). */
async function insertUniqueValues(tx: Tx, tenantId: string, only?: UniqueField): Promise<void> {
  const value = sql`shoal_unique_value(r.data, u.field, u.kind)`;
  await sql`
    INSERT INTO record_unique_values (tenant_id, object, field, value, record_id)
    SELECT r.tenant_id, r.object, u.field, ${value}, r.id
      FROM unique_fields AS u JOIN records AS r ON r.tenant_id = u.tenant_id AND r.object = u.object
     WHERE u.tenant_id = ${tenantLiteral(tenantId)} AND r.deleted_at IS NULL AND ${value} IS NOT NULL
       ${only ? sql`AND u.object = ${only.object} AND u.field = ${only.field}` : sql``}`.execute(tx);
}

/**
 * Records of a tenant's object that share a value of `field` with another (what making the field
 * unique would refuse), counted inside a transaction.
 */
export async function countDuplicates(tx: Tx, tenantId: string, object: string, field: string): Promise<number> {
  const row = (await sql<{ n: string }>`
    SELECT coalesce(sum(n), 0) AS n FROM (
      SELECT count(*) AS n FROM records
       WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND deleted_at IS NULL AND data ? ${field}
       GROUP BY data -> ${field}::text HAVING count(*) > 1) AS d`.execute(tx)).rows[0];
  return Number(row?.n ?? 0);
}

/** The unique field a 23505 from the `records` trigger names (`unique:<field>`), if it is one. */
export function violatedUniqueField(error: unknown): string | undefined {
  if (sqlState(error) !== '23505') return undefined;
  const name = violatedConstraint(error);
  return name?.startsWith('unique:') ? name.slice('unique:'.length) : undefined;
}

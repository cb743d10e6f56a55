import { sql } from 'kysely';
import { ShoalError, type ProblemItem } from '../errors.ts';
import { normalizeInstant } from '../filter/filter-values.ts';
import type { Tx } from '../storage/storage.ts';
import { createAjv, envelopeParser } from '../validation/ajv.ts';
import { fieldTypeSpecs, optionValues } from './field-types.ts';
import type { FieldDefinition, FieldType, MetadataDocument } from './metadata-types.ts';
import { storedReleaseReasons } from '../pools/release-reasons.ts';
import { reasonMoveProblems } from './removed-release-reasons.ts';

/** Data changes that go with a publish, given in its request body. */
export type DataMigration =
  | { op: 'renameField'; object: string; from: string; to: string }
  | { op: 'changeType'; object: string; field: string; clearInvalid?: boolean }
  | { op: 'renameOption'; object: string; field: string; from: string; to: string }
  /** Records of `pool` released for reason `from` (one the pool stops offering) read reason `to` (one it offers). */
  | { op: 'moveReleaseReason'; pool: string; from: string; to: string };

const name = { type: 'string', minLength: 1, maxLength: 100 };

/**
 * The JSON Schema of a list of data migrations. Request envelopes embed it under `migrations`,
 * so that a problem points into the body (`/migrations/0/op`).
 */
export const migrationsSchema = {
  type: 'array',
  maxItems: 100,
  items: {
    oneOf: [
      { type: 'object', required: ['op', 'object', 'from', 'to'], additionalProperties: false, properties: { op: { const: 'renameField' }, object: name, from: name, to: name } },
      { type: 'object', required: ['op', 'object', 'field'], additionalProperties: false, properties: { op: { const: 'changeType' }, object: name, field: name, clearInvalid: { type: 'boolean' } } },
      { type: 'object', required: ['op', 'object', 'field', 'from', 'to'], additionalProperties: false, properties: { op: { const: 'renameOption' }, object: name, field: name, from: name, to: name } },
      { type: 'object', required: ['op', 'pool', 'from', 'to'], additionalProperties: false, properties: { op: { const: 'moveReleaseReason' }, pool: name, from: name, to: name } },
    ],
  },
};

/** Parses migrations given on their own (a query parameter); problems point into the list (`/0/op`). */
export const parseMigrations = envelopeParser<DataMigration[]>(migrationsSchema, 'The migrations are not valid');

/** Checks each migration against the live and draft documents; problems point into `/migrations`. */
export function checkMigrations(live: MetadataDocument | undefined, draft: MetadataDocument, migrations: DataMigration[]): ProblemItem[] {
  const problems: ProblemItem[] = [];
  migrations.forEach((m, i) => {
    const at = `/migrations/${i}`;
    if (m.op === 'moveReleaseReason') {
      problems.push(...reasonMoveProblems(live, draft, m, at));
      return;
    }
    const before = live?.objects[m.object];
    const after = draft.objects[m.object];
    if (!before || !after) {
      problems.push({ path: `${at}/object`, message: `${m.object} must exist before and after publishing` });
      return;
    }
    if (m.op === 'renameField') {
      const from = before.fields[m.from];
      const to = after.fields[m.to];
      if (!from || after.fields[m.from]) problems.push({ path: `${at}/from`, message: `${m.from} must be a field of the live version that the draft no longer has` });
      if (!to || before.fields[m.to]) problems.push({ path: `${at}/to`, message: `${m.to} must be a new field of the draft` });
      if (from && to && from.type !== to.type) problems.push({ path: `${at}/to`, message: `a rename keeps the type (${from.type}); change the type in a separate publish` });
      if (from?.type === 'stage') problems.push({ path: `${at}/from`, message: 'a stage field cannot be renamed' });
    } else if (m.op === 'changeType') {
      const from = before.fields[m.field];
      const to = after.fields[m.field];
      if (!from || !to || from.type === to.type) problems.push({ path: `${at}/field`, message: `${m.field} must exist in both versions with different types` });
      else if (['stage', 'autonumber'].includes(to.type) || from.type === 'stage') problems.push({ path: `${at}/field`, message: `values cannot be converted to or from ${to.type === 'stage' || from.type === 'stage' ? 'stage' : to.type}` });
    } else {
      const field = after.fields[m.field];
      const allowed = field?.type === 'stage'
        ? (draft.pipelines?.[field.pipeline ?? '']?.stages ?? []).map((s) => s.key)
        : field && (field.type === 'select' || field.type === 'multiselect') ? optionValues(field) : undefined;
      if (!allowed) problems.push({ path: `${at}/field`, message: `${m.field} must be a select, multi-select or stage field` });
      else if (!allowed.includes(m.to)) problems.push({ path: `${at}/to`, message: `${m.to} is not an option of ${m.field} in the draft` });
    }
  });
  return problems;
}

/** Applies one migration inside the publish transaction. Returns the number of records changed. */
export async function applyMigration(tx: Tx, tenantId: string, live: MetadataDocument, draft: MetadataDocument, m: DataMigration, index: number): Promise<number> {
  if (m.op === 'moveReleaseReason') {
    // Only the reason (and the version, which is the record's ETag): the release itself, its
    // time and its history stay as they happened.
    const result = await sql`
      UPDATE records SET release_reason = ${m.to}, version = version + 1
       WHERE tenant_id = ${tenantId}::uuid AND object = ${live.pools![m.pool]!.object} AND pool = ${m.pool} AND release_reason = ANY(${storedReleaseReasons(m.from)}::text[])`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }
  const object = m.object;
  if (m.op === 'renameField') {
    const result = await sql`
      UPDATE records SET data = (data - ${m.from}::text) || jsonb_build_object(${m.to}::text, data -> ${m.from}::text), version = version + 1
       WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND data ? ${m.from}`.execute(tx);
    // History stays readable: past changes of the field are listed under its new name.
    await sql`
      UPDATE record_history SET changes = (changes - ${m.from}::text) || jsonb_build_object(${m.to}::text, changes -> ${m.from}::text)
       WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND changes ? ${m.from}`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }
  if (m.op === 'renameOption') {
    const field = draft.objects[object]!.fields[m.field]!;
    if (field.type === 'stage') {
      const result = await sql`UPDATE records SET stage = ${m.to}, version = version + 1 WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND stage = ${m.from}`.execute(tx);
      const pipeline = field.pipeline!;
      await sql`UPDATE stage_events SET to_stage = ${m.to} WHERE tenant_id = ${tenantId}::uuid AND pipeline = ${pipeline} AND to_stage = ${m.from}`.execute(tx);
      await sql`UPDATE stage_events SET from_stage = ${m.to} WHERE tenant_id = ${tenantId}::uuid AND pipeline = ${pipeline} AND from_stage = ${m.from}`.execute(tx);
      return Number(result.numAffectedRows ?? 0);
    }
    const result = field.type === 'multiselect'
      ? await sql`
          UPDATE records SET version = version + 1, data = jsonb_set(data, ARRAY[${m.field}::text], (
            SELECT jsonb_agg(DISTINCT CASE WHEN e = ${m.from} THEN ${m.to} ELSE e END) FROM jsonb_array_elements_text(data -> ${m.field}::text) AS e))
           WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND data -> ${m.field}::text ? ${m.from}`.execute(tx)
      : await sql`
          UPDATE records SET version = version + 1, data = jsonb_set(data, ARRAY[${m.field}::text], to_jsonb(${m.to}::text))
           WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND data ->> ${m.field}::text = ${m.from}`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }
  return convertFieldType(tx, tenantId, live.objects[object]!.fields[m.field]!, draft.objects[object]!.fields[m.field]!, m, index);
}

const invalid = Symbol('invalid');
const ajv = createAjv();

async function convertFieldType(tx: Tx, tenantId: string, from: FieldDefinition, to: FieldDefinition, m: Extract<DataMigration, { op: 'changeType' }>, index: number): Promise<number> {
  const validate = ajv.compile(fieldTypeSpecs[to.type].valueSchema(to));
  const check = fieldTypeSpecs[to.type].check;
  const failures: Array<{ id: string; value: unknown }> = [];
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await sql<{ id: string; value: unknown }>`
      SELECT id, data -> ${m.field}::text AS value FROM records
       WHERE tenant_id = ${tenantId}::uuid AND object = ${m.object} AND data ? ${m.field} AND id > ${after}::uuid ORDER BY id LIMIT 2000`.execute(tx)).rows;
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates: Array<{ id: string; value: unknown }> = [];
    for (const row of rows) {
      let value = convertValue(row.value, from.type, to);
      if (value !== invalid && value !== null && (!validate(value) || check?.(to, value))) value = invalid;
      if (value === invalid) {
        failures.push({ id: row.id, value: row.value });
        if (m.clearInvalid) updates.push({ id: row.id, value: null });
      } else {
        updates.push({ id: row.id, value });
      }
    }
    if (failures.length > 0 && !m.clearInvalid) continue; // keep counting, refuse at the end
    if (updates.length > 0) {
      await sql`
        UPDATE records AS r SET version = r.version + 1,
               data = CASE WHEN u.value IS NULL OR u.value = 'null'::jsonb THEN r.data - ${m.field}::text ELSE jsonb_set(r.data, ARRAY[${m.field}::text], u.value) END
          FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id uuid, value jsonb)
         WHERE r.tenant_id = ${tenantId}::uuid AND r.object = ${m.object} AND r.id = u.id`.execute(tx);
      changed += updates.length;
    }
  }
  if (failures.length > 0 && !m.clearInvalid) {
    throw new ShoalError('migration_required', `${failures.length} records of ${m.object} have ${m.field} values that cannot become ${to.type}`, {
      errors: [{
        path: `/migrations/${index}`,
        message: `${failures.length} values cannot be converted; fix them or publish with "clearInvalid": true to clear them`,
        examples: failures.slice(0, 20),
      }],
    });
  }
  return changed;
}

/** Converts one stored value to a new field type, or `invalid`. */
export function convertValue(value: unknown, fromType: FieldType, to: FieldDefinition): unknown {
  if (value === null || value === undefined) return null;
  const scalar = Array.isArray(value) ? (value.length === 1 ? value[0] : invalid) : value;
  switch (to.type) {
    case 'text': case 'textarea': case 'email': case 'phone': case 'url':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const n = typeof scalar === 'number' ? scalar : typeof scalar === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(scalar) ? Number(scalar) : NaN;
      if (!Number.isFinite(n)) return invalid;
      if (to.type === 'integer') return Number.isInteger(n) ? n : invalid;
      const scale = to.scale ?? (to.type === 'decimal' ? 6 : 2);
      return Number(n.toFixed(scale));
    }
    case 'boolean': {
      const text = String(scalar).trim().toLowerCase();
      if (['true', 'yes', '1', 'y'].includes(text)) return true;
      if (['false', 'no', '0', 'n'].includes(text)) return false;
      return invalid;
    }
    case 'date': {
      const instant = typeof scalar === 'string' ? normalizeInstant(scalar) : undefined;
      return instant ? instant.slice(0, 10) : invalid;
    }
    case 'datetime':
      return (typeof scalar === 'string' && normalizeInstant(scalar)) || invalid;
    case 'select':
      return typeof scalar === 'string' || typeof scalar === 'number' ? String(scalar) : invalid;
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'lookup':
      return typeof scalar === 'string' ? scalar.toLowerCase() : invalid;
    default:
      return fromType === to.type ? value : invalid;
  }
}

import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../storage/storage.ts';
import { describeRules, type AffectedRecords, type MetadataChange, type StricterRules } from './diff-metadata.ts';
import { countDuplicates } from './unique-values.ts';

/**
 * Fills in `affectedRecords` for every change that touches existing records (one aggregate
 * query per object), and settles its classification: a change that would be destructive or
 * need a migration is safe when no record is affected.
 */
export async function countAffected(tx: Tx, tenantId: string, changes: MetadataChange[]): Promise<MetadataChange[]> {
  const byObject = new Map<string, MetadataChange[]>();
  for (const change of changes) {
    if (!change.affects) continue;
    const list = byObject.get(change.affects.object) ?? [];
    list.push(change);
    byObject.set(change.affects.object, list);
  }
  for (const [object, list] of byObject) {
    const plain = list.filter((c) => c.affects!.kind !== 'duplicates');
    if (plain.length > 0) {
      const columns = plain.map((c, i) => sql`count(*) FILTER (WHERE ${predicate(c.affects!)}) AS ${sql.id(`c${i}`)}`);
      const row = (await sql<Record<string, string>>`
        SELECT ${sql.join(columns)} FROM records
         WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND deleted_at IS NULL`.execute(tx)).rows[0] ?? {};
      plain.forEach((c, i) => (c.affectedRecords = Number(row[`c${i}`] ?? 0)));
    }
    for (const c of list.filter((x) => x.affects!.kind === 'duplicates')) {
      c.affectedRecords = await countDuplicates(tx, tenantId, object, (c.affects as { field: string }).field);
    }
  }
  for (const change of changes) {
    if (change.affects?.kind === 'breaks' && (change.affectedRecords ?? 0) > 0) {
      const n = change.affectedRecords!;
      change.detail = `${change.detail}; ${n} ${n === 1 ? 'record does' : 'records do'} not meet the new rule (${describeRules(change.affects.rules)}): ${n === 1 ? 'it keeps its value' : 'they keep their values'}; a new value of ${change.key} must meet it, and the record form asks for one when ${n === 1 ? 'the record is' : 'such a record is'} next edited`;
    }
    if (change.migration) change.classification = 'migration';
    else if (change.ifRecords && (change.affectedRecords ?? 0) > 0) {
      change.classification = change.ifRecords;
      if (change.affects?.kind === 'misfits') {
        change.detail = `${change.affectedRecords} records hold values of another type under "${change.key}" (left by an earlier field with this key); use another key, or re-add it with its earlier type and convert it with a changeType migration`;
      }
    }
  }
  return changes;
}

function predicate(affects: AffectedRecords): RawBuilder<unknown> {
  switch (affects.kind) {
    case 'all': return sql`TRUE`;
    case 'hasField': return sql`data ? ${affects.field}`;
    case 'hasOption': return affects.multi
      ? sql`(data -> ${affects.field}::text) ? ${affects.value}`
      : sql`data ->> ${affects.field}::text = ${affects.value}`;
    case 'inStage': return sql`stage = ${affects.stage}`;
    case 'pooled': return sql`(pool = ${affects.pool} AND pool_state = 'private')`;
    case 'releasedFor': return sql`(pool = ${affects.pool} AND release_reason = ANY(${affects.reasons}::text[]))`;
    case 'duplicates': return sql`FALSE`;
    case 'misfits': return sql`(data ? ${affects.field} AND jsonb_typeof(data -> ${affects.field}::text) NOT IN ('null', ${affects.jsonType}))`;
    case 'breaks': return breaksSql(affects.field, affects.rules);
  }
}

const blank = '^[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*$';

/** A record whose value of `field` fails any of the stricter rules (values of another JSON type are not counted). */
function breaksSql(field: string, rules: StricterRules): RawBuilder<unknown> {
  const value = sql`(data -> ${field}::text)`;
  const text = sql`(data ->> ${field}::text)`;
  const isString = sql`jsonb_typeof(${value}) = 'string'`;
  const isNumber = sql`jsonb_typeof(${value}) = 'number'`;
  const checks: RawBuilder<unknown>[] = [];
  // As the validator: no value, null, or blank text (blank as JavaScript's trim() sees it: tabs,
  // line breaks, no-break and ideographic spaces too).
  if (rules.required) checks.push(sql`(${value} IS NULL OR jsonb_typeof(${value}) = 'null' OR (${isString} AND ${text} ~ ${blank}))`);
  if (rules.maxLength !== undefined) checks.push(sql`(${isString} AND char_length(${text}) > ${rules.maxLength})`);
  if (rules.minimum !== undefined) checks.push(sql`(${isNumber} AND (${text})::numeric < ${String(rules.minimum)}::numeric)`);
  if (rules.maximum !== undefined) checks.push(sql`(${isNumber} AND (${text})::numeric > ${String(rules.maximum)}::numeric)`);
  if (rules.scale !== undefined) checks.push(sql`(${isNumber} AND (${text})::numeric <> round((${text})::numeric, ${rules.scale}))`);
  return sql`(${sql.join(checks, sql` OR `)})`;
}

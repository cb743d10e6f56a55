import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../storage/storage.ts';
import type { AffectedRecords, MetadataChange } from './diff-metadata.ts';
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
    case 'duplicates': return sql`FALSE`;
    case 'misfits': return sql`(data ? ${affects.field} AND jsonb_typeof(data -> ${affects.field}::text) NOT IN ('null', ${affects.jsonType}))`;
  }
}

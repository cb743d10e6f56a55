import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import type { RecordContext } from './record-context.ts';
import { loadVisibleRecord, readableFor } from './read-records.ts';

export interface HistoryEntry {
  id: string;
  at: string;
  actor: string | null;
  actorName: string | null;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  note: string | null;
}

const maxBigint = 9223372036854775807n;

/**
 * A record's history, newest first: every create, update, delete, restore, transition, claim,
 * release, assignment and extension. Changes to fields the caller may not read are left out.
 */
export async function listHistory(tx: Tx, ctx: RecordContext, object: CompiledObject, id: string, options: { limit: number; before?: string }): Promise<{ data: HistoryEntry[]; nextCursor: string | null }> {
  const row = (await loadVisibleRecord(tx, ctx, object, id)) ?? (await loadVisibleRecord(tx, ctx, object, id, { deleted: true }));
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} was not found`);
  const readable = readableFor(ctx, object, ctx.policy.fieldRules('read', object.key, 'r'), row);
  // An entry's id is a bigint: 19 digits can still exceed it (PostgreSQL would refuse the cast).
  if (options.before !== undefined && (!/^\d{1,19}$/.test(options.before) || BigInt(options.before) > maxBigint)) throw new ShoalError('invalid_cursor', 'The history cursor is not valid');
  const rows = (await sql<{ id: string; at: Date; actor: string | null; actor_name: string | null; action: string; changes: Record<string, [unknown, unknown]>; note: string | null }>`
    SELECT h.id, h.at, h.actor, u.name AS actor_name, h.action, h.changes, h.note
      FROM record_history AS h LEFT JOIN users AS u ON u.tenant_id = h.tenant_id AND u.id = h.actor
     WHERE h.tenant_id = ${tenantLiteral(ctx.tenantId)} AND h.object = ${object.key} AND h.record_id = ${row.id}::uuid
       ${options.before ? sql`AND h.id < ${options.before}::bigint` : sql``}
     ORDER BY h.id DESC
     LIMIT ${options.limit + 1}`.execute(tx)).rows;
  const data = rows.slice(0, options.limit).map((h) => ({
    id: String(h.id),
    at: h.at.toISOString(),
    actor: h.actor,
    actorName: h.actor_name,
    action: h.action,
    // Whoever may read every field also sees changes of fields removed since. A work order's
    // state is not a field: whoever may read the record sees it, as they see its owner.
    // A move between pools tells what the pools' filters test (`readsAs`): shown as those fields are.
    changes: Object.fromEntries(Object.entries(h.changes ?? {}).filter(([k]) =>
      readable === 'all' || readable.has(k) || (h.action === 'workOrder' && k === 'workOrder') || systemShown(object, k, readable))),
    note: h.note,
  }));
  return { data, nextCursor: rows.length > options.limit ? data[data.length - 1]!.id : null };
}

/** Whether a system field's change is shown: always, but for one that tells the values of fields the caller may not read. */
function systemShown(object: CompiledObject, key: string, readable: Set<string>): boolean {
  const field = object.fields.get(key);
  return field?.system === true && (field.readsAs ?? []).every((k) => readable.has(k));
}

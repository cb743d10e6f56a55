import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../storage/storage.ts';

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body?: Record<string, unknown>;
  object?: string;
  recordId?: string;
  /** The same key is notified once (e.g. one warning per hold and deadline). */
  dedupeKey?: string;
}

/** In-app notifications (release warnings, releases, assignments), written in the causing transaction. */
export async function notify(tx: Tx, tenantId: string, items: NotificationInput[], at: Date): Promise<number> {
  if (items.length === 0) return 0;
  const rows = items.map((n) => ({
    id: randomUUID(), user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? {}, object: n.object ?? null,
    record_id: n.recordId ?? null, dedupe_key: n.dedupeKey ?? null,
  }));
  const result = await sql`
    INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, object, record_id, dedupe_key, created_at)
    SELECT ${tenantId}::uuid, x.id, x.user_id, x.kind, x.title, x.body, x.object, x.record_id, x.dedupe_key, ${at.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, user_id uuid, kind text, title text, body jsonb, object text, record_id uuid, dedupe_key text)
    ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: Record<string, unknown>;
  object: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * A user's notifications, newest first (ties by id). `before` (and `beforeId`, the last one seen)
 * pages on: a sweep writes all its notices at one instant, so a page can end inside a run of
 * equal times, and the next page must start after the last id seen, not after the time.
 */
export async function listNotifications(tx: Tx, tenantId: string, userId: string, options: { unreadOnly: boolean; limit: number; before?: string; beforeId?: string }): Promise<{ data: NotificationView[]; unread: number }> {
  let query = tx.selectFrom('notifications').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  if (options.before) {
    const before = new Date(options.before);
    const beforeId = options.beforeId;
    query = beforeId
      ? query.where((eb) => eb.or([eb('created_at', '<', before), eb.and([eb('created_at', '=', before), eb('id', '<', beforeId)])]))
      : query.where('created_at', '<', before);
  }
  const rows = await query.execute();
  const unread = await tx.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return {
    data: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, body: r.body as Record<string, unknown>, object: r.object, recordId: r.record_id,
      createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
    })),
    unread: Number(unread.n),
  };
}

export async function markRead(tx: Tx, tenantId: string, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  let query = tx.updateTable('notifications').set({ read_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

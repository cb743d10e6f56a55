import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { up } from '../../migrations/0027-clear-pool-state-outside-pools.ts';
import { describeEachDatabase } from '../testing/test-databases.ts';

/** Migration 0027: records an edit or a publish took out of every pool before lose the hold they kept. */
describeEachDatabase('the pool state of records left outside every pool', (db) => {
  it('is cleared, with a new version, where no pool holds the record; a pooled record keeps its own', async () => {
    const { storage } = db();
    const tenant = randomUUID();
    await storage.db.insertInto('tenants').values({ id: tenant, slug: `left-${tenant.slice(0, 8)}`, name: 'Left', live_version: null, time_zone: 'UTC' }).execute();
    const [left, held] = [randomUUID(), randomUUID()];
    const owner = randomUUID();
    const claimed = '2026-03-02T02:00:00.000Z';
    await sql`INSERT INTO records (tenant_id, object, id, owner, pool, pool_state, claimed_at, hold_expires_at, extended_times, extended_days, released_at, release_reason, data)
              VALUES (${tenant}::uuid, 'lead', ${left}::uuid, ${owner}::uuid, NULL, NULL, ${claimed}::timestamptz, ${claimed}::timestamptz + interval '60 days', 1, 15,
                      ${claimed}::timestamptz - interval '1 day', 'no_visit', '{}'),
                     (${tenant}::uuid, 'lead', ${held}::uuid, ${owner}::uuid, 'leadPool', 'private', ${claimed}::timestamptz, ${claimed}::timestamptz + interval '60 days', 1, 15,
                      NULL, NULL, '{}')`.execute(storage.db);

    await up(storage.db as unknown as Kysely<unknown>);

    const rows = (await sql<{ id: string; version: number; claimed_at: Date | null; hold_expires_at: Date | null; extended_times: number; extended_days: number; released_at: Date | null; release_reason: string | null }>`
      SELECT id, version, claimed_at, hold_expires_at, extended_times, extended_days, released_at, release_reason FROM records WHERE tenant_id = ${tenant}::uuid`.execute(storage.db)).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(left)).toMatchObject({ version: 2, claimed_at: null, hold_expires_at: null, extended_times: 0, extended_days: 0, released_at: null, release_reason: null });
    expect(byId.get(held)).toMatchObject({ version: 1, claimed_at: new Date(claimed), extended_times: 1, extended_days: 15 });
  });
});

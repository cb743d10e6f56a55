import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { metadataChangedState } from './database-errors.ts';
import { prepared } from './prepared-statements.ts';
import { PostgresStorage } from './postgres-storage.ts';
import { advisoryLockSpaces, assignmentLockSql, managersLockSql } from './storage.ts';

describeEachDatabase('storage', (db) => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  async function seed() {
    const { storage } = db();
    await storage.db.insertInto('tenants').values([
      { id: tenantA, slug: `a-${tenantA.slice(0, 8)}`, name: 'A', live_version: null, time_zone: 'UTC' },
      { id: tenantB, slug: `b-${tenantB.slice(0, 8)}`, name: 'B', live_version: null, time_zone: 'UTC' },
    ]).execute();
    for (const [tenant, name] of [[tenantA, 'lead of A'], [tenantB, 'lead of B']] as const) {
      await storage.inTenant(tenant, (tx) =>
        tx.insertInto('records').values({ tenant_id: tenant, object: 'lead', id: randomUUID(), data: JSON.stringify({ name }) }).execute());
    }
  }

  it('row-level security alone confines a query without any tenant predicate to its tenant', async () => {
    await seed();
    const { storage } = db();
    // No WHERE on tenant_id at all: only the policy stands between A and B's rows.
    const rows = await storage.inTenant(tenantA, async (tx) => (await sql<{ tenant_id: string; data: { name: string } }>`SELECT tenant_id, data FROM records`.execute(tx)).rows);
    expect(rows.map((r) => r.data.name)).toEqual(['lead of A']);
    const count = await storage.inTenant(tenantB, async (tx) => (await sql<{ n: string }>`SELECT count(*)::text AS n FROM records`.execute(tx)).rows[0]!.n);
    expect(count).toBe('1');
  });

  it('refuses to write another tenant’s rows from inside a tenant transaction', async () => {
    const { storage } = db();
    const attempt = storage.inTenant(tenantA, (tx) =>
      tx.insertInto('records').values({ tenant_id: tenantB, object: 'lead', id: randomUUID(), data: '{}' }).execute());
    await expect(attempt).rejects.toThrow(/row-level security/);
    const updated = await storage.inTenant(tenantA, async (tx) =>
      (await sql`UPDATE records SET data = '{"name":"hacked"}' WHERE tenant_id = ${tenantB}::uuid`.execute(tx)).numAffectedRows);
    expect(Number(updated)).toBe(0);
  });

  it('runs tenant transactions as the unprivileged application role', async () => {
    const { storage } = db();
    const role = await storage.inTenant(tenantA, async (tx) => (await sql<{ r: string }>`SELECT current_user AS r`.execute(tx)).rows[0]!.r);
    expect(role).toBe('shoal_app');
  });

  it('rolls a failed transaction back completely', async () => {
    const { storage } = db();
    const id = randomUUID();
    await expect(storage.inTenant(tenantA, async (tx) => {
      await tx.insertInto('records').values({ tenant_id: tenantA, object: 'lead', id, data: '{}' }).execute();
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const found = await storage.inTenant(tenantA, (tx) => tx.selectFrom('records').select('id').where('id', '=', id).execute());
    expect(found).toEqual([]);
  });

  it('delivers notifications to listeners', async () => {
    const { storage } = db();
    let deliver: (payload: string) => void = () => undefined;
    const received = new Promise<string>((resolve) => { deliver = resolve; });
    // Listening once `listen` has resolved (a fixed 100 ms wait lost the message in a loaded CI run).
    await storage.listen('shoal_test_channel', (payload) => { if (payload !== '*') deliver(payload); });
    await storage.notify('shoal_test_channel', 'hello');
    await expect(received).resolves.toBe('hello');
  });
});

describeEachDatabase('prepared statements', (db) => {
  it('runs a marked statement with its parameters every time, and PostgreSQL keeps it prepared on the connection (at most 200 per connection)', async () => {
    const { storage, kind } = db();
    const prepare = await storage.inPlatform(async (tx) => {
      const answers: number[] = [];
      for (const n of [1, 2, 3]) answers.push((await sql<{ n: number }>`${prepared} SELECT ${n}::int + 1 AS n`.execute(tx)).rows[0]!.n);
      await sql`SELECT ${4}::int + 1 AS unmarked`.execute(tx);
      for (let i = 0; i < 205; i++) await sql`${prepared} SELECT ${i}::int AS ${sql.id(`c${i}`)}`.execute(tx);
      const kept = kind === 'postgres'
        ? (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(tx)).rows.map((r) => r.statement)
        : [];
      return { answers, kept };
    });
    expect(prepare.answers).toEqual([2, 3, 4]);
    if (kind !== 'postgres') return;
    expect(prepare.kept.filter((s) => s.includes('::int + 1 AS n'))).toHaveLength(1);
    expect(prepare.kept.some((s) => s.includes('unmarked'))).toBe(false);
    expect(prepare.kept.length).toBeLessThanOrEqual(200);
    expect(prepare.kept.length).toBeGreaterThanOrEqual(190);
  });
});

describeEachDatabase('transactions begun with their first statement', (db) => {
  it('a failing first statement rolls everything back, and the same prepared statement works again on the same connection', async () => {
    const { storage } = db();
    const tenant = randomUUID();
    await storage.db.insertInto('tenants').values({ id: tenant, slug: `p-${tenant.slice(0, 8)}`, name: 'P', live_version: null, time_zone: 'UTC' }).execute();
    const id = randomUUID();
    const insert = (recordId: string) => storage.inTenant(tenant, (tx) =>
      sql`${prepared} INSERT INTO records (tenant_id, object, id, data) VALUES (${tenant}::uuid, 'lead', ${recordId}::uuid, '{}')`.execute(tx));
    await insert(id);
    for (let i = 0; i < 3; i++) await expect(insert(id)).rejects.toThrow(/duplicate key|unique/i);
    await insert(randomUUID());
    await expect(storage.inTenant(tenant, (tx) => sql`SELECT no_such_column FROM records`.execute(tx))).rejects.toThrow(/no_such_column/);
    // A transaction whose work runs no statement, and one that fails before its first statement.
    await expect(storage.inTenant(tenant, async () => 'nothing')).resolves.toBe('nothing');
    await expect(storage.inTenant(tenant, async () => { throw new Error('before any statement'); })).rejects.toThrow('before any statement');
    const rows = await storage.inTenant(tenant, async (tx) => (await sql<{ n: number; role: string }>`SELECT count(*)::int AS n, current_user AS role FROM records`.execute(tx)).rows[0]!);
    expect(rows).toEqual({ n: 2, role: 'shoal_app' });
    // Nothing of the failed transactions stayed open: a platform transaction runs as the login role.
    const outside = await storage.inPlatform(async (tx) => (await sql<{ role: string }>`SELECT current_user AS role`.execute(tx)).rows[0]!.role);
    expect(outside).not.toBe('shoal_app');
  });
});

describeEachDatabase('prepared statements on one connection', (db) => {
  it('a prepared statement that failed runs again in any position, and a value pg cannot send fails only its query', async () => {
    const { kind, url } = db();
    if (kind !== 'postgres') return;
    // One connection, so every step below reuses the statements the earlier ones left on it.
    const storage = new PostgresStorage({ connectionString: url!, maxConnections: 1 });
    try {
      const tenant = randomUUID();
      const divide = (tx: Parameters<Parameters<typeof storage.inPlatform>[0]>[0], by: number) =>
        sql<{ q: number }>`${prepared} SELECT 10 / ${by}::int AS q`.execute(tx);
      await expect(storage.inTenant(tenant, (tx) => divide(tx, 0))).rejects.toThrow(/division by zero/);
      // Second in its transaction (no setup in front), then in a platform transaction.
      const second = await storage.inTenant(tenant, async (tx) => { await sql`SELECT ${1}::int`.execute(tx); return (await divide(tx, 2)).rows[0]!.q; });
      expect(second).toBe(5);
      await expect(storage.inPlatform((tx) => divide(tx, 0))).rejects.toThrow(/division by zero/);
      expect((await storage.inPlatform((tx) => divide(tx, 5))).rows[0]!.q).toBe(2);
      expect((await storage.inTenant(tenant, (tx) => divide(tx, 10))).rows[0]!.q).toBe(1);
      // A BigInt inside a JSON value cannot be serialised by pg: that query fails, the connection does not hang.
      await expect(storage.inTenant(tenant, (tx) => sql`SELECT ${{ big: 1n }}::jsonb`.execute(tx))).rejects.toThrow(/BigInt/);
      expect((await storage.inTenant(tenant, (tx) => divide(tx, 1))).rows[0]!.q).toBe(10);
    } finally {
      await storage.close();
    }
  });
});

describeEachDatabase('reads that commit each statement', (db) => {
  it('each statement is its own read-only tenant transaction, in one round trip: row-level security and the role hold for every statement, a failure leaves the connection clean', async () => {
    const { kind, url, storage: shared } = db();
    // One connection, so every step below reuses what the earlier ones left on it.
    const storage = kind === 'postgres' ? new PostgresStorage({ connectionString: url!, maxConnections: 1 }) : shared;
    const reads = { readOnly: true, commitEachStatement: true } as const;
    try {
      const [tenantA, tenantB] = [randomUUID(), randomUUID()];
      await storage.db.insertInto('tenants').values([tenantA, tenantB].map((id) => ({ id, slug: `c-${id.slice(0, 8)}`, name: 'C', live_version: null, time_zone: 'UTC' }))).execute();
      for (const [tenant, n] of [[tenantA, 2], [tenantB, 3]] as const) {
        await storage.inTenant(tenant, (tx) => tx.insertInto('records')
          .values(Array.from({ length: n }, () => ({ tenant_id: tenant, object: 'lead', id: randomUUID(), data: '{}' }))).execute());
      }
      type Seen = { n: number; role: string; tenant: string; began: Date };
      // No tenant predicate: only row-level security confines these counts.
      const look = async (tx: Parameters<Parameters<typeof storage.inPlatform>[0]>[0]) => (await sql<Seen>`${prepared}
        SELECT count(*)::int AS n, current_user AS role, current_setting('app.tenant') AS tenant, transaction_timestamp() AS began, ${1}::int AS one
          FROM records`.execute(tx)).rows[0]!;
      const seen = await storage.inTenant(tenantA, async (tx) => {
        const first = await look(tx);
        await sql`SELECT pg_sleep(0.02), ${1}::int`.execute(tx);
        const second = await look(tx);
        const unprepared = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE ${true}`.execute(tx)).rows[0]!.n;
        return { first, second, unprepared };
      }, reads);
      for (const s of [seen.first, seen.second]) expect(s).toMatchObject({ n: 2, role: 'shoal_app', tenant: tenantA });
      expect(seen.unprepared).toBe(2);
      // On a server the two reads were two transactions; PGlite (in process, no round trips) runs one.
      if (kind === 'postgres') expect(seen.second.began.getTime()).toBeGreaterThan(seen.first.began.getTime());
      else expect(seen.second.began.getTime()).toBe(seen.first.began.getTime());

      // Still read-only, in every statement.
      await expect(storage.inTenant(tenantA, async (tx) => {
        await look(tx);
        await sql`INSERT INTO records (tenant_id, object, id, data) VALUES (${tenantA}::uuid, 'lead', ${randomUUID()}::uuid, '{}')`.execute(tx);
      }, reads)).rejects.toThrow(/read-only/);
      // A failing statement (first or later) fails the read; the connection is clean afterwards.
      await expect(storage.inTenant(tenantA, (tx) => sql`${prepared} SELECT 1 / ${0}::int AS q`.execute(tx), reads)).rejects.toThrow(/division by zero/);
      await expect(storage.inTenant(tenantA, async (tx) => { await look(tx); await sql`${prepared} SELECT 1 / ${0}::int AS q`.execute(tx); }, reads)).rejects.toThrow(/division by zero/);
      expect((await storage.inTenant(tenantB, look, reads)).n).toBe(3);
      const outside = await storage.inPlatform(async (tx) => (await sql<{ role: string }>`SELECT current_user AS role`.execute(tx)).rows[0]!.role);
      expect(outside).not.toBe('shoal_app');
      // A writing transaction ignores the option: it stays one transaction, all or nothing.
      await expect(storage.inTenant(tenantA, async (tx) => {
        await sql`INSERT INTO records (tenant_id, object, id, data) VALUES (${tenantA}::uuid, 'lead', ${randomUUID()}::uuid, '{}')`.execute(tx);
        await sql`SELECT 1 / ${0}::int`.execute(tx);
      }, { commitEachStatement: true })).rejects.toThrow(/division by zero/);
      expect((await storage.inTenant(tenantA, look, reads)).n).toBe(2);
    } finally {
      if (storage !== shared) await storage.close();
    }
  });
});

describeEachDatabase('tenant locks', (db) => {
  async function newTenant(liveVersion: number | null): Promise<string> {
    const tenant = randomUUID();
    await db().storage.db.insertInto('tenants').values({ id: tenant, slug: `l-${tenant.slice(0, 8)}`, name: 'L', live_version: liveVersion, time_zone: 'UTC' }).execute();
    return tenant;
  }

  it('takes each tenant-level lock in the two-key form, in a key space of its own, keyed by the tenant', async () => {
    const { storage } = db();
    const tenant = await newTenant(null);
    const locks = await storage.inTenant(tenant, async (tx) => {
      await assignmentLockSql(tenant).execute(tx);
      await managersLockSql(tenant).execute(tx);
      return (await sql<{ space: number; tenantKey: boolean; objsubid: number; mode: string }>`
        SELECT l.classid::bigint::int AS space, l.objid = hashtext(${tenant})::oid AS "tenantKey", l.objsubid::int AS objsubid, l.mode
          FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() ORDER BY l.classid::bigint`.execute(tx)).rows;
    });
    // objsubid 2: the two-key form (1 would be the one-key form, a key space apart).
    expect(locks).toEqual([
      { space: advisoryLockSpaces.tenantWrites, tenantKey: true, objsubid: 2, mode: 'ShareLock' },
      { space: advisoryLockSpaces.assignment, tenantKey: true, objsubid: 2, mode: 'ExclusiveLock' },
      { space: advisoryLockSpaces.managers, tenantKey: true, objsubid: 2, mode: 'ExclusiveLock' },
    ]);
    expect(new Set(Object.values(advisoryLockSpaces)).size).toBe(Object.keys(advisoryLockSpaces).length);
  });

  it('refuses a write resolved against a metadata version that is not live (SQLSTATE SHM01) before its work runs, and leaves the connection clean', async () => {
    const { storage } = db();
    const tenant = await newTenant(3);
    const insert = (metadataVersion: number) => storage.inTenant(tenant, (tx) =>
      sql`${prepared} INSERT INTO records (tenant_id, object, id, data) VALUES (${tenant}::uuid, 'lead', ${randomUUID()}::uuid, '{}')`.execute(tx), { metadataVersion });
    for (const stale of [2, 4]) {
      const refused = await insert(stale).then(() => undefined, (error: unknown) => error);
      // PostgreSQL's storage and PGlite's both answer the kernel's problem for it.
      expect(refused).toMatchObject({ code: 'metadata_changed' });
      expect((refused as Error).cause).toMatchObject({ code: metadataChangedState });
    }
    await insert(3);
    const count = await storage.inTenant(tenant, async (tx) => (await sql<{ n: number; role: string }>`SELECT count(*)::int AS n, current_user AS role FROM records`.execute(tx)).rows[0]!);
    expect(count).toEqual({ n: 1, role: 'shoal_app' });
    const outside = await storage.inPlatform(async (tx) => (await sql<{ role: string }>`SELECT current_user AS role`.execute(tx)).rows[0]!.role);
    expect(outside).not.toBe('shoal_app');
  });
});

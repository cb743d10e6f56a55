import { expect, vi } from 'vitest';
import type { Storage, Tx } from '../../platform/storage/storage.ts';

/**
 * Runs `work` in a transaction opened by `open` (`(w) => storage.inTenant(id, w)`, or
 * `inPlatform`) and keeps the transaction, with the locks `work` took, until the returned `end`
 * is called; `end` resolves once it committed. For interleavings of two transactions on a
 * PostgreSQL server (on PGlite, a transaction held open holds the one connection).
 *
 * @example
 * const end = await holdTransaction((w) => storage.inTenant(tenantId, w), (tx) => sql`SELECT 1 FROM jobs WHERE id = ${id}::uuid FOR UPDATE`.execute(tx));
 * const waiting = client.post(…); await waitForLockWaits(storage, 1); await end();
 */
export async function holdTransaction(open: (work: (tx: Tx) => Promise<void>) => Promise<void>, work: (tx: Tx) => Promise<unknown>): Promise<() => Promise<void>> {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => { end = resolve; });
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => { held = resolve; });
  const done = open(async (tx) => {
    await work(tx);
    held();
    await ended;
  });
  await Promise.race([isHeld, done]);
  return async () => { end(); await done; };
}

/** Waits (5 s at most) until exactly `n` statements on the storage's database wait for a lock. */
export async function waitForLockWaits(storage: Storage, n: number): Promise<void> {
  await vi.waitFor(async () => {
    const { rows } = await storage.executeRaw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    expect((rows[0] as { n: number }).n).toBe(n);
  }, { timeout: 5000 });
}

import { sql, type RawBuilder } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { isUuid } from '../filter/filter-values.ts';

/** A kysely handle bound to one transaction. */
export type Tx = Kysely<Database>;

export interface TenantTransactionOptions {
  /** A read-only transaction; PostgreSQL refuses writes inside it. */
  readOnly?: boolean;
  /**
   * With `readOnly`, on a PostgreSQL server: each statement of the work is a read-only
   * transaction of its own, sent with its BEGIN and COMMIT in one round trip (a get by id
   * takes one round trip instead of two). At READ COMMITTED every statement reads its own
   * snapshot anyway, so the work sees what it would in one transaction. Not for work that needs
   * one snapshot, a cursor or transaction-local settings across statements.
   */
  commitEachStatement?: boolean;
  /**
   * Take the tenant's write lock exclusively (a publish): every other writing transaction of
   * the tenant finishes first, and new ones wait until this one ends. See `tenantWriteLockSql`.
   */
  exclusiveWrites?: boolean;
  /**
   * A writing transaction that does not take the tenant's write lock, because a transaction it
   * runs within (one the caller holds open, and ends only after this one) holds it shared
   * already: a part of a parallel sweep. Taking it again would deadlock once a publish queues
   * for it exclusively — the part would wait behind the publish, the publish for the enclosing
   * transaction, and that for the part (in Node, where PostgreSQL cannot see it) until the
   * statement timeout. Valid only while the enclosing transaction holds the lock.
   */
  writeLockHeldByCaller?: boolean;
  /**
   * The version of the tenant's metadata the work was resolved against (a request's field keys,
   * rules and permissions). Once the write lock is held, the transaction fails with SQLSTATE
   * `metadataChangedState` unless that version is still live: a publish it waited behind (which
   * may have renamed the fields it writes) refuses it instead of letting it write under the old
   * keys. Checked in the lock's own statement, so it costs no round trip.
   */
  metadataVersion?: number;
  /**
   * The background job this transaction does (its id). The job's lock (`jobLockSql`) is taken
   * first, before the tenant's write lock, and held to the end: a run waiting behind a publish
   * is then seen to be alive by whoever tries the lock (`jobLockFreeSql`), though it has not
   * locked any row yet. Only a second run of the same job waits for it, so it cannot deadlock.
   */
  job?: string;
}

/** The options of a read whose statements each commit with themselves (record and pool lists, get by id). */
export const statementReads: TenantTransactionOptions = { readOnly: true, commitEachStatement: true };

/**
 * The one seam between the kernel and PostgreSQL. Two implementations: `pg` against a server
 * (`DATABASE_URL`) and PGlite embedded in the process. Both run the same migrations and SQL.
 *
 * @example
 * const lead = await storage.inTenant(tenantId, (tx) =>
 *   tx.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst());
 */
export interface Storage {
  readonly kind: 'postgres' | 'pglite';
  /** The owner connection: migrations and platform tables (tenants). Not tenant-isolated. */
  readonly db: Kysely<Database>;
  /**
   * Runs `work` in a transaction as the role `shoal_app` with `app.tenant` set, so row-level
   * security confines every statement to this tenant. Commits on success, rolls back on throw.
   */
  inTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>, options?: TenantTransactionOptions): Promise<T>;
  /** Runs `work` in a transaction as the owner (platform operations: creating a tenant). */
  inPlatform<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Executes raw SQL as the owner, outside any tenant (used by the job library's adapter). */
  executeRaw(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
  /** Process-wide notifications: LISTEN/NOTIFY on a server, an in-process bus when embedded. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** True when the database answers a trivial query within a short time. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Tenant ids are spliced into the session-setup statement, so they must be exactly a UUID. */
export function assertTenantId(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return tenantId.toLowerCase();
}

export { isUuid };

/**
 * The statements that open a tenant transaction (PGlite runs them one by one). The role and the
 * tenant are set by one statement (`set_config('role', …, true)` is `SET LOCAL ROLE`): every
 * request pays for each statement on both sides. A transaction that may write takes the
 * tenant's write lock: shared, or exclusively with `exclusiveWrites` (unless the caller holds
 * it, `writeLockHeldByCaller`).
 */
export function tenantTransactionSetup(tenantId: string, options: TenantTransactionOptions = {}): string[] {
  const id = assertTenantId(tenantId);
  return [
    options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN',
    `SELECT set_config('role', 'shoal_app', true), set_config('app.tenant', '${id}', true)`,
    ...(options.job ? [`SELECT ${jobLockSql(options.job)}`] : []),
    ...(options.readOnly || options.writeLockHeldByCaller ? [] : [tenantWriteLockSql(id, options.exclusiveWrites ? 'exclusive' : 'shared', options.metadataVersion)]),
  ];
}

/**
 * The key spaces of the advisory locks, all in one place. Every lock is taken in the two-key
 * form `(space, hashtext(id))`, so two purposes never share a key: a hash collision can only make
 * two tenants (or two jobs) of the same purpose wait for each other, never a tenant's writes wait
 * for another tenant's 10-minute assignment run. A new lock takes a new number here.
 *
 * The login limiter's locks (`loginLockSql`) are the only one-key locks (a 64-bit hash): PostgreSQL
 * keeps one-key and two-key locks apart, so they cannot meet these either.
 */
export const advisoryLockSpaces = {
  /** A tenant's write lock (`tenantWriteLockSql`), by tenant id. */
  tenantWrites: 7301,
  /** A background job's lock (`jobLockSql`), by job id. */
  jobs: 7302,
  /** A tenant's assignment runs, one at a time (`assignmentLockSql`), by tenant id. */
  assignment: 7303,
  /** A tenant's changes of managers, one at a time (`managersLockSql`), by tenant id. */
  managers: 7304,
  /** An upsert's keys of one field (platform/records/upsert-key-locks.ts), by tenant, object, field and value. */
  upsertKeys: 7310,
  /** The starts of one assignment rule's background runs (assignment-service.ts), by tenant and rule. */
  runStarts: 7311,
} as const;

/** `pg_advisory_xact_lock…(space, hashtext('<id>'))` for an id that is a UUID (spliced: no parameter). */
function uuidLockSql(fn: string, space: number, id: string, what: string): string {
  if (!isUuid(id)) throw new Error(`Not a ${what} id: ${JSON.stringify(id)}`);
  return `${fn}(${space}, hashtext('${id.toLowerCase()}'))`;
}

/**
 * The tenant's write lock (a transaction-level advisory lock). Every writing tenant transaction
 * holds it shared from its first statement, before it locks any row. A publish holds it
 * exclusively: it waits for the tenant's writes in flight and holds off new
 * ones, so its data migrations and its unique-field check see every record, and no write can
 * slip between that check and its commit. Taken first thing by both sides, it cannot deadlock
 * with row locks. Shared with `metadataVersion`, the same statement then checks that version is
 * still live (`shoal_write_lock_at_version`, migration 0026).
 */
export function tenantWriteLockSql(tenantId: string, mode: 'shared' | 'exclusive', metadataVersion?: number): string {
  const id = assertTenantId(tenantId);
  if (mode === 'shared' && metadataVersion !== undefined) {
    if (!Number.isSafeInteger(metadataVersion) || metadataVersion < 0) throw new Error(`Not a metadata version: ${metadataVersion}`);
    return `SELECT shoal_write_lock_at_version(${advisoryLockSpaces.tenantWrites}, hashtext('${id}'), '${id}', ${metadataVersion})`;
  }
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  return `SELECT ${uuidLockSql(fn, advisoryLockSpaces.tenantWrites, id, 'tenant')}`;
}

/** The options of a write resolved against `compiled` (a request's): refused if another version went live meanwhile. */
export function writesAt(compiled: { version: number }): TenantTransactionOptions {
  return { metadataVersion: compiled.version };
}

/** Takes a job's lock for the transaction (see `TenantTransactionOptions.job`). */
export function jobLockSql(jobId: string): string {
  return uuidLockSql('pg_advisory_xact_lock', advisoryLockSpaces.jobs, jobId, 'job');
}

/** Makes the tenant's assignment runs take turns, until the transaction ends. */
export function assignmentLockSql(tenantId: string): RawBuilder<unknown> {
  return sql.raw(`SELECT ${uuidLockSql('pg_advisory_xact_lock', advisoryLockSpaces.assignment, tenantId, 'tenant')}`);
}

/** Makes the tenant's changes of managers take turns, until the transaction ends. */
export function managersLockSql(tenantId: string): RawBuilder<unknown> {
  return sql.raw(`SELECT ${uuidLockSql('pg_advisory_xact_lock', advisoryLockSpaces.managers, tenantId, 'tenant')}`);
}

/** Makes the login attempts counted against `key` take turns (one-key form: see `advisoryLockSpaces`). */
export function loginLockSql(key: string): RawBuilder<unknown> {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shoal-login:${key}`}, 0))`;
}

/**
 * True if no transaction holds the lock of the job whose id is the uuid expression `id` (it is
 * then held by this transaction until it ends): the job is done by no live transaction.
 */
export function jobLockFreeSql(id: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`pg_try_advisory_xact_lock(${sql.lit(advisoryLockSpaces.jobs)}, hashtext((${id})::text))`;
}

/**
 * A tenant id as an SQL literal. Record queries inline it so the planner can match the
 * per-tenant partial indexes (`WHERE tenant_id = '…'`) whatever plan caching it chooses.
 */
export function tenantLiteral(tenantId: string): RawBuilder<unknown> {
  return sql`${sql.lit(assertTenantId(tenantId))}::uuid`;
}

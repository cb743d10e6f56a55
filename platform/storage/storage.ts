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
 * The statements that open a tenant transaction (PGlite runs them one by one). A transaction
 * that may write takes the tenant's write lock: shared, or exclusively with `exclusiveWrites`.
 */
export function tenantTransactionSetup(tenantId: string, options: TenantTransactionOptions = {}): string[] {
  const id = assertTenantId(tenantId);
  return [
    options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN',
    'SET LOCAL ROLE shoal_app',
    `SELECT set_config('app.tenant', '${id}', true)`,
    ...(options.job ? [`SELECT ${jobLockSql(options.job)}`] : []),
    ...(options.readOnly ? [] : [tenantWriteLockSql(id, options.exclusiveWrites ? 'exclusive' : 'shared')]),
  ];
}

/**
 * The tenant's write lock (a transaction-level advisory lock). Every writing tenant transaction
 * holds it shared from its first statement, before it locks any row. A publish holds it
 * exclusively: it waits for the tenant's writes in flight and holds off new
 * ones, so its data migrations and its unique-field check see every record, and no write can
 * slip between that check and its commit. Taken first thing by both sides, it cannot deadlock
 * with row locks.
 */
export function tenantWriteLockSql(tenantId: string, mode: 'shared' | 'exclusive'): string {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  return `SELECT ${fn}(hashtext('shoal-writes:${assertTenantId(tenantId)}'))`;
}

/** The advisory lock's key space of jobs (two-key form, apart from the tenant write locks' one-key form). */
const jobLockSpace = 7302;

/** Takes a job's lock for the transaction (see `TenantTransactionOptions.job`). */
export function jobLockSql(jobId: string): string {
  if (!isUuid(jobId)) throw new Error(`Not a job id: ${JSON.stringify(jobId)}`);
  return `pg_advisory_xact_lock(${jobLockSpace}, hashtext('${jobId.toLowerCase()}'))`;
}

/**
 * True if no transaction holds the lock of the job whose id is the uuid expression `id` (it is
 * then held by this transaction until it ends): the job is done by no live transaction.
 */
export function jobLockFreeSql(id: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`pg_try_advisory_xact_lock(${sql.lit(jobLockSpace)}, hashtext((${id})::text))`;
}

/**
 * A tenant id as an SQL literal. Record queries inline it so the planner can match the
 * per-tenant partial indexes (`WHERE tenant_id = '…'`) whatever plan caching it chooses.
 */
export function tenantLiteral(tenantId: string): RawBuilder<unknown> {
  return sql`${sql.lit(assertTenantId(tenantId))}::uuid`;
}

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';
import { mapDatabaseError } from './database-errors.ts';
import { deferredBegin, PreparingClient } from './prepared-statements.ts';
import { tenantTransactionSetup, type Storage, type TenantTransactionOptions, type Tx } from './storage.ts';

// timestamptz and bigint as the kernel expects them: Date objects and strings (exact).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

export interface PostgresStorageOptions {
  connectionString: string;
  maxConnections?: number;
  /**
   * Run the statements marked `prepared` as named prepared statements (default true). Turn it
   * off behind a pooler in transaction mode that does not carry prepared statements across
   * server connections (PgBouncer before 1.21, or without `max_prepared_statements`).
   */
  preparedStatements?: boolean;
}

/** Storage on a PostgreSQL server through `pg`. */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly db: Kysely<Database>;
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  readonly #prepares: boolean;
  #listener: ListenerConnection | undefined;

  constructor(options: PostgresStorageOptions) {
    this.#connectionString = options.connectionString;
    this.#prepares = options.preparedStatements !== false;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      ...(this.#prepares ? { Client: PreparingClient } : {}),
      max: options.maxConnections ?? 10,
      // Waiting for a pooled connection is bounded: a burst queues, a dead server answers 503
      // at once (connection refused) and an unreachable one within this time.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000, // a hostile filter cannot hold a connection for minutes
      application_name: 'shoal',
      // When this process dies mid-statement (a crash, SIGKILL), PostgreSQL notices within a
      // second and rolls the work back, instead of finishing a long statement for nobody while
      // holding its locks (PostgreSQL 14+).
      options: '-c client_connection_check_interval=1000',
    });
    // An idle client losing its server must not crash the process; the pool replaces it.
    this.#pool.on('error', () => {});
    // Nor a checked-out one: pg emits 'error' on a client whose connection ends unexpectedly,
    // even when the query in flight already failed with it, and the pool removes its own
    // listener while a client is checked out — an uncaught exception that would kill the
    // server when the database stops. The query's promise carries the error; the pool drops
    // the dead client when it is released.
    this.#pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    // A transaction always ends in COMMIT or ROLLBACK, which consume a deferred BEGIN; this only
    // guards a client that comes back some other way.
    this.#pool.on('release', (_error: Error | undefined, client: pg.PoolClient) => {
      if (client instanceof PreparingClient) client.clearPending();
    });
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: this.#pool }) });
  }

  async inTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>, options: TenantTransactionOptions = {}): Promise<T> {
    const readOnly = options.readOnly ?? false;
    const setup = tenantTransactionSetup(tenantId, options);
    // With the preparing client, the setup rides with the transaction's first statement: one
    // round trip fewer for every request (0.4 ms of the machine's CPU each, measured on the
    // claim storm); and a read that commits each statement sends its COMMIT with it too.
    const begin = this.#prepares ? deferredBegin(setup, { commitEach: readOnly && options.commitEachStatement === true }) : setup.join('; ');
    return this.#transaction(begin, work);
  }

  async inPlatform<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction('BEGIN', work);
  }

  async #transaction<T>(begin: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.db.connection().execute(async (conn) => {
        await sql.raw(begin).execute(conn).catch(async (error: unknown) => {
          // Sent unprepared, a failed setup (a stale metadata version) leaves its BEGIN open.
          await sql.raw('ROLLBACK').execute(conn).catch(() => {});
          throw error;
        });
        let result: T;
        try {
          result = await work(conn);
        } catch (error) {
          await sql.raw('ROLLBACK').execute(conn).catch(() => {});
          throw error;
        }
        await sql.raw('COMMIT').execute(conn);
        return result;
      });
    } catch (error) {
      throw mapDatabaseError(error);
    }
  }

  async executeRaw(text: string, values: readonly unknown[] = []): Promise<{ rows: unknown[] }> {
    try {
      const result = await this.#pool.query(text, values as unknown[]);
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [] };
    } catch (error) {
      throw mapDatabaseError(error);
    }
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    this.#listener ??= new ListenerConnection(this.#connectionString);
    return this.#listener.subscribe(channel, onMessage);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.executeRaw('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async ping(): Promise<boolean> {
    try {
      await withTimeout(this.#pool.query('SELECT 1'), 2000);
      return true;
    } catch {
      return false;
    }
  }

  #closed = false;

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#listener?.close();
    await this.db.destroy();
  }
}

/**
 * One dedicated connection for LISTEN, re-established with backoff when the server goes away
 * (notifications sent while it was down are lost; subscribers treat a reconnect as "reload").
 */
class ListenerConnection {
  readonly #connectionString: string;
  readonly #handlers = new Map<string, Set<(payload: string) => void>>();
  readonly #listening = new Map<string, Promise<void>>();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  /** Resolves once the channel is listened to (a second subscriber of a channel waits for the first's LISTEN too). */
  async subscribe(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.#handlers.get(channel);
    if (!set) {
      set = new Set();
      this.#handlers.set(channel, set);
      this.#listening.set(channel, this.#ensureConnected().then(() => this.#client?.query(`LISTEN ${pg.escapeIdentifier(channel)}`)).then(() => undefined, () => undefined));
    }
    set.add(handler);
    await this.#listening.get(channel);
    return async () => {
      set.delete(handler);
    };
  }

  async #ensureConnected(): Promise<void> {
    if (this.#client || this.#closed) return;
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    await this.#connecting;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString, application_name: 'shoal-listener' });
    client.on('error', () => this.#reconnectSoon(client));
    client.on('end', () => this.#reconnectSoon(client));
    client.on('notification', (msg) => {
      for (const handler of this.#handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.#client = client;
      // After a reconnect, tell every subscriber that it may have missed messages.
      for (const [, handlers] of this.#handlers) for (const h of handlers) h('*');
    } catch {
      client.end().catch(() => {});
      this.#scheduleRetry();
    }
  }

  #reconnectSoon(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => {});
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#ensureConnected();
    }, 1000);
    this.#retryTimer.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#client?.end().catch(() => {});
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e) => { clearTimeout(timer); reject(e); },
    );
  });
}

import { EventEmitter } from 'node:events';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './database-schema.ts';
import { mapDatabaseError } from './database-errors.ts';
import { tenantTransactionSetup, type Storage, type TenantTransactionOptions, type Tx } from './storage.ts';

export interface PgliteStorageOptions {
  /** A directory for the data files; omitted: in memory (tests). */
  dataDir?: string;
  /** Start from a dumped data directory (a migrated template), for fast test databases. */
  loadDataDir?: Blob | File;
}

/**
 * Storage on PGlite, PostgreSQL compiled to WebAssembly and embedded in this process.
 * PGlite is one session: the dialect hands out its single connection to one user at a time,
 * so a transaction holds the database until it ends. Never open a transaction inside another.
 */
export class PgliteStorage implements Storage {
  readonly kind = 'pglite' as const;
  readonly db: Kysely<Database>;
  readonly #pglite: PGlite;
  readonly #bus = new EventEmitter();

  static async open(options: PgliteStorageOptions = {}): Promise<PgliteStorage> {
    const pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    });
    return new PgliteStorage(pglite);
  }

  private constructor(pglite: PGlite) {
    this.#pglite = pglite;
    this.#bus.setMaxListeners(0);
    this.db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  }

  async inTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>, options: TenantTransactionOptions = {}): Promise<T> {
    return this.#transaction(tenantTransactionSetup(tenantId, options), work);
  }

  async inPlatform<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction(['BEGIN'], work);
  }

  async #transaction<T>(setup: string[], work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      try {
        for (const statement of setup) await sql.raw(statement).execute(conn);
      } catch (error) {
        // A setup statement failed (a stale metadata version): the transaction is open.
        await sql.raw('ROLLBACK').execute(conn).catch(() => {});
        throw mapDatabaseError(error);
      }
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
  }

  async executeRaw(text: string, values: readonly unknown[] = []): Promise<{ rows: unknown[] }> {
    // Hold the dialect's connection so nothing interleaves with this statement.
    return this.db.connection().execute(async () => {
      if (values.length === 0) {
        const results = await this.#pglite.exec(text);
        return { rows: results[results.length - 1]?.rows ?? [] };
      }
      const result = await this.#pglite.query(text, values as unknown[]);
      return { rows: result.rows };
    });
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    this.#bus.on(channel, onMessage);
    return async () => {
      this.#bus.off(channel, onMessage);
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    queueMicrotask(() => this.#bus.emit(channel, payload));
  }

  async ping(): Promise<boolean> {
    try {
      await sql`SELECT 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** A tarball of the data directory (used to clone a migrated template in tests). */
  async dumpDataDir(): Promise<Blob> {
    return this.#pglite.dumpDataDir('none');
  }

  #closed = false;

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#bus.removeAllListeners();
    await this.db.destroy();
  }
}

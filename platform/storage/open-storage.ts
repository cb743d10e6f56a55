import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateToLatest } from './migrate.ts';
import { PgliteStorage } from './pglite-storage.ts';
import { PostgresStorage } from './postgres-storage.ts';
import type { Storage } from './storage.ts';

export interface OpenStorageOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  migrate?: boolean;
  /** PostgreSQL only: prepare the statements marked `prepared` (default true). */
  preparedStatements?: boolean;
}

/**
 * Opens PostgreSQL when a URL is given, else the embedded database in `dataDir`, and brings
 * the schema up to date.
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  let storage: Storage;
  if (options.databaseUrl) {
    storage = new PostgresStorage({ connectionString: options.databaseUrl, preparedStatements: options.preparedStatements });
  } else {
    const dataDir = resolve(options.dataDir ?? './.data');
    mkdirSync(dataDir, { recursive: true });
    storage = await PgliteStorage.open({ dataDir });
  }
  if (options.migrate !== false) await migrateToLatest(storage.db);
  return storage;
}

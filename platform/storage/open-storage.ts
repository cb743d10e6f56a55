import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { embeddedTemplate, isFreshDataDir } from './embedded-template.ts';
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
 * Opens PostgreSQL when a URL is given, else the embedded database in `dataDir` (a new one
 * from the install-time template when there is one, see embedded-template.ts), and brings the
 * schema up to date.
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  let storage: Storage;
  if (options.databaseUrl) {
    storage = new PostgresStorage({ connectionString: options.databaseUrl, preparedStatements: options.preparedStatements });
  } else {
    const dataDir = resolve(options.dataDir ?? './.data');
    mkdirSync(dataDir, { recursive: true });
    // A new data directory starts as a copy of the migrated template made at install time.
    const template = isFreshDataDir(dataDir) ? embeddedTemplate() : undefined;
    storage = await PgliteStorage.open({ dataDir, ...(template ? { loadDataDir: template } : {}) });
  }
  if (options.migrate !== false) await migrateToLatest(storage.db);
  return storage;
}

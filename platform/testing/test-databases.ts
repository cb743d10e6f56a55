import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { PgliteStorage } from '../storage/pglite-storage.ts';
import { PostgresStorage } from '../storage/postgres-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { withDatabase } from './global-setup.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: DatabaseKind;
  storage: Storage;
  /** For PostgreSQL: the URL of this test's database (to start other processes on it). */
  url?: string;
  dispose(): Promise<void>;
}

/** A fresh, migrated database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplatePath'))]);
    const storage = await PgliteStorage.open({ loadDataDir: blob });
    return { kind, storage, dispose: () => storage.close() };
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('PostgreSQL is not available for tests');
  const adminUrl = inject('postgresAdminUrl');
  const name = `shoal_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const storage = new PostgresStorage({ connectionString: url });
  return {
    kind, storage, url,
    async dispose() {
      await storage.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Database kinds this run can test (PostgreSQL is skipped, loudly, only outside CI). */
export function availableDatabases(): DatabaseKind[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Runs a suite once per database kind, each with its own fresh database.
 *
 * @example
 * describeEachDatabase('records', (db) => {
 *   it('creates', async () => { await db().storage.inTenant(…) });
 * });
 */
export function describeEachDatabase(name: string, suite: (database: () => TestDatabase) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const run = availableDatabases().includes(kind) ? describe : describe.skip;
    run(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      suite(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      });
    });
  }
}

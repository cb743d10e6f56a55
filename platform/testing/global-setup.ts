import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareEmbeddedTemplate } from '../storage/embedded-template.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { PostgresStorage } from '../storage/postgres-storage.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: string | null;
    postgresAdminUrl: string;
  }
}

export const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Once per test run: a migrated PGlite data directory (the install-time template) and a migrated PostgreSQL template
 * database, which every test file clones (a fresh database per file in well under a second).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The install-time template of the embedded database (made now if it is missing or stale).
  project.provide('pgliteTemplatePath', (await prepareEmbeddedTemplate()).path);

  const adminUrl = process.env.SHOAL_TEST_DATABASE_URL ?? defaultAdminUrl;
  project.provide('postgresAdminUrl', adminUrl);
  const template = `shoal_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${adminUrl}: ${(error as Error).message}`);
    console.warn(`\n!!! PostgreSQL is not reachable at ${adminUrl}: the PostgreSQL variant of every database test is SKIPPED.\n`);
    project.provide('postgresTemplate', null);
    return async () => {};
  }
  await dropStaleDatabases(admin);
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const storage = new PostgresStorage({ connectionString: withDatabase(adminUrl, template) });
  await migrateToLatest(storage.db);
  await storage.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Databases left by killed runs (their process is gone) are dropped. */
async function dropStaleDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^shoal_(t|tpl)_[0-9]+'`);
  for (const { datname } of rows) {
    const pid = Number(/^shoal_(?:t|tpl)_(\d+)/.exec(datname)?.[1]);
    if (pid && !processAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

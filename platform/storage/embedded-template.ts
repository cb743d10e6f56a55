import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest } from './migrate.ts';
import { PgliteStorage } from './pglite-storage.ts';

/**
 * A migrated, empty embedded database, made once at install time (`npm ci` runs
 * `scripts/prepare-embedded-db.ts`) so that the first `npm start` copies it into its data
 * directory instead of running PGlite's initdb in WebAssembly (5–6 s on a 2-core machine,
 * against ~2 s to unpack). It is named by a hash of the PGlite version and of every migration
 * file, so a changed schema or engine never starts from a stale copy: without a matching
 * template the data directory is created the ordinary way.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = join(root, 'node_modules', '.cache', 'shoal');

export function embeddedTemplateKey(migrations = join(root, 'migrations')): string {
  const hash = createHash('sha256');
  hash.update(JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version as string);
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(`\0${file}\0`).update(readFileSync(join(migrations, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function embeddedTemplatePath(key = embeddedTemplateKey()): string {
  return join(cacheDir, `pglite-${key}.tar`);
}

/** The template for the current schema, if it was prepared. */
export function embeddedTemplate(): Blob | undefined {
  const path = embeddedTemplatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/** Makes the template for the current schema unless it exists; returns its path. */
export async function prepareEmbeddedTemplate(): Promise<{ path: string; created: boolean }> {
  const path = embeddedTemplatePath();
  if (existsSync(path)) return { path, created: false };
  const storage = await PgliteStorage.open();
  try {
    await migrateToLatest(storage.db);
    const tar = Buffer.from(await (await storage.dumpDataDir()).arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so a start never reads half a template.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, tar);
    renameSync(partial, path);
  } finally {
    await storage.close();
  }
  return { path, created: true };
}

/** Whether a data directory holds no database yet (PGlite writes PG_VERSION when it creates one). */
export function isFreshDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

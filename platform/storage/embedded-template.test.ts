import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedTemplateKey, embeddedTemplatePath, prepareEmbeddedTemplate } from './embedded-template.ts';
import { openStorage } from './open-storage.ts';
import type { Storage } from './storage.ts';

/** The first start of the embedded database copies the install-time template instead of running initdb. */
describe('the embedded database template', () => {
  const dirs: string[] = [];
  const opened: Storage[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'shoal-embedded-'));
    dirs.push(dir);
    return dir;
  };
  const open = async (dataDir: string) => {
    const storage = await openStorage({ dataDir });
    opened.push(storage);
    return storage;
  };
  const identity = async (storage: Storage) => (await sql<{ id: string }>`SELECT system_identifier::text AS id FROM pg_control_system()`.execute(storage.db)).rows[0]!.id;

  afterAll(async () => {
    for (const storage of opened) await storage.close().catch(() => {});
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('gives a new data directory a copy of the migrated template, and keeps an existing one as it is', async () => {
    await prepareEmbeddedTemplate();
    const first = await open(freshDir());
    const second = await open(freshDir());
    // Two copies of one template share its cluster identity; two initdbs would not.
    expect(await identity(first)).toBe(await identity(second));
    const applied = (await sql<{ name: string }>`SELECT name FROM shoal_migrations ORDER BY name`.execute(first.db)).rows.map((r) => r.name);
    expect(applied.length).toBeGreaterThanOrEqual(8);
    expect(applied[0]).toMatch(/^0001/);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'shoal_app'`.execute(first.db)).rows[0]!.n).toBe(1);
    // The copy is a working database of its own: a write in one is not in the other.
    await sql`INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'copied', 'Copied')`.execute(first.db);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM tenants WHERE slug = 'copied'`.execute(second.db)).rows[0]!.n).toBe(0);

    // Reopening a directory that holds a database keeps its data (the template is not loaded again).
    const dir = freshDir();
    const before = await open(dir);
    await sql`INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'kept', 'Kept')`.execute(before.db);
    await before.close();
    const after = await open(dir);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM tenants WHERE slug = 'kept'`.execute(after.db)).rows[0]!.n).toBe(1);
  }, 60_000);

  it('is named by the engine version and every migration file, so a schema change never starts from a stale copy', () => {
    const migrations = freshDir();
    cpSync(join(process.cwd(), 'migrations'), migrations, { recursive: true });
    const key = embeddedTemplateKey(migrations);
    expect(key).toBe(embeddedTemplateKey());
    appendFileSync(join(migrations, '0001-platform.ts'), '\n// changed\n');
    const changed = embeddedTemplateKey(migrations);
    expect(changed).not.toBe(key);
    writeFileSync(join(migrations, '0099-new.ts'), 'export {};\n');
    expect(embeddedTemplateKey(migrations)).not.toBe(changed);
    expect(embeddedTemplatePath(key)).not.toBe(embeddedTemplatePath(changed));
  });
});

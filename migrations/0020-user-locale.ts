import { sql, type Kysely } from 'kysely';

/**
 * The language a person chose for Shoal's screens (`zh` or `en`; null until they choose, when
 * the tenant's default applies). Kept with the user, not the browser, so the choice follows them
 * to every device, as their saved views do. Only its person sets it (`PATCH /me`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('zh', 'en'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN locale`.execute(db);
}

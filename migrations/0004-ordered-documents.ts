import { sql, type Kysely } from 'kysely';

/**
 * Metadata documents as `json`, which keeps the order of objects and fields (jsonb sorts keys).
 * 0001 creates them as json now; this converts databases created before that change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meta_versions', 'meta_drafts']) {
    await sql`
      DO $$ BEGIN
        IF (SELECT data_type FROM information_schema.columns WHERE table_name = ${sql.lit(table)} AND column_name = 'document') = 'jsonb' THEN
          EXECUTE format('ALTER TABLE %I ALTER COLUMN document TYPE json USING document::json', ${sql.lit(table)});
        END IF;
      END $$`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}

import { sql, type Kysely } from 'kysely';

/**
 * An import's rows that matched a record and changed nothing are counted on their own. Before,
 * they counted as updated, so re-importing an untouched export said "1,000 updated" although no
 * record (nor its version or history) had changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE jobs ADD COLUMN IF NOT EXISTS unchanged integer NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE jobs DROP COLUMN IF EXISTS unchanged`.execute(db);
}

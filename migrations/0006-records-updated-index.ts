import { sql, type Kysely } from 'kysely';

/**
 * "Recently changed first" (`orderBy: -updatedAt`) is the lists' most common order after
 * creation time (the hotel template's lead list uses it). Without an index it sorts every
 * record of the object: about a second at a million leads. Record updates write an indexed
 * column (`data`, under the per-field expression indexes) already, so this costs no HOT updates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS records_updated ON records (tenant_id, object, updated_at, id) WHERE deleted_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS records_updated`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * A record outside every pool belongs to its creator, as a record of an object without pools
 * does. Before, a record of a pooled object that matched none of its pools was created without
 * an owner, and a public record left ownerless when an edit or a publish took it out of every
 * pool: no pool endpoint reaches a record outside its pools and nobody may write `owner`, so
 * only an administrator could ever read it. Up gives each such record to its creator (records
 * nobody created, the system's, stay as they are: an administrator's to look after). Nothing
 * else leaves a record with neither owner nor pool: objects without pools give every record its
 * creator, and a release keeps the record in its pool.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE records SET owner = created_by
     WHERE owner IS NULL AND pool IS NULL AND pool_state IS NULL AND created_by IS NOT NULL`.execute(db);
}

/** Which owners up gave is not recorded; they stay (an owner is what the records have now). */
export async function down(): Promise<void> {}

import { sql, type Kysely } from 'kysely';

/**
 * A record outside every pool has no hold: nothing takes it back to a public pool. Before, a
 * record an edit or a publish took out of every pool kept its claim time, hold expiry, extension
 * counters and last release, so its page, lists and filters still said when it would go back
 * (回收) and why it last went. Now leaving every pool clears them (pool-membership.ts); up clears
 * them on the records already left that way, moving their version (their ETag) so a page read
 * before shows the change. Nothing else leaves them set outside a pool: only a pool's claim,
 * assignment, extension and release write them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE records SET claimed_at = NULL, hold_expires_at = NULL, extended_times = 0, extended_days = 0,
           released_at = NULL, release_reason = NULL, released_by = NULL, version = version + 1
     WHERE pool IS NULL
       AND (claimed_at IS NOT NULL OR hold_expires_at IS NOT NULL OR extended_times <> 0 OR extended_days <> 0
            OR released_at IS NOT NULL OR release_reason IS NOT NULL OR released_by IS NOT NULL)`.execute(db);
}

/** What up cleared said nothing true any more; it is not put back. */
export async function down(): Promise<void> {}

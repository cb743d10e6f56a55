import { sql } from 'kysely';
import { advisoryLockSpaces, type Tx } from '../storage/storage.ts';

/** The advisory lock's key space of upsert keys (two-key form: this, and a hash of what is locked). */
const upsertKeyLockSpace = advisoryLockSpaces.upsertKeys;

/**
 * Above this many keys a batch locks its key field as a whole: a lock per key takes a slot in
 * the server's shared lock table (sized for some 64 per connection), and an import's batch has
 * up to 1,000 keys.
 */
export const maxKeyLocks = 50;

/**
 * Serialises upserts of the same key values of an object's field until the transaction ends, so
 * two at once cannot both find no record and both create one (a key field need not be unique;
 * after that, every upsert of the key would fail as ambiguous). The second waits, then finds the
 * first one's record (its lookup is a later statement, at READ COMMITTED a later snapshot).
 *
 * A few keys: the field shared, then each key's lock in the order of its lock id (two batches
 * wait for one another, never each for the other). Many keys: the field exclusively, which
 * holds off every other upsert by that field.
 */
export async function lockUpsertKeys(tx: Tx, tenantId: string, object: string, field: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const scope = `${tenantId}|${object}|${field}`;
  const whole = keys.length > maxKeyLocks;
  await sql`SELECT ${sql.raw(whole ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared')}(${sql.lit(upsertKeyLockSpace)}, hashtext(${scope}))`.execute(tx);
  if (whole) return;
  // Taken as the sorted subquery hands the ids over.
  await sql`
    SELECT pg_advisory_xact_lock(${sql.lit(upsertKeyLockSpace)}, k.lock)
      FROM (SELECT DISTINCT hashtext(${scope}::text || '|' || key) AS lock FROM unnest(${[...keys]}::text[]) AS key ORDER BY 1) AS k`.execute(tx);
}

import { sql, type Kysely } from 'kysely';

/**
 * `shoal_write_lock_at_version(space, key, tenant, expected)`: takes the tenant's write lock
 * shared (`tenantWriteLockSql`), then fails with SQLSTATE SHM01 unless `expected` is still the
 * tenant's live metadata version. A write resolved against a version (its field keys) that
 * waited behind a publish of another one is refused instead of writing under keys the publish
 * renamed or removed. One statement, so it rides in the transaction's setup without a round trip.
 *
 * VOLATILE: its query takes a snapshot of its own after the lock is granted, so it sees the
 * version the publish it waited for committed (the calling statement's snapshot predates it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION shoal_write_lock_at_version(space integer, key integer, tenant uuid, expected integer) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(space, key);
      IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = tenant AND live_version = expected) THEN
        RAISE EXCEPTION 'metadata version % is not live any more', expected USING ERRCODE = 'SHM01';
      END IF;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION shoal_write_lock_at_version(integer, integer, uuid, integer)`.execute(db);
}

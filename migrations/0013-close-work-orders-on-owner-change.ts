import { sql, type Kysely } from 'kysely';

/**
 * A work order is its assignee's task on a record they hold. When the record leaves them (a
 * release by hand or by the sweep, a reassignment or transfer to someone else, a rule handing it
 * on, an owner edit), their open order for it used to stay `open`: out of the Open tab (which
 * lists only records the assignee still holds) but "open" with Done and Skip everywhere else.
 *
 * Now it is closed in the same statement as the owner change, whichever code path makes it: the
 * state becomes `skipped` and the outcome says why, `reassigned` when the record went to someone
 * else, `released: <reason>` when it went back to the public pool with a reason, `released`
 * otherwise. Orders of the new owner, and of a record coming back to its assignee, are left alone.
 * Up also closes the orders already left open that way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION shoal_close_left_work_orders() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE work_orders AS w
         SET state = 'skipped',
             outcome = CASE WHEN NEW.owner IS NOT NULL OR NEW.release_reason = 'reassigned' THEN 'reassigned'
                            WHEN NEW.release_reason IS NOT NULL THEN 'released: ' || NEW.release_reason
                            ELSE 'released' END,
             updated_at = CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END,
             closed_at = CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END
       WHERE w.tenant_id = NEW.tenant_id AND w.object = NEW.object AND w.record_id = NEW.id
         AND w.assignee = OLD.owner AND w.state = 'open';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER records_close_left_work_orders AFTER UPDATE OF owner ON records
      FOR EACH ROW WHEN (OLD.owner IS NOT NULL AND OLD.owner IS DISTINCT FROM NEW.owner)
      EXECUTE FUNCTION shoal_close_left_work_orders()`.execute(db);
  await sql`
    UPDATE work_orders AS w SET state = 'skipped', outcome = 'released', updated_at = now(), closed_at = now()
      FROM records AS r
     WHERE r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id
       AND w.state = 'open' AND r.deleted_at IS NULL AND r.owner IS DISTINCT FROM w.assignee`.execute(db);
}

/** Drops the trigger; orders it closed stay closed (they can be reopened only by a holder). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS records_close_left_work_orders ON records`.execute(db);
  await sql`DROP FUNCTION IF EXISTS shoal_close_left_work_orders()`.execute(db);
}

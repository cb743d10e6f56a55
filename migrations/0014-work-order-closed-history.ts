import { sql, type Kysely } from 'kysely';
import * as closeOnOwnerChange from './0013-close-work-orders-on-owner-change.ts';

/**
 * A work order closed because its record left the assignee (migration 0013's trigger) now leaves
 * the same `workOrder` entry in the record's history as one closed by hand: `open → skipped`,
 * with the outcome (`reassigned`, `released: <reason>`) as its note and whoever changed the owner
 * (null for the system) as its actor. Before, only the release or assignment showed there, and a
 * reader of the history could not tell the order had closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION shoal_close_left_work_orders() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed boolean := NEW.updated_at IS DISTINCT FROM OLD.updated_at;
      at timestamptz := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END;
    BEGIN
      WITH closed AS (
        UPDATE work_orders AS w
           SET state = 'skipped',
               outcome = CASE WHEN NEW.owner IS NOT NULL OR NEW.release_reason = 'reassigned' THEN 'reassigned'
                              WHEN NEW.release_reason IS NOT NULL THEN 'released: ' || NEW.release_reason
                              ELSE 'released' END,
               updated_at = at, closed_at = at
         WHERE w.tenant_id = NEW.tenant_id AND w.object = NEW.object AND w.record_id = NEW.id
           AND w.assignee = OLD.owner AND w.state = 'open'
        RETURNING w.outcome)
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
      SELECT NEW.tenant_id, NEW.object, NEW.id, at, CASE WHEN changed THEN NEW.updated_by END, 'workOrder',
             '{"workOrder":["open","skipped"]}'::jsonb, closed.outcome
        FROM closed;
      RETURN NULL;
    END $$`.execute(db);
}

/**
 * Back to 0013's trigger and function: the order closes without a history entry. (0013's up also
 * closes orders left open by a record that left its assignee; with the trigger in place there are none.)
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await closeOnOwnerChange.down(db);
  await closeOnOwnerChange.up(db);
}

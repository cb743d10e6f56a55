import { sql, type Kysely } from 'kysely';

/**
 * A work order's `priority` was its rank within the run that opened it (1, 2, 3…), so a queue
 * fed by several runs interleaved them: a later run's first order came before an earlier run's
 * second, whatever their records. It becomes the rule's `workOrderPriority` value itself (a
 * number, a date's or time's epoch seconds, a select option's position; negated when the order is
 * descending; `Infinity` when the record has none), which compares across runs and across rules
 * that order by the same field. The rank moves to its own column. Existing orders keep their
 * rank as their priority.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE work_orders ADD COLUMN IF NOT EXISTS rank integer`.execute(db);
  await sql`UPDATE work_orders SET rank = priority::integer WHERE rank IS NULL`.execute(db);
  await sql`ALTER TABLE work_orders ALTER COLUMN priority TYPE double precision`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE work_orders SET priority = coalesce(rank, 0)`.execute(db);
  await sql`ALTER TABLE work_orders ALTER COLUMN priority TYPE integer`.execute(db);
  await sql`ALTER TABLE work_orders DROP COLUMN IF EXISTS rank`.execute(db);
}

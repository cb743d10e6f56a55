import { sql, type Kysely } from 'kysely';

/**
 * Open work orders in queue order, by rule and by person and rule; closed ones of a tenant in
 * the order the Done and Skipped tabs show them. The queue goes by the rule's place in the run
 * order (metadata, not a column) before the order's priority, so no index gives it whole; but
 * within one rule it is `(priority, created_at, coalesce(rank, 0), id)`, which these keep. A
 * list reads each rule's next page from one of them (everyone's from the first, a team's per
 * person from the second) and merges the few rows (work-orders.ts). Without them an
 * administrator's page read and sorted every open order of the tenant (160 ms at 90,000) and a
 * manager's every open order of the team.
 *
 * Each open order is one more index entry when it is written (an assignment run, a reopen),
 * each closed one one more (closing changes `state`, already indexed, so it was never a
 * heap-only update); docs/scale-out.md has the measurements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS work_orders_open_by_rule ON work_orders (tenant_id, rule, priority, created_at, (coalesce(rank, 0)), id) WHERE state = 'open'`.execute(db);
  // A person's orders by state in queue order within a rule. It takes the place of 0001's
  // work_orders_queue (tenant, assignee, state, priority, created_at), whose uses it serves too
  // (a person's orders, counts by state), so an open order costs one more index entry, not two:
  // an assignment run writes 100,000 of them, and each index is measurable there.
  await sql`CREATE INDEX IF NOT EXISTS work_orders_by_person ON work_orders (tenant_id, assignee, state, rule, priority, created_at, (coalesce(rank, 0)), id)`.execute(db);
  await sql`DROP INDEX IF EXISTS work_orders_queue`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS work_orders_closed_by_state ON work_orders (tenant_id, state, closed_at DESC, id DESC) WHERE state IN ('done', 'skipped')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS work_orders_queue ON work_orders (tenant_id, assignee, state, priority, created_at)`.execute(db);
  await sql`DROP INDEX IF EXISTS work_orders_open_by_rule`.execute(db);
  await sql`DROP INDEX IF EXISTS work_orders_by_person`.execute(db);
  await sql`DROP INDEX IF EXISTS work_orders_closed_by_state`.execute(db);
}

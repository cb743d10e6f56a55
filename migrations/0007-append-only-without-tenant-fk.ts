import { sql, type Kysely } from 'kysely';

/**
 * The append-only tables (history, stage and pool events, releases, notifications, work
 * orders, webhook deliveries, idempotency keys) are written a row per record touched, and a
 * sweep or an assignment run touches 100,000 records in one statement. The foreign key to
 * `tenants` cost more than the insert itself: each new row runs a `SELECT … FOR KEY SHARE` on
 * the tenant's row (100,000 history rows: 5.7 s with the key, 0.85 s without, PostgreSQL 15
 * here). Their `tenant_id` is guarded by row-level security (a row can only be written with the
 * transaction's own tenant, which exists), and deleting a tenant deletes their rows explicitly
 * (TenantService.delete, `tablesWithoutTenantKey`) instead of by cascade. The list is this
 * migration's own: an applied migration never changes.
 */
const appendOnlyTables = [
  'record_history', 'stage_events', 'pool_events', 'pool_releases', 'notifications', 'work_orders', 'webhook_deliveries', 'idempotency_keys',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of appendOnlyTables) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT IF EXISTS ${sql.raw(`${table}_tenant_id_fkey`)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of appendOnlyTables) {
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.raw(`${table}_tenant_id_fkey`)} FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE`.execute(db);
  }
}

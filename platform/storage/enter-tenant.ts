import { sql } from 'kysely';
import { assertTenantId, type Tx } from './storage.ts';

/**
 * Switches a transaction opened as the owner into a tenant's isolation (role `shoal_app`,
 * `app.tenant` set) for the rest of the transaction. Used where one transaction must do a
 * platform step and tenant steps atomically, like creating a tenant.
 */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  await sql.raw('SET LOCAL ROLE shoal_app').execute(tx);
  await sql`SELECT set_config('app.tenant', ${assertTenantId(tenantId)}, true)`.execute(tx);
}

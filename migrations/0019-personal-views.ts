import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001-platform.ts';

/**
 * Personal saved views: a user's own views of an object's list (label, filter, order, columns,
 * table or board), kept on the server so they follow the user to every browser and device.
 * Studio-defined views stay in the metadata document; these are data, one row per view.
 *
 * - Keyed by tenant, user, object and id: every read is "my views of this object", a narrow
 *   range of the primary key.
 * - A label is unique per user and object, so two views a user tells apart by name stay
 *   apart; the index also settles two saves of one name that race.
 * - `position` is the user's order; `version` counts changes of label and definition, for
 *   `If-Match`.
 * - No key to `users`: a tenant import loads tables in name order, and `personal_views` comes
 *   before `users`; the views go with the tenant (cascade) like sessions and notifications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE personal_views (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      object text NOT NULL,
      id uuid NOT NULL,
      label text NOT NULL,
      definition jsonb NOT NULL DEFAULT '{}',   -- { where?, orderBy?, columns?, display? }
      position integer NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id, object, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX personal_views_label ON personal_views (tenant_id, user_id, object, label)`.execute(db);
  await enableTenantIsolation(db, 'personal_views');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS personal_views`.execute(db);
}

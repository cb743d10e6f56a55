import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001-platform.ts';

/**
 * Unique fields without an index per tenant on `records`.
 *
 * A unique field was a partial UNIQUE index per tenant on `records` (`WHERE tenant_id = …`).
 * A thousand tenants of the hotel template (its hotel name is unique) made a thousand such
 * indexes on the one table every tenant writes: every inserted or non-HOT-updated row then
 * evaluated a thousand index predicates (an UPDATE of 50,000 rows took 1.36 s instead of
 * 0.76 s) and planning any query over `records` weighed a thousand partial indexes (a get by
 * id: 8 ms instead of 0.02 ms).
 *
 * Now a tenant's unique fields are listed in `unique_fields` (kept in step with the live
 * metadata by the publish), and the values of its live records in `record_unique_values`,
 * whose primary key enforces the rule for every tenant at once. Triggers on `records` keep the
 * values in step with every insert and update, whichever code path makes it: created, changed,
 * soft-deleted (the value is free again) and restored records (the value is taken again, or the
 * restore fails). A record whose value another live record of the tenant's object holds fails
 * with SQLSTATE 23505 and the constraint name `unique:<field>`. Records are hard-deleted only
 * with their tenant, whose values go by their own foreign key.
 *
 * Inserts are handled once per statement (a transition table): a row-level trigger that looked
 * the tenant's unique fields up for each row made a 100,000-row insert take 6.2–7.3 s instead of
 * 3.8–4.4 s. Updates are handled row by row, and only those that change `data` or `deleted_at`
 * (claims, releases, assignments and the sweep do not). The lookups run with `enable_seqscan`
 * off: without statistics (autovacuum off) the planner scanned all of `unique_fields` per call.
 *
 * Ordering with a publish is not the triggers' business: every writing tenant transaction holds
 * the tenant's write lock shared from its first statement, and a publish holds it exclusively
 * (`tenantWriteLockSql`), so no write can slip between a publish's duplicate check and its
 * commit. Writes made outside Shoal's tenant transactions (SQL by hand) are not ordered with
 * publishes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE unique_fields (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      object text NOT NULL,
      field text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('text', 'number')),   -- how a value is read: shoal_text or shoal_float
      PRIMARY KEY (tenant_id, object, field)
    )`.execute(db);
  await sql`
    CREATE TABLE record_unique_values (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      object text NOT NULL,
      field text NOT NULL,
      value text NOT NULL,
      record_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, object, field, value)
    )`.execute(db);
  await sql`CREATE INDEX record_unique_values_record ON record_unique_values (tenant_id, object, record_id)`.execute(db);
  await enableTenantIsolation(db, 'unique_fields');
  await enableTenantIsolation(db, 'record_unique_values');

  // The value of a field as unique_fields' kind reads it. A number as the bytes of its float8
  // (what the unique index compared): its text form depends on the session's extra_float_digits.
  await sql`
    CREATE FUNCTION shoal_unique_value(data jsonb, field text, kind text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN kind = 'number' THEN encode(float8send(shoal_float(data, field)), 'hex') ELSE shoal_text(data, field) END $$`.execute(db);

  // A record that would share a value of `field` with another live record of its object.
  await sql`
    CREATE FUNCTION shoal_unique_violation(object text, field text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'duplicate key value violates unique constraint "unique:%"', field
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'unique:' || field,
              DETAIL = format('Another %s already has this %s.', object, field);
    END $$`.execute(db);

  // Inserts: once per statement over its rows (a bulk insert of 1,000 records looks its
  // tenant's unique fields up once). Rows that share a value with a live record, or with
  // another row of the same statement, are refused.
  await sql`
    CREATE FUNCTION shoal_unique_inserted() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
    DECLARE
      clash record;
    BEGIN
      WITH wanted AS (
        SELECT i.tenant_id, i.object, u.field, shoal_unique_value(i.data, u.field, u.kind) AS value, i.id AS record_id
          FROM inserted AS i JOIN unique_fields AS u ON u.tenant_id = i.tenant_id AND u.object = i.object
         WHERE i.deleted_at IS NULL
      ), added AS (
        INSERT INTO record_unique_values (tenant_id, object, field, value, record_id)
        SELECT tenant_id, object, field, value, record_id FROM wanted WHERE value IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING tenant_id, object, field, value, record_id
      )
      SELECT w.object, w.field, w.value INTO clash FROM wanted AS w
       WHERE w.value IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM added AS a WHERE a.tenant_id = w.tenant_id AND a.object = w.object AND a.field = w.field
                                                    AND a.value = w.value AND a.record_id = w.record_id)
       LIMIT 1;
      IF FOUND THEN
        PERFORM shoal_unique_violation(clash.object, clash.field);
      END IF;
      RETURN NULL;
    END $$`.execute(db);

  // Updates that change a record's data or deletion: row by row (the trigger's WHEN keeps
  // every other update, claims and sweeps among them, out of it).
  await sql`
    CREATE FUNCTION shoal_unique_updated() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
    DECLARE
      f record;
      new_value text;
      old_value text;
      holder uuid;
    BEGIN
      FOR f IN SELECT u.field, u.kind FROM unique_fields AS u WHERE u.tenant_id = NEW.tenant_id AND u.object = NEW.object LOOP
        new_value := CASE WHEN NEW.deleted_at IS NULL THEN shoal_unique_value(NEW.data, f.field, f.kind) END;
        old_value := CASE WHEN OLD.deleted_at IS NULL THEN shoal_unique_value(OLD.data, f.field, f.kind) END;
        CONTINUE WHEN old_value IS NOT DISTINCT FROM new_value;
        IF old_value IS NOT NULL THEN
          DELETE FROM record_unique_values
           WHERE tenant_id = NEW.tenant_id AND object = NEW.object AND field = f.field AND value = old_value AND record_id = NEW.id;
        END IF;
        CONTINUE WHEN new_value IS NULL;
        INSERT INTO record_unique_values (tenant_id, object, field, value, record_id)
        VALUES (NEW.tenant_id, NEW.object, f.field, new_value, NEW.id) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          SELECT v.record_id INTO holder FROM record_unique_values AS v
           WHERE v.tenant_id = NEW.tenant_id AND v.object = NEW.object AND v.field = f.field AND v.value = new_value;
          IF holder IS DISTINCT FROM NEW.id THEN
            PERFORM shoal_unique_violation(NEW.object, f.field);
          END IF;
        END IF;
      END LOOP;
      RETURN NULL;
    END $$`.execute(db);

  await sql`
    CREATE TRIGGER records_unique_inserted AFTER INSERT ON records REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION shoal_unique_inserted()`.execute(db);
  await sql`
    CREATE TRIGGER records_unique_updated AFTER UPDATE OF data, deleted_at ON records
      FOR EACH ROW WHEN (OLD.data IS DISTINCT FROM NEW.data OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION shoal_unique_updated()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['records_unique_inserted', 'records_unique_updated']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(name)} ON records`.execute(db);
  }
  for (const name of ['shoal_unique_inserted', 'shoal_unique_updated']) {
    await sql`DROP FUNCTION IF EXISTS ${sql.id(name)}()`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS shoal_unique_value(jsonb, text, text)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS shoal_unique_violation(text, text)`.execute(db);
  await sql`DROP TABLE IF EXISTS record_unique_values`.execute(db);
  await sql`DROP TABLE IF EXISTS unique_fields`.execute(db);
}

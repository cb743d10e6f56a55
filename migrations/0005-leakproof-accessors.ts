import { sql, type Kysely } from 'kysely';

/**
 * Field accessors that PostgreSQL may evaluate *before* row-level security's tenant check.
 *
 * Inside a tenant transaction (role `shoal_app`, RLS on) the planner only uses a condition as
 * an index condition when every function in it is LEAKPROOF (it cannot make a row of another
 * tenant raise an error or otherwise reveal itself). `->>`, the text→numeric cast and numeric
 * comparison are not, so without these every filter on a JSONB field would scan all of a
 * tenant's rows. Indexed fields are therefore read, indexed and compared through:
 *
 * - `shoal_text(data, key)`: `data->>key`, the built-in C function itself (never raises);
 * - `shoal_float(data, key)`: the key's value as float8 when it is a JSON number, else NULL
 *   (never raises: values beyond float8's range read as NULL, below it as 0; float8
 *   comparisons are LEAKPROOF, numeric ones are not).
 *
 * Only a superuser may declare LEAKPROOF. Elsewhere (a managed database whose owner is not a
 * superuser) the same functions are created without it: queries stay correct, and filters on
 * indexed fields then scan the tenant's rows as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    DECLARE
      superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
      leak text := CASE WHEN superuser THEN 'LEAKPROOF' ELSE '' END;
    BEGIN
      IF superuser THEN
        EXECUTE 'CREATE OR REPLACE FUNCTION shoal_text(jsonb, text) RETURNS text
                 LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS ''jsonb_object_field_text''';
      ELSE
        EXECUTE 'CREATE OR REPLACE FUNCTION shoal_text(d jsonb, k text) RETURNS text
                 LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $f$ BEGIN RETURN d ->> k; END $f$';
      END IF;
      EXECUTE format('CREATE OR REPLACE FUNCTION shoal_float(d jsonb, k text) RETURNS float8
               LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE %s AS $f$
               DECLARE v jsonb := d -> k; n numeric;
               BEGIN
                 IF jsonb_typeof(v) IS DISTINCT FROM ''number'' THEN RETURN NULL; END IF;
                 n := v::numeric;
                 IF abs(n) >= 1e308 THEN RETURN NULL; END IF;
                 IF abs(n) < 1e-307 THEN RETURN 0; END IF;
                 RETURN n::float8;
               END $f$', leak);
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}

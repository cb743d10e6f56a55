import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { rebuildUniqueValues } from '../metadata/unique-values.ts';
import { enterTenant } from '../storage/enter-tenant.ts';
import { sqlState, violatedConstraint } from '../storage/database-errors.ts';
import type { Storage, Tx } from '../storage/storage.ts';

/**
 * Tenant export and import: one tenant's whole state as NDJSON, loaded back in one transaction.
 *
 * Why NDJSON: a tenant with a million records and their history does not fit comfortably in one
 * JSON value (neither when writing nor when parsing), while one JSON value per line streams in
 * constant memory both ways and each line is still plain JSON for `jq` or `grep`.
 *
 * The file:
 *   line 1  {"format":"shoal-tenant-export","formatVersion":1,"exportedAt":…,"schema":[migrations],
 *            "tenant":{tenants row},"tables":{name:[columns]},"credentials":{…}}
 *   then    {"table":"records","row":{…}}            one per row, tables in a fixed order, rows by primary key
 *   last    {"end":true,"counts":{table:rows}}      a truncated file is refused on import
 *
 * Rows are written by PostgreSQL itself (`row_to_json`, time zone UTC) and read back with
 * `json_populate_recordset`, so every value round-trips exactly: microsecond timestamps,
 * numerics beyond double precision, bytea, arrays, and metadata documents (`json`, key order
 * kept). Every tenant-owned table (a table with a `tenant_id` column) is included, so a table
 * added by a later migration is exported without changing this file — except the ones in
 * `skippedTables` (sessions and idempotency replies are short-lived and secret-bearing; the
 * unique-field values are rebuilt from the records on import).
 *
 * Secrets: users' password hashes only with `passwordHashes` (without them, imported users
 * have no password and an admin sets new ones); API key hashes and webhook signing secrets only
 * with `secrets` (without them, imported API keys are revoked and webhooks are inactive with a
 * fresh secret that the receiver does not know yet: an admin rotates it, which shows the new one,
 * before resuming them).
 *
 * Isolation: the export reads inside the tenant's row-level security (`enterTenant`), in one
 * REPEATABLE READ snapshot, so it sees exactly one tenant at one instant. The import writes the
 * `tenants` row as the owner and everything else inside the new tenant's isolation.
 */

export const exportFormat = 'shoal-tenant-export';
export const exportFormatVersion = 1;

/**
 * Tenant-owned tables that are not exported: login sessions and idempotency replies, and the
 * unique-field values (derived from the records; an import rebuilds them).
 */
export const skippedTables = new Set(['sessions', 'idempotency_keys', 'record_unique_values']);

/** Columns left out unless asked for, and how an import fills them when absent. */
const passwordColumns: Record<string, string[]> = { users: ['password_hash'] };
const secretColumns: Record<string, string[]> = { api_keys: ['key_hash'], webhooks: ['secret'] };

export interface ExportOptions {
  /** Include users' password hashes. */
  passwordHashes?: boolean;
  /** Include API key hashes and webhook signing secrets. */
  secrets?: boolean;
  /** Rows per fetch from the database. */
  pageSize?: number;
  /** The export time written in the header (tests). */
  now?: Date;
}

export interface ExportHeader {
  format: typeof exportFormat;
  formatVersion: number;
  exportedAt: string;
  schema: string[];
  tenant: Record<string, unknown> & { id: string; slug: string };
  tables: Record<string, string[]>;
  credentials: { passwordHashes: boolean; secrets: boolean };
}

export interface ExportSummary {
  tenantId: string;
  slug: string;
  counts: Record<string, number>;
}

export class TenantTransferError extends Error {}

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  identity: string[];
}

/**
 * Writes one tenant as NDJSON through `write` (which should wait for the consumer: a slow disk
 * or pipe slows the export instead of buffering it in memory).
 */
export async function exportTenant(storage: Storage, slug: string, write: (text: string) => Promise<void>, options: ExportOptions = {}): Promise<ExportSummary> {
  const pageSize = options.pageSize ?? 2000;
  return storage.inPlatform(async (tx) => {
    await sql.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY').execute(tx);
    await sql.raw(`SET LOCAL TimeZone = 'UTC'`).execute(tx);
    await sql.raw(`SET LOCAL bytea_output = 'hex'`).execute(tx);
    await sql.raw('SET LOCAL extra_float_digits = 1').execute(tx);
    const tenantRow = (await sql<{ id: string; row: string }>`SELECT id, row_to_json(t)::text AS row FROM tenants t WHERE slug = ${slug}`.execute(tx)).rows[0];
    if (!tenantRow) throw new TenantTransferError(`No tenant with the slug "${slug}"`);
    const schema = await appliedMigrations(tx);
    const tables = await tenantTables(tx);
    await enterTenant(tx, tenantRow.id);

    const exported: Record<string, string[]> = {};
    for (const table of tables) exported[table.name] = exportedColumns(table, options);
    const header = `{"format":${JSON.stringify(exportFormat)},"formatVersion":${exportFormatVersion},`
      + `"exportedAt":${JSON.stringify((options.now ?? new Date()).toISOString())},"schema":${JSON.stringify(schema)},`
      + `"tenant":${tenantRow.row},"tables":${JSON.stringify(exported)},`
      + `"credentials":${JSON.stringify({ passwordHashes: options.passwordHashes === true, secrets: options.secrets === true })}}\n`;
    await write(header);

    const counts: Record<string, number> = {};
    for (const table of tables) {
      const columns = exported[table.name]!;
      const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
      const select = sql.join(columns.map((c) => sql.ref(c)));
      const order = sql.join(table.primaryKey.map((c) => sql.ref(c)));
      // A cursor, so a big table streams in pages instead of one result in memory.
      await sql`DECLARE shoal_export NO SCROLL CURSOR FOR
        SELECT row_to_json(r)::text AS row FROM (SELECT ${select} FROM ${sql.table(table.name)} ORDER BY ${order}) r`.execute(tx);
      let count = 0;
      for (;;) {
        const page = (await sql<{ row: string }>`FETCH ${sql.raw(String(pageSize))} FROM shoal_export`.execute(tx)).rows;
        if (page.length === 0) break;
        count += page.length;
        await write(page.map((r) => `${prefix}${r.row}}\n`).join(''));
      }
      await sql.raw('CLOSE shoal_export').execute(tx);
      counts[table.name] = count;
    }
    await write(`${JSON.stringify({ end: true, counts })}\n`);
    return { tenantId: tenantRow.id, slug, counts };
  });
}

export interface ImportOptions {
  /** Import under this slug with a new tenant id (a copy next to the original). */
  as?: string;
  /** Rows per INSERT statement. */
  batchSize?: number;
}

export interface ImportSummary {
  tenantId: string;
  slug: string;
  counts: Record<string, number>;
}

/**
 * Loads an export, line by line, into this database in one transaction: either the whole
 * tenant is there afterwards or nothing is. Refuses a file from a newer schema, a truncated
 * file, and a slug or tenant id that already exists.
 */
export async function importTenant(storage: Storage, lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  const iterator = lines[Symbol.asyncIterator]();
  const first = await nextLine(iterator);
  if (first === undefined) throw new TenantTransferError('The file is empty');
  const header = parseHeader(first);
  const slug = options.as ?? header.tenant.slug;
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) throw new TenantTransferError(`Not a tenant slug: ${JSON.stringify(slug)}`);
  const tenantId = options.as ? randomUUID() : header.tenant.id;

  try {
    return await storage.inPlatform(async (tx) => {
      const known = new Set(await appliedMigrations(tx));
      const missing = header.schema.filter((m) => !known.has(m));
      if (missing.length) throw new TenantTransferError(`The export comes from a newer schema (${missing.join(', ')}); upgrade Shoal first`);
      const tables = new Map((await tenantTables(tx)).map((t) => [t.name, t]));
      const plans = new Map<string, RawBuilder<unknown>>();
      for (const [name, columns] of Object.entries(header.tables)) {
        const table = tables.get(name);
        if (!table) throw new TenantTransferError(`The export has a table "${name}" this database does not have`);
        const unknown = columns.filter((c) => !table.columns.includes(c));
        if (unknown.length) throw new TenantTransferError(`The export has columns ${unknown.join(', ')} of "${name}" this database does not have`);
        plans.set(name, insertStatement(table, columns));
      }

      const tenantColumns = Object.keys(header.tenant);
      const tenantSelect = sql.join(tenantColumns.map((c) => c === 'id' ? sql`${tenantId}::uuid AS id` : c === 'slug' ? sql`${slug}::text AS slug` : sql.ref(c)));
      await sql`INSERT INTO tenants (${sql.join(tenantColumns.map((c) => sql.ref(c)))})
        SELECT ${tenantSelect} FROM json_populate_record(null::tenants, ${JSON.stringify(header.tenant)}::json)`.execute(tx);
      await enterTenant(tx, tenantId);

      const counts: Record<string, number> = {};
      let table: string | undefined;
      let batch: string[] = [];
      const flush = async () => {
        if (!table || batch.length === 0) return;
        await sql`${plans.get(table)!} FROM json_populate_recordset(null::${sql.table(table)}, ${`[${batch.join(',')}]`}::json) r`
          .execute(tx);
        batch = [];
      };
      let end: { counts: Record<string, number> } | undefined;
      for (let line = await nextLine(iterator); line !== undefined; line = await nextLine(iterator)) {
        if (end) throw new TenantTransferError('The file continues after its end marker');
        const row = /^\{"table":"([a-z_][a-z0-9_]*)","row":(\{.*\})\}$/.exec(line);
        if (!row) {
          end = parseEnd(line);
          continue;
        }
        const [, name, json] = row as unknown as [string, string, string];
        if (!plans.has(name)) throw new TenantTransferError(`Rows of "${name}" are not announced in the header`);
        if (name !== table) {
          await flush();
          table = name;
        }
        batch.push(json);
        counts[name] = (counts[name] ?? 0) + 1;
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      if (!end) throw new TenantTransferError('The file ends before its end marker: it is truncated');
      for (const name of new Set([...Object.keys(end.counts), ...Object.keys(counts)])) {
        if ((end.counts[name] ?? 0) !== (counts[name] ?? 0)) {
          throw new TenantTransferError(`"${name}" has ${counts[name] ?? 0} rows, the export says ${end.counts[name] ?? 0}`);
        }
      }
      await rebuildUniqueValues(tx, tenantId);
      // Identity columns (history ids, event ids) were copied; move their sequences past them.
      await sql.raw('RESET ROLE').execute(tx);
      for (const t of tables.values()) {
        for (const column of t.identity) {
          if (!counts[t.name]) continue;
          // nextval: past every id the sequence handed out; max: past every id imported.
          await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${column}), greatest(
              nextval(pg_get_serial_sequence(${t.name}, ${column})),
              (SELECT max(${sql.ref(column)}) FROM ${sql.table(t.name)} WHERE tenant_id = ${tenantId}::uuid)))`
            .execute(tx);
        }
      }
      return { tenantId, slug, counts };
    });
  } catch (error) {
    if (sqlState(error) === '23505') {
      const constraint = violatedConstraint(error) ?? '';
      if (constraint.startsWith('tenants')) throw new TenantTransferError(`A tenant with the slug "${slug}" or the id ${tenantId} already exists; import with --as <new-slug>`);
    }
    throw error;
  }
}

/** The INSERT … SELECT of one table (the FROM clause is added per batch). */
function insertStatement(table: TableInfo, columns: string[]): RawBuilder<unknown> {
  const present = new Set(columns);
  const targets: string[] = [...columns];
  const values: RawBuilder<unknown>[] = columns.map((c) => c === 'tenant_id'
    ? sql`nullif(current_setting('app.tenant', true), '')::uuid`
    : c === 'revoked_at' && table.name === 'api_keys' && !present.has('key_hash') ? sql`coalesce(r.revoked_at, now())`
    : c === 'active' && table.name === 'webhooks' && !present.has('secret') ? sql`false`
    : sql`r.${sql.ref(c)}`);
  // Secrets left out of the export: an unusable key hash, and a fresh webhook secret.
  if (table.name === 'api_keys' && !present.has('key_hash') && table.columns.includes('key_hash')) {
    targets.push('key_hash');
    values.push(sql`'revoked-on-import:' || gen_random_uuid()::text`);
  }
  if (table.name === 'webhooks' && !present.has('secret') && table.columns.includes('secret')) {
    targets.push('secret');
    values.push(sql`'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`);
  }
  const overriding = table.identity.some((c) => present.has(c)) ? sql.raw(' OVERRIDING SYSTEM VALUE') : sql.raw('');
  return sql`INSERT INTO ${sql.table(table.name)} (${sql.join(targets.map((c) => sql.ref(c)))})${overriding} SELECT ${sql.join(values)}`;
}

function exportedColumns(table: TableInfo, options: ExportOptions): string[] {
  const hidden = new Set([
    ...(options.passwordHashes ? [] : passwordColumns[table.name] ?? []),
    ...(options.secrets ? [] : secretColumns[table.name] ?? []),
  ]);
  return table.columns.filter((c) => !hidden.has(c));
}

/** Every tenant-owned table of the schema (it has a `tenant_id` column), in a fixed order. */
async function tenantTables(tx: Tx): Promise<TableInfo[]> {
  const rows = (await sql<{ table_name: string; column_name: string; is_identity: string }>`
    SELECT c.table_name, c.column_name, c.is_identity
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema()
       AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'tenant_id')
     ORDER BY c.table_name, c.ordinal_position`.execute(tx)).rows;
  const byTable = new Map<string, TableInfo>();
  for (const row of rows) {
    if (skippedTables.has(row.table_name)) continue;
    let info = byTable.get(row.table_name);
    if (!info) byTable.set(row.table_name, info = { name: row.table_name, columns: [], primaryKey: [], identity: [] });
    info.columns.push(row.column_name);
    if (row.is_identity === 'YES') info.identity.push(row.column_name);
  }
  for (const info of byTable.values()) {
    info.primaryKey = (await sql<{ attname: string }>`
      SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = ${info.name}::regclass AND i.indisprimary
       ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(tx)).rows.map((r) => r.attname);
    if (info.primaryKey.length === 0) info.primaryKey = info.columns;
  }
  return [...byTable.values()];
}

async function appliedMigrations(tx: Tx): Promise<string[]> {
  return (await sql<{ name: string }>`SELECT name FROM shoal_migrations ORDER BY name`.execute(tx)).rows.map((r) => r.name);
}

function parseHeader(line: string): ExportHeader {
  let header: ExportHeader;
  try {
    header = JSON.parse(line) as ExportHeader;
  } catch {
    throw new TenantTransferError('The first line is not JSON: not a Shoal tenant export');
  }
  if (header?.format !== exportFormat) throw new TenantTransferError('Not a Shoal tenant export');
  if (header.formatVersion !== exportFormatVersion) throw new TenantTransferError(`Export format ${header.formatVersion} is not supported (this Shoal reads ${exportFormatVersion})`);
  if (typeof header.tenant?.id !== 'string' || typeof header.tenant.slug !== 'string' || !header.tables || !Array.isArray(header.schema)) {
    throw new TenantTransferError('The export header is incomplete');
  }
  return header;
}

function parseEnd(line: string): { counts: Record<string, number> } {
  let value: { end?: unknown; counts?: unknown };
  try {
    value = JSON.parse(line) as typeof value;
  } catch {
    throw new TenantTransferError(`A line is not JSON: ${line.slice(0, 80)}`);
  }
  if (value.end !== true || typeof value.counts !== 'object' || value.counts === null) throw new TenantTransferError(`Unexpected line: ${line.slice(0, 80)}`);
  return { counts: value.counts as Record<string, number> };
}

async function nextLine(iterator: AsyncIterator<string>): Promise<string | undefined> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return undefined;
    if (next.value.trim() !== '') return next.value;
  }
}

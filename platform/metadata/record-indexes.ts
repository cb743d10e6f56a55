import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { indexExpressionSql } from '../filter/compile-filter-sql.ts';
import { sqlState } from '../storage/database-errors.ts';
import { assertTenantId, type Storage, type Tx } from '../storage/storage.ts';
import type { CompiledMetadata } from './compile-metadata.ts';
import { fieldTypeSpecs } from './field-types.ts';

/**
 * Per-tenant partial expression indexes on `records`, one per `indexed`, `unique` or lookup
 * field. The expression is exactly what the filter compiler emits for the field, so filters
 * and sorts on it are served by the index. Names encode the tenant and a hash of the
 * definition: the set of indexes a tenant has is read back from the catalog and reconciled.
 */
export interface IndexSpec {
  name: string;
  object: string;
  field: string;
  unique: boolean;
  sql: string;
}

function tenantPrefix(tenantId: string): string {
  return `rx_${assertTenantId(tenantId).replace(/-/g, '')}_`;
}

export function desiredIndexes(compiled: CompiledMetadata): IndexSpec[] {
  const prefix = tenantPrefix(compiled.tenantId);
  const specs: IndexSpec[] = [];
  for (const object of compiled.objects.values()) {
    for (const field of object.indexedFields) {
      const type = field.definition!.type;
      const unique = field.definition?.unique === true;
      const expression = indexExpressionSql(field);
      const predicate = `tenant_id = '${compiled.tenantId}'::uuid AND object = '${object.key}' AND deleted_at IS NULL`;
      const gin = fieldTypeSpecs[type].indexMethod === 'gin';
      // No tenant_id column: the predicate already holds one tenant's rows, and a constant leading
      // column would keep PostgreSQL (before 18) from seeking on the expression.
      const columns = gin ? `USING gin (${expression})` : unique ? `(${expression})` : `(${expression}, id)`;
      const definition = `${unique ? 'UNIQUE ' : ''}INDEX ON records ${columns} WHERE ${predicate}`;
      const hash = createHash('sha1').update(definition).digest('hex').slice(0, 16);
      const name = `${prefix}${hash}`;
      specs.push({
        name, object: object.key, field: field.key, unique,
        sql: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX %CONCURRENTLY% IF NOT EXISTS ${name} ON records ${columns} WHERE ${predicate}`,
      });
    }
  }
  return specs;
}

/** Index names of a tenant that exist now, with whether each is valid (a failed concurrent build is not). */
export async function existingIndexes(storage: Storage, tenantId: string): Promise<Map<string, boolean>> {
  const prefix = tenantPrefix(tenantId);
  const { rows } = await storage.executeRaw(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname LIKE $1`,
    [`${prefix}%`],
  );
  return new Map((rows as Array<{ name: string; valid: boolean }>).map((r) => [r.name, r.valid]));
}

/**
 * Index DDL of this process runs one statement at a time. Concurrent builds and drops on
 * `records` each take its SHARE UPDATE EXCLUSIVE lock and wait for the other sessions'
 * transactions: two at once deadlock. (A publish waits for at most the one background build
 * that is running.)
 */
let ddlTail: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = ddlTail.then(work, work);
  ddlTail = run.catch(() => undefined);
  return run;
}

export async function createIndex(storage: Storage, spec: IndexSpec): Promise<void> {
  // PGlite is a single session: CONCURRENTLY buys nothing there and is not supported.
  const concurrently = storage.kind === 'postgres' ? 'CONCURRENTLY' : '';
  // A deadlock with DDL of another session (ANALYZE, a build in another process) is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await exclusive(() => storage.executeRaw(spec.sql.replace('%CONCURRENTLY%', concurrently)).then(() => undefined));
    } catch (error) {
      if (sqlState(error) !== '40P01' || attempt === 3) throw error;
      await dropIndex(storage, spec.name).catch(() => {});
    }
  }
}

/**
 * Records of a tenant's object that share a value of `field` with another (what a unique index
 * on it would refuse), counted inside a transaction.
 */
export async function countDuplicates(tx: Tx, tenantId: string, object: string, field: string): Promise<number> {
  const row = (await sql<{ n: string }>`
    SELECT coalesce(sum(n), 0) AS n FROM (
      SELECT count(*) AS n FROM records
       WHERE tenant_id = ${tenantId}::uuid AND object = ${object} AND deleted_at IS NULL AND data ? ${field}
       GROUP BY data -> ${field}::text HAVING count(*) > 1) AS d`.execute(tx)).rows[0];
  return Number(row?.n ?? 0);
}

export async function dropIndex(storage: Storage, name: string): Promise<void> {
  if (!/^rx_[0-9a-f]{32}_[0-9a-f]{16}$/.test(name)) throw new Error(`Not a record index: ${name}`);
  const concurrently = storage.kind === 'postgres' ? 'CONCURRENTLY' : '';
  await exclusive(() => storage.executeRaw(`DROP INDEX ${concurrently} IF EXISTS ${name}`));
}

/** Drops every index of a tenant (tenant deletion). */
export async function dropTenantIndexes(storage: Storage, tenantId: string): Promise<void> {
  for (const name of (await existingIndexes(storage, tenantId)).keys()) await dropIndex(storage, name);
}

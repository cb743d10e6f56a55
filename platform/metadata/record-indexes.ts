import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { indexExpressionSql } from '../filter/compile-filter-sql.ts';
import { sqlState } from '../storage/database-errors.ts';
import { assertTenantId, type Storage, type Tx } from '../storage/storage.ts';
import { CompiledMetadata } from './compile-metadata.ts';
import type { MetadataDocument } from './metadata-types.ts';
import { fieldTypeSpecs } from './field-types.ts';

/**
 * Expression indexes on `records`, one per `indexed`, `unique` or lookup field. The expression
 * is exactly what the filter compiler emits for the field, so filters and sorts on it are
 * served by the index. (A unique field's rule is enforced by `record_unique_values`, see
 * unique-values.ts; its index here serves queries.)
 *
 * Btree indexes are **shared** by every tenant whose object has a field of that key and type:
 * `(tenant_id, expression, id) WHERE object = … AND deleted_at IS NULL AND expression IS NOT
 * NULL`, named `rs_<hash of the definition>`. A thousand hotel tenants use the same eleven
 * indexes. A record without a value is not in the index, so a tenant whose object has no such
 * field (another vertical's `lead`) does not pay for it on every write: on the bench's 1M-lead
 * tenant, leaving out the hotel template's `lead.hotel` index took an UPDATE of 100,000 leads
 * from 13.4–15.5 s to 11.0–11.6 s. Every filter that an index serves (a comparison, `$in`,
 * `$contains`, …) implies a value, and a list sorted by the field reads the rows with a value
 * first (`IS NOT NULL`, list-records.ts), so the planner still matches it; only "has no value"
 * filters and the tail of a sort, the rows without one, are read without it.
 * (Per-tenant partial indexes do not scale with tenants: with 12,000 of them on `records`,
 * planning a get-by-id took 150 ms — the planner checks every partial predicate — and every
 * written row evaluated 12,000 predicates, 0.8 ms a row.)
 * GIN and boolean indexes stay per tenant, partial on the tenant (`rx_<tenant>_<hash>`).
 * Names encode a hash of the definition: what a tenant has is read back from the catalog and
 * reconciled.
 */
export interface IndexSpec {
  name: string;
  object: string;
  field: string;
  /** Shared by all tenants that want it (never dropped while one does). */
  shared: boolean;
  sql: string;
  /**
   * Extended statistics on the expression (shared indexes): the planner ignores the statistics
   * ANALYZE gathers for a partial index, and without any it guesses a filter on the field keeps
   * a third of the rows — a bitmap scan of 100,000 rows for a list of 50. They cover the
   * expression together with `object` (a most-common-values list of the pairs), because the
   * same key is often missing from every record of other objects: the bench's leads all have a
   * city and its visits none, so "city has no value" was guessed at 2.5 % of the leads (24,000
   * of a million), and a list of them sorted by score walked the whole score index to find none
   * (5.6 s); with the pairs the planner knows no lead lacks a city (1.3 s, a scan).
   */
  statistics?: string;
}

/**
 * The statistics of a shared index: the expression on its own (a histogram, for ranges and
 * sorts) and, with `object`, the most common pairs (for equality and "has no value" filters).
 * Migration 0012 brings statistics made before them to this definition.
 */
export function statisticsSql(indexName: string, expression: string): string {
  return `CREATE STATISTICS IF NOT EXISTS ${indexName}_s (mcv) ON object, (${expression}) FROM records`;
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
      const expression = indexExpressionSql(field);
      const gin = fieldTypeSpecs[type].indexMethod === 'gin';
      // Booleans stay per tenant: their expression casts, and another tenant's text under the
      // same key would fail a shared build.
      if (!gin && field.kind !== 'boolean') {
        const on = `records (tenant_id, ${expression}, id) WHERE object = '${object.key}' AND deleted_at IS NULL AND ${expression} IS NOT NULL`;
        const name = `rs_${createHash('sha1').update(`INDEX ON ${on}`).digest('hex').slice(0, 16)}`;
        specs.push({
          name, object: object.key, field: field.key, shared: true,
          sql: `CREATE INDEX %CONCURRENTLY% IF NOT EXISTS ${name} ON ${on}`,
          statistics: statisticsSql(name, expression),
        });
        continue;
      }
      const predicate = `tenant_id = '${compiled.tenantId}'::uuid AND object = '${object.key}' AND deleted_at IS NULL`;
      // No tenant_id column: the predicate already holds one tenant's rows.
      const columns = gin ? `USING gin (${expression})` : `(${expression})`;
      const hash = createHash('sha1').update(`INDEX ON records ${columns} WHERE ${predicate}`).digest('hex').slice(0, 16);
      const name = `${prefix}${hash}`;
      specs.push({
        name, object: object.key, field: field.key, shared: false,
        sql: `CREATE INDEX %CONCURRENTLY% IF NOT EXISTS ${name} ON records ${columns} WHERE ${predicate}`,
      });
    }
  }
  return specs;
}

/**
 * Indexes that exist now, with whether each is valid (a failed concurrent build is not): the
 * tenant's own ones, and the shared ones among `wanted` that exist.
 */
export async function existingIndexes(storage: Storage, tenantId: string, wanted: readonly IndexSpec[] = []): Promise<Map<string, boolean>> {
  return indexValidity(storage, `${tenantPrefix(tenantId)}%`, wanted.filter((s) => s.shared).map((s) => s.name));
}

/** Record indexes whose name matches `pattern` (LIKE) or is one of `names`, with whether each is valid. */
async function indexValidity(storage: Storage, pattern: string | null, names: readonly string[]): Promise<Map<string, boolean>> {
  const { rows } = await storage.executeRaw(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname LIKE $1 OR c.relname = ANY($2::text[])`,
    [pattern, [...names]],
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

/**
 * Builds an index and, for a shared one, its expression statistics. New statistics are empty until
 * `records` is analysed, and the planner then guesses (a filter on the field keeps a third of the
 * rows): after an upgrade that renamed the shared indexes, a filtered list took 1.7 s instead of
 * 41 ms until the next ANALYZE. So they are analysed here, or, with `deferAnalyse`, by the caller
 * once for all the indexes it builds (`analyseRecords`; an ANALYZE samples the whole table, so a
 * publish of 300 indexed fields ran 300 of them). Returns whether the statistics are new.
 */
export async function createIndex(storage: Storage, spec: IndexSpec, options: { deferAnalyse?: boolean } = {}): Promise<boolean> {
  // PGlite is a single session: CONCURRENTLY buys nothing there and is not supported.
  const concurrently = storage.kind === 'postgres' ? 'CONCURRENTLY' : '';
  return retryDeadlocks(async () => {
    await storage.executeRaw(spec.sql.replace('%CONCURRENTLY%', concurrently));
    if (!spec.statistics || (await statisticsExist(storage, `${spec.name}_s`))) return false;
    await storage.executeRaw(spec.statistics);
    if (!options.deferAnalyse) await storage.executeRaw('ANALYZE records');
    return true;
  }, () => discardFailedBuild(storage, spec).catch(() => {}));
}

/** Analyses `records` (after `createIndex(…, { deferAnalyse: true })` made new statistics), in turn with the index DDL. */
export async function analyseRecords(storage: Storage): Promise<void> {
  await retryDeadlocks(() => storage.executeRaw('ANALYZE records'));
}

/**
 * Runs index DDL in turn with this process's other DDL; a deadlock with DDL of another session
 * (ANALYZE, a build in another process) is tried again, up to three times in all, after `cleanUp`.
 */
async function retryDeadlocks<T>(work: () => Promise<T>, cleanUp: () => Promise<unknown> = async () => undefined): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await exclusive(work);
    } catch (error) {
      if (sqlState(error) !== '40P01' || attempt === 3) throw error;
      await cleanUp();
    }
  }
}

async function statisticsExist(storage: Storage, name: string): Promise<boolean> {
  return (await storage.executeRaw('SELECT 1 FROM pg_statistic_ext WHERE stxname = $1', [name])).rows.length > 0;
}

/**
 * Cleans up after a build that failed: a tenant's own index is dropped; a shared one only when
 * it is an invalid leftover — a valid one was built by someone else and other tenants use it.
 */
export async function discardFailedBuild(storage: Storage, spec: IndexSpec): Promise<void> {
  if (spec.shared && (await indexValidity(storage, null, [spec.name])).get(spec.name) !== false) return;
  await dropIndex(storage, spec.name);
}

export async function dropIndex(storage: Storage, name: string): Promise<void> {
  if (!/^(rx_[0-9a-f]{32}|rs)_[0-9a-f]{16}$/.test(name)) throw new Error(`Not a record index: ${name}`);
  const concurrently = storage.kind === 'postgres' ? 'CONCURRENTLY' : '';
  await exclusive(async () => {
    await storage.executeRaw(`DROP INDEX ${concurrently} IF EXISTS ${name}`);
    if (name.startsWith('rs_')) await storage.executeRaw(`DROP STATISTICS IF EXISTS ${name}_s`);
  });
}

/**
 * Drops those of the shared indexes `specs` that no tenant's live version wants any more (a
 * tenant stopped indexing the field, or was deleted). One pass over the tenants: each one whose
 * live document has one of the specs' field keys on its object is compiled, and the specs it
 * wants are kept; the pass stops when every spec is known to be in use.
 */
export async function dropUnusedShared(storage: Storage, specs: readonly IndexSpec[]): Promise<string[]> {
  const unused = new Map(specs.filter((s) => s.shared).map((s) => [s.name, s]));
  if (unused.size === 0) return [];
  const tenants = await storage.inPlatform(async (tx) => (await sql<{ id: string }>`SELECT id FROM tenants WHERE live_version IS NOT NULL`.execute(tx)).rows.map((r) => r.id));
  for (const tenantId of tenants) {
    if (unused.size === 0) break;
    const objects = [...unused.values()].map((s) => s.object);
    const fields = [...unused.values()].map((s) => s.field);
    // Each tenant's versions are behind its own row-level security: one small read each.
    const live = await storage.inTenant(tenantId, async (tx) => (await sql<{ version: number; document: MetadataDocument }>`
      SELECT v.version, v.document FROM tenants AS t JOIN meta_versions AS v ON v.tenant_id = t.id AND v.version = t.live_version
       WHERE t.id = ${tenantId}::uuid
         AND EXISTS (SELECT 1 FROM unnest(${objects}::text[], ${fields}::text[]) AS f(object, field)
                      WHERE (v.document::jsonb -> 'objects' -> f.object -> 'fields') ? f.field)`.execute(tx)).rows[0], { readOnly: true });
    if (!live) continue;
    for (const spec of desiredIndexes(new CompiledMetadata(tenantId, live.version, live.document))) unused.delete(spec.name);
  }
  for (const name of unused.keys()) await dropIndex(storage, name);
  return [...unused.keys()];
}

/** Drops a tenant's own indexes (tenant deletion; shared ones go through `releaseSharedIndexes`). */
export async function dropTenantIndexes(storage: Storage, tenantId: string): Promise<void> {
  for (const name of (await existingIndexes(storage, tenantId)).keys()) await dropIndex(storage, name);
}

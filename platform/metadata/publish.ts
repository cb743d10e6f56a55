import { ShoalError } from '../errors.ts';
import { sqlState } from '../storage/database-errors.ts';
import type { Storage, Tx } from '../storage/storage.ts';
import { CompiledMetadata } from './compile-metadata.ts';
import { countAffected } from './count-affected.ts';
import { applyMigration, checkMigrations, type DataMigration } from './data-migrations.ts';
import { diffMetadata, type MetadataChange } from './diff-metadata.ts';
import { keepRemovedReleaseReasons } from './removed-release-reasons.ts';
import { insertVersion, loadVersion, lockTenantForPublish } from './metadata-store.ts';
import { sql } from 'kysely';
import type { MetadataDocument } from './metadata-types.ts';
import { analyseRecords, createIndex, desiredIndexes, discardFailedBuild, dropIndex, dropUnusedShared, existingIndexes, type IndexSpec } from './record-indexes.ts';
import { syncLiveUniqueFields, syncUniqueFields } from './unique-values.ts';
import { validateMetadata } from './validate-metadata.ts';

/**
 * Runs inside the publish transaction after data migrations, before the version row is
 * written; modules whose stored state derives from metadata (pool membership) keep it in step.
 */
export type PublishHook = (tx: Tx, context: { tenantId: string; before: CompiledMetadata | undefined; after: CompiledMetadata; now: Date }) => Promise<void>;

export interface PublishOptions {
  actorId: string | null;
  confirmDestructive?: boolean;
  migrations?: DataMigration[];
  kind?: 'publish' | 'rollback' | 'template';
  now?: Date;
  /**
   * Called first in the transaction, once the tenant's writes wait for it: throws to refuse the
   * publish on what it reads there (the draft is still the one published).
   */
  precondition?: (tx: Tx) => Promise<void>;
  /** Called in the transaction before committing (the draft is deleted there). */
  inTransaction?: (tx: Tx) => Promise<void>;
  /**
   * Called as soon as the version has committed, before the index work after the commit (which
   * can take long, or fail): makes the version live in every process (cache, tenant directory).
   */
  committed?: (compiled: CompiledMetadata) => Promise<void>;
}

export interface PublishResult {
  version: number;
  changes: MetadataChange[];
  /**
   * `created`/`dropped`: done by the publish. `pending`: indexes of the new version being built
   * in the background after the commit (present only when there are some).
   */
  indexes: { created: string[]; dropped: string[]; pending?: string[]; failed?: IndexFailure[] };
  compiled: CompiledMetadata;
}

/**
 * Validate → plan → apply. The plan (diff, counts, refusals) is computed first. Indexes the new
 * version needs are built concurrently: before the transaction when the publish must wait for
 * them — per-tenant indexes over objects that already have records of this tenant (their values
 * may refuse the publish) — and are harmless extras, dropped, if the publish fails. The version
 * row, data migrations, the unique fields (whose existing duplicates refuse the publish) and
 * hooks commit together. Indexes that cannot fail on data — shared
 * ones, and any over objects without records yet — are built in the background after the
 * commit (`pending`), so a publish neither waits for hundreds of builds nor for a scan of a
 * large table. Indexes over converted fields are built, and indexes the new version no longer
 * needs are dropped, after the commit and after `committed` has made the version live: that work
 * is best effort — a build or drop that fails there (a drop that times out behind a long
 * transaction) is reported, never thrown, and left to a background reconcile.
 */
export async function publishDocument(storage: Storage, tenantId: string, document: MetadataDocument, hooks: PublishHook[], options: PublishOptions): Promise<PublishResult> {
  const problems = validateMetadata(document);
  if (problems.length > 0) {
    throw new ShoalError('invalid_metadata', `The metadata has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`, { errors: problems });
  }
  const migrations = options.migrations ?? [];
  const now = options.now ?? new Date();
  const plan = await planPublish(storage, tenantId, document, migrations);
  refuseUnsafe(plan.changes, options.confirmDestructive ?? false);

  const version = (plan.liveVersion ?? 0) + 1;
  const compiled = new CompiledMetadata(tenantId, version, plan.document);
  const wanted = desiredIndexes(compiled);
  const before = plan.liveCompiled ? desiredIndexes(plan.liveCompiled) : [];
  // An index over a field whose values a migration converts is built after the commit: built
  // beforehand (or in the transaction, where the old row versions are still indexed) it would
  // evaluate the old values and fail on them.
  const converted = new Set(migrations.filter((m) => m.op === 'changeType').map((m) => `${m.object}.${m.field}`));
  const afterConversion = wanted.filter((s) => converted.has(`${s.object}.${s.field}`));
  const existing = await existingIndexes(storage, tenantId, wanted);
  const missing = wanted.filter((s) => !afterConversion.includes(s) && existing.get(s.name) !== true);
  const populated = await objectsWithRecords(storage, tenantId, [...new Set(missing.filter((s) => !s.shared).map((s) => s.object))]);
  // Shared indexes cannot fail on data (their expressions read any value): they are built in
  // the background even over populated objects — building one reads that object's rows of every
  // tenant (2.5 s at 2M rows), and a publish answers within a second. Queries are correct
  // meanwhile, only not yet served by the new index.
  const deferred = missing.filter((s) => s.shared || !populated.has(s.object));
  const built = await buildMissingIndexes(storage, tenantId, missing.filter((s) => !deferred.includes(s)));
  try {
    await storage.inTenant(tenantId, async (tx) => {
      const current = await lockTenantForPublish(tx, tenantId);
      await options.precondition?.(tx);
      if (current !== plan.liveVersion) {
        throw new ShoalError('conflict', `Version ${current} was published meanwhile; review the changes again`);
      }
      // Field renames first, whatever order they came in: any other migration names a field by its
      // draft key, which a renamed field's values are under only once it is renamed.
      const ordered = [...migrations.entries()].sort(([, a], [, b]) => Number(b.op === 'renameField') - Number(a.op === 'renameField'));
      for (const [i, migration] of ordered) {
        await applyMigration(tx, tenantId, plan.liveDocument!, plan.document, migration, i).catch((error: unknown) => {
          throw collisionError(error, migration) ?? error;
        });
      }
      await syncUniqueFields(tx, compiled);
      for (const hook of hooks) await hook(tx, { tenantId, before: plan.liveCompiled, after: compiled, now });
      await insertVersion(tx, tenantId, { version, document: plan.document, changes: plan.changes, kind: options.kind ?? 'publish', createdBy: options.actorId, createdAt: now });
      await options.inTransaction?.(tx);
    }, { exclusiveWrites: true }); // the tenant's writes in flight finish first; new ones wait for the commit
  } catch (error) {
    for (const name of built) await dropIndex(storage, name).catch(() => {});
    throw error;
  }
  // The version is live from here on: every process serves it before any index work below, and
  // what fails now is reported, not thrown (a reconcile in the background tries again).
  await options.committed?.(compiled);
  const failed: IndexFailure[] = [];
  for (const spec of afterConversion) {
    try {
      built.push(...await buildMissingIndexes(storage, tenantId, [spec]));
    } catch (error) {
      failed.push({ name: spec.name, object: spec.object, field: spec.field, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const { dropped, unfinished } = await dropUnwantedIndexes(storage, tenantId, wanted, before);
  const pending = deferred.map((s) => s.name);
  const had = new Set(before.map((s) => s.name));
  // A shared index the tenant now uses may be in the queue to be dropped (another tenant, or
  // this one a moment ago, stopped using it): the reconcile, queued after that drop, builds it again.
  const gained = wanted.some((s) => s.shared && !had.has(s.name));
  if (pending.length > 0 || gained || failed.length > 0 || unfinished) void reconcileInBackground(storage, tenantId);
  // The tenant's index set: what it gained (built now, or shared and already there) and lost.
  const notReady = new Set([...pending, ...failed.map((f) => f.name)]);
  const created = [...new Set([...built, ...wanted.filter((s) => !had.has(s.name) && !notReady.has(s.name)).map((s) => s.name)])];
  return { version, changes: plan.changes, indexes: { created, dropped, ...(pending.length > 0 ? { pending } : {}), ...(failed.length > 0 ? { failed } : {}) }, compiled };
}

/** Which of `objects` have at least one record of the tenant (deleted ones count: they come back). */
async function objectsWithRecords(storage: Storage, tenantId: string, objects: string[]): Promise<Set<string>> {
  if (objects.length === 0) return new Set();
  return storage.inTenant(tenantId, async (tx) => new Set((await sql<{ object: string }>`
    SELECT o.object FROM unnest(${objects}::text[]) AS o(object)
     WHERE EXISTS (SELECT 1 FROM records AS r WHERE r.tenant_id = ${tenantId}::uuid AND r.object = o.object)`.execute(tx)).rows.map((r) => r.object)), { readOnly: true });
}

/** An index the publish could not build after committing (the version is live without it). */
export interface IndexFailure {
  name: string;
  object: string;
  field: string;
  message: string;
}

/** A migration whose new values collide in a unique field (e.g. "7" and " 7 " both become 7). */
function collisionError(error: unknown, migration: DataMigration): ShoalError | undefined {
  if (sqlState(error) !== '23505' || migration.op === 'moveReleaseReason') return undefined;
  const field = migration.op === 'renameField' ? migration.to : migration.field;
  return new ShoalError('migration_required', `${migration.object}.${field} is unique, and the migrated values of some records collide`, {
    errors: [{ path: `/objects/${migration.object}/fields/${field}/unique`, message: 'records share values after the migration; fix them first' }],
  });
}

export interface PublishPlan {
  liveVersion: number | null;
  liveDocument: MetadataDocument | undefined;
  liveCompiled: CompiledMetadata | undefined;
  /** What the publish makes live: `document` with the words of the release reasons it removes kept. */
  document: MetadataDocument;
  changes: MetadataChange[];
}

/** The changes a publish of `document` would make, with affected-record counts. */
export async function planPublish(storage: Storage, tenantId: string, document: MetadataDocument, migrations: DataMigration[]): Promise<PublishPlan> {
  return storage.inTenant(tenantId, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('live_version').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const live = tenant.live_version === null ? undefined : await loadVersion(tx, tenantId, tenant.live_version);
    const migrationProblems = checkMigrations(live?.document, document, migrations);
    if (migrationProblems.length > 0) {
      throw new ShoalError('validation_failed', 'The data migrations do not fit this change', { errors: migrationProblems });
    }
    const published = keepRemovedReleaseReasons(live?.document, document);
    const changes = await countAffected(tx, tenantId, diffMetadata(live?.document, published, migrations));
    return {
      liveVersion: tenant.live_version,
      document: published,
      liveDocument: live?.document,
      liveCompiled: live ? new CompiledMetadata(tenantId, tenant.live_version!, live.document) : undefined,
      changes,
    };
  }, { readOnly: true });
}

function refuseUnsafe(changes: MetadataChange[], confirmDestructive: boolean): void {
  const asProblem = (c: MetadataChange) => ({ path: c.path, message: c.detail, affectedRecords: c.affectedRecords ?? 0 });
  const needMigration = changes.filter((c) => c.classification === 'migration' && !c.migration);
  if (needMigration.length > 0) {
    throw new ShoalError('migration_required', `${needMigration.length} ${needMigration.length === 1 ? 'change needs' : 'changes need'} a data migration`, {
      errors: needMigration.map(asProblem),
    });
  }
  const destructive = changes.filter((c) => c.classification === 'destructive');
  if (destructive.length > 0 && !confirmDestructive) {
    throw new ShoalError('destructive_change', `${destructive.length} ${destructive.length === 1 ? 'change affects' : 'changes affect'} existing data; publish with "confirmDestructive": true`, {
      errors: destructive.map(asProblem),
    });
  }
}

async function buildMissingIndexes(storage: Storage, tenantId: string, wanted: IndexSpec[]): Promise<string[]> {
  const existing = await existingIndexes(storage, tenantId, wanted);
  const created: string[] = [];
  let newStatistics = false;
  for (const spec of wanted) {
    if (existing.get(spec.name) === true) continue;
    if (existing.has(spec.name)) await dropIndex(storage, spec.name); // an invalid leftover of a failed build
    try {
      if (await createIndex(storage, spec, { deferAnalyse: true })) newStatistics = true;
      created.push(spec.name);
    } catch (error) {
      await discardFailedBuild(storage, spec).catch(() => {});
      for (const name of created) await dropIndex(storage, name).catch(() => {});
      throw indexBuildError(error, [spec]) ?? error;
    }
  }
  if (newStatistics) await analyseRecords(storage);
  return created;
}

/** A failed index build as the problem the publisher can act on (undefined: not theirs to fix). */
function indexBuildError(error: unknown, specs: IndexSpec[]): ShoalError | undefined {
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : '';
  const spec = specs.find((s) => message.includes(s.name)) ?? (specs.length === 1 ? specs[0] : undefined);
  const at = spec ? `/objects/${spec.object}/fields/${spec.field}` : '/objects';
  const what = spec ? `${spec.object}.${spec.field}` : 'A field';
  // 22P02/22003: stored values the index expression cannot read, e.g. text left under the key
  // by an earlier field of another type (removing a field keeps its values).
  if (state === '22P02' || state === '22003') {
    return new ShoalError('migration_required', `${what} cannot be indexed: some records hold values of another type under this key`, {
      errors: [{ path: at, message: 'records hold values that are not of this type (left by an earlier field with this key?); use another key or convert them first' }],
    });
  }
  return undefined;
}

/**
 * Drops the tenant's own indexes it no longer wants, and queues dropping shared ones it stopped
 * using that nobody else uses; answers them all as dropped. After the commit, so never thrown: a
 * drop that fails (`DROP INDEX CONCURRENTLY` waits for every transaction on `records`, and a
 * long sweep or assignment run outlasts its statement timeout) is reported on stderr and
 * `unfinished`, for the caller to leave to a background reconcile. The index is unused meanwhile.
 */
async function dropUnwantedIndexes(storage: Storage, tenantId: string, wanted: IndexSpec[], before: IndexSpec[]): Promise<{ dropped: string[]; unfinished: boolean }> {
  const keep = new Set(wanted.map((s) => s.name));
  const dropped: string[] = [];
  let unfinished = false;
  const report = (what: string) => (error: unknown) => {
    unfinished = true;
    console.error(`${what} of tenant ${tenantId} failed after its publish (a reconcile in the background tries again): ${error instanceof Error ? error.message : String(error)}`);
  };
  const existing = await existingIndexes(storage, tenantId).catch(report('listing the indexes'));
  for (const name of existing?.keys() ?? []) {
    if (keep.has(name)) continue;
    await dropIndex(storage, name).catch(report(`dropping index ${name}`));
    dropped.push(name);
  }
  const released = before.filter((s) => s.shared && !keep.has(s.name));
  releaseSharedIndexes(storage, released);
  return { dropped: [...dropped, ...released.map((s) => s.name)], unfinished };
}

/**
 * Queues dropping those of `specs` (shared indexes a tenant stopped using, or a deleted tenant
 * used) that no live version wants. Whether another tenant still uses one is read tenant by
 * tenant (1,000 tenants: ~2 s), so it runs after the answer, with the other background index
 * work of this process and in order with it.
 */
export function releaseSharedIndexes(storage: Storage, specs: IndexSpec[]): void {
  if (specs.some((s) => s.shared)) void queueIndexWork(storage, 'dropping unused shared indexes', () => dropUnusedShared(storage, specs));
}

/**
 * Makes the catalog match a version: builds the missing indexes (and rebuilds invalid leftovers
 * of failed concurrent builds) and drops the ones it no longer wants. Each index on its own: one
 * that fails is reported and the others are still built. Builds another session is running right
 * now are left alone.
 */
export async function reconcileIndexes(storage: Storage, compiled: CompiledMetadata): Promise<{ created: string[]; dropped: string[]; failed: IndexFailure[] }> {
  // Unique fields first: a tenant upgraded from per-tenant unique indexes keeps its rule
  // enforced while the old index is dropped below.
  const failed: IndexFailure[] = [];
  const uniqueSynced = await syncLiveUniqueFields(storage, compiled).then(() => true, (error: unknown) => {
    failed.push({ name: 'unique_fields', object: '', field: '', message: error instanceof Error ? error.message : String(error) });
    return false;
  });
  const wanted = desiredIndexes(compiled);
  const existing = await existingIndexes(storage, compiled.tenantId, wanted);
  const building = await indexesBeingBuilt(storage);
  const created: string[] = [];
  let newStatistics = false;
  for (const spec of wanted) {
    if (stopped.has(storage)) break;
    if (existing.get(spec.name) === true || building.has(spec.name)) continue;
    try {
      if (existing.has(spec.name)) await dropIndex(storage, spec.name);
      if (await createIndex(storage, spec, { deferAnalyse: true })) newStatistics = true;
      created.push(spec.name);
    } catch (error) {
      await discardFailedBuild(storage, spec).catch(() => {});
      failed.push({ name: spec.name, object: spec.object, field: spec.field, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (newStatistics) {
    await analyseRecords(storage).catch((error: unknown) => {
      failed.push({ name: 'analyse', object: '', field: '', message: error instanceof Error ? error.message : String(error) });
    });
  }
  const keep = new Set(wanted.map((s) => s.name));
  const dropped: string[] = [];
  for (const name of (await existingIndexes(storage, compiled.tenantId)).keys()) {
    // An old unique index stays while its values are not in record_unique_values yet.
    if (keep.has(name) || building.has(name) || !uniqueSynced) continue;
    await dropIndex(storage, name);
    dropped.push(name);
  }
  return { created, dropped, failed };
}

/** Names of indexes whose concurrent build is running in some session now (PostgreSQL). */
async function indexesBeingBuilt(storage: Storage): Promise<Set<string>> {
  if (storage.kind !== 'postgres') return new Set();
  const { rows } = await storage.executeRaw(`SELECT c.relname AS name FROM pg_stat_progress_create_index p JOIN pg_class c ON c.oid = p.index_relid`);
  return new Set((rows as Array<{ name: string }>).map((r) => r.name));
}

/** Reconciles a tenant's indexes with its live version, as it is when the work starts. */
export async function reconcileLiveIndexes(storage: Storage, tenantId: string): Promise<{ created: string[]; dropped: string[]; failed: IndexFailure[] }> {
  const live = await loadLiveCompiled(storage, tenantId);
  return live ? reconcileIndexes(storage, live) : { created: [], dropped: [], failed: [] };
}

/** A tenant's live version, compiled (undefined before its first publish). */
export async function loadLiveCompiled(storage: Storage, tenantId: string): Promise<CompiledMetadata | undefined> {
  return storage.inTenant(tenantId, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('live_version').where('id', '=', tenantId).executeTakeFirst();
    if (!tenant || tenant.live_version === null) return undefined;
    const row = await loadVersion(tx, tenantId, tenant.live_version);
    return row ? new CompiledMetadata(tenantId, tenant.live_version, row.document) : undefined;
  }, { readOnly: true });
}

/** Background index work of this process, one tenant after another, in order of request. */
let indexWork: Promise<void> = Promise.resolve();
/** Tenants whose reconcile is waiting, with the storage it is for (a stop forgets that storage's). */
const queuedTenants = new Map<string, Storage>();
const stopped = new WeakSet<Storage>();

/** Appends work to this process's background index queue; a failure is reported on stderr, and nothing runs after a stop. */
function queueIndexWork(storage: Storage, what: string, work: () => Promise<unknown>): Promise<void> {
  indexWork = indexWork.then(async () => {
    if (stopped.has(storage)) return;
    await work().catch((error: unknown) => {
      console.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return indexWork;
}

/**
 * Queues a reconcile of a tenant's indexes with its live version (once per tenant while one is
 * waiting: it reads the version live when it runs). Failures are reported on stderr; the next
 * publish or start tries again.
 */
export function reconcileInBackground(storage: Storage, tenantId: string): Promise<void> {
  if (queuedTenants.get(tenantId) === storage) return indexWork;
  queuedTenants.set(tenantId, storage);
  return queueIndexWork(storage, `index work of tenant ${tenantId}`, async () => {
    if (queuedTenants.get(tenantId) === storage) queuedTenants.delete(tenantId);
    const result = await reconcileLiveIndexes(storage, tenantId);
    for (const f of result.failed) console.error(`index ${f.name} (${f.object}.${f.field}) of tenant ${tenantId} could not be built: ${f.message}`);
  });
}

/** Settles every tenant's indexes with its live version (at start: a crash may have left work undone). */
export async function reconcileAllIndexes(storage: Storage, tenantIds: string[]): Promise<void> {
  for (const tenantId of tenantIds) await reconcileInBackground(storage, tenantId);
  await queueIndexWork(storage, 'collecting unused shared indexes', () => dropOrphanedSharedIndexes(storage));
}

/**
 * Drops the shared indexes no live version wants (a drop that a stop or a crash lost): each
 * existing `rs_` index is read back from its definition (object, key) and checked like a
 * publish's released ones. Builds running in some session are left alone.
 */
export async function dropOrphanedSharedIndexes(storage: Storage): Promise<string[]> {
  const building = await indexesBeingBuilt(storage);
  const { rows } = await storage.executeRaw(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname LIKE 'rs\\_%'`);
  const specs: IndexSpec[] = [];
  for (const row of rows as Array<{ name: string; definition: string }>) {
    if (building.has(row.name) || !/^rs_[0-9a-f]{16}$/.test(row.name)) continue;
    const object = /\bobject = '([^']+)'::text/.exec(row.definition)?.[1];
    const field = /shoal_(?:text|float)\(data, '([^']+)'::text\)/.exec(row.definition)?.[1];
    if (object && field) specs.push({ name: row.name, object, field, shared: true, sql: '' });
  }
  return dropUnusedShared(storage, specs);
}

/** Resolves when the index work queued so far in this process is done. */
export function indexWorkSettled(): Promise<void> {
  return indexWork;
}

/** Stops this process's index work on `storage` (shutdown): the build running ends, the rest is left to the next start. */
export async function stopIndexWork(storage: Storage): Promise<void> {
  stopped.add(storage);
  for (const [tenantId, queuedFor] of queuedTenants) if (queuedFor === storage) queuedTenants.delete(tenantId);
  await indexWork;
}

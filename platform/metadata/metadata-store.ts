import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../storage/storage.ts';
import type { MetadataDocument } from './metadata-types.ts';

/** Rows of `meta_versions` and `meta_drafts`, read and written inside a tenant transaction, each query naming its tenant too. */
export interface VersionSummary {
  version: number;
  kind: string;
  createdAt: Date;
  createdBy: string | null;
  changeCount: number;
  live: boolean;
}

/** Versions are int4: any other number is a version that does not exist (the database would refuse it, a 500). */
function isStorableVersion(version: number): boolean {
  return Number.isInteger(version) && version >= 1 && version <= 2_147_483_647;
}

export async function loadVersion(tx: Tx, tenantId: string, version: number): Promise<{ document: MetadataDocument; createdAt: Date } | undefined> {
  if (!isStorableVersion(version)) return undefined;
  const row = await tx.selectFrom('meta_versions').select(['document', 'created_at']).where('tenant_id', '=', tenantId).where('version', '=', version).executeTakeFirst();
  return row ? { document: row.document as unknown as MetadataDocument, createdAt: row.created_at } : undefined;
}

/** A version with what its publish (or rollback) changed, as it was reviewed then (its changes with their counts of affected records), in one read. */
export async function loadVersionWithChanges(tx: Tx, tenantId: string, version: number): Promise<{ document: MetadataDocument; createdAt: Date; changes: unknown[] } | undefined> {
  if (!isStorableVersion(version)) return undefined;
  const row = await tx.selectFrom('meta_versions').select(['document', 'created_at', 'changes']).where('tenant_id', '=', tenantId).where('version', '=', version).executeTakeFirst();
  return row ? { document: row.document as unknown as MetadataDocument, createdAt: row.created_at, changes: Array.isArray(row.changes) ? row.changes as unknown[] : [] } : undefined;
}

export async function listVersions(tx: Tx, tenantId: string, liveVersion: number | null): Promise<VersionSummary[]> {
  const rows = await tx
    .selectFrom('meta_versions')
    .select(['version', 'kind', 'created_at', 'created_by', sql<number>`jsonb_array_length(changes)`.as('change_count')])
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    version: r.version, kind: r.kind, createdAt: r.created_at, createdBy: r.created_by,
    changeCount: Number(r.change_count), live: r.version === liveVersion,
  }));
}

export async function insertVersion(
  tx: Tx,
  tenantId: string,
  entry: { version: number; document: MetadataDocument; changes: unknown[]; kind: string; createdBy: string | null; createdAt: Date },
): Promise<void> {
  await tx.insertInto('meta_versions').values({
    tenant_id: tenantId,
    version: entry.version,
    document: JSON.stringify(entry.document),
    changes: JSON.stringify(entry.changes),
    kind: entry.kind,
    created_by: entry.createdBy,
    created_at: entry.createdAt,
  }).execute();
  await tx.updateTable('tenants').set({ live_version: entry.version }).where('id', '=', tenantId).execute();
}

export interface StoredDraft {
  baseVersion: number;
  document: MetadataDocument;
  /** Random, new at every save (see `draftTag`). */
  revision: string;
  updatedAt: Date;
}

export async function loadDraft(tx: Tx, tenantId: string): Promise<StoredDraft | undefined> {
  const row = await tx.selectFrom('meta_drafts').select(['base_version', 'document', 'revision', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? { baseVersion: row.base_version, document: row.document as unknown as MetadataDocument, revision: row.revision, updatedAt: row.updated_at } : undefined;
}

/**
 * Writes the draft with a new revision. `expected`: only over the draft of that revision, or only
 * when there is no draft (`null`); false when the draft is not (or no longer) that one. Each
 * condition is part of its statement, so of two saves racing from one draft only the first writes.
 */
export async function saveDraft(
  tx: Tx,
  tenantId: string,
  draft: { baseVersion: number; document: MetadataDocument; userId: string | null; expected?: string | null },
): Promise<string | undefined> {
  const revision = randomBytes(9).toString('base64url');
  const values = { base_version: draft.baseVersion, document: JSON.stringify(draft.document), revision, updated_by: draft.userId, updated_at: new Date() };
  if (draft.expected === undefined || draft.expected === null) {
    const written = await tx.insertInto('meta_drafts').values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => (draft.expected === null ? oc.column('tenant_id').doNothing() : oc.column('tenant_id').doUpdateSet(values)))
      .returning('revision').executeTakeFirst();
    return written?.revision;
  }
  const written = await tx.updateTable('meta_drafts').set(values).where('tenant_id', '=', tenantId).where('revision', '=', draft.expected).returning('revision').executeTakeFirst();
  return written?.revision;
}

export async function deleteDraft(tx: Tx, tenantId: string): Promise<void> {
  await tx.deleteFrom('meta_drafts').where('tenant_id', '=', tenantId).execute();
}

/** The tenant's live version as this transaction sees it (null before the first publish). */
export async function loadLiveVersion(tx: Tx, tenantId: string): Promise<number | null> {
  const row = await tx.selectFrom('tenants').select('live_version').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.live_version;
}

/**
 * Locks the tenant row the publish moves to its new version. NO KEY UPDATE: it needs no more
 * (the tenant's write lock, held exclusively, orders publishes and writes), and FOR UPDATE would
 * also conflict with the KEY SHARE that record inserts' foreign keys take on this row.
 */
export async function lockTenantForPublish(tx: Tx, tenantId: string): Promise<number | null> {
  const row = await tx.selectFrom('tenants').select('live_version').where('id', '=', tenantId).forNoKeyUpdate().executeTakeFirstOrThrow();
  return row.live_version;
}

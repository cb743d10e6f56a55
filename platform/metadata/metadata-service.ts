import { ShoalError, type ProblemItem } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import type { TenantDirectory, TenantInfo } from '../tenants/tenant-directory.ts';
import type { DataMigration } from './data-migrations.ts';
import { countAffected } from './count-affected.ts';
import { diffMetadata, type MetadataChange } from './diff-metadata.ts';
import type { MetadataCache } from './metadata-cache.ts';
import { metadataJsonSchema } from './metadata-schema.ts';
import { deleteDraft, listVersions, loadDraft, loadVersion, loadVersionWithChanges, saveDraft, type VersionSummary } from './metadata-store.ts';
import type { MetadataDocument } from './metadata-types.ts';
import { keepRemovedReleaseReasons } from './removed-release-reasons.ts';
import { publishDocument, type PublishHook, type PublishResult } from './publish.ts';
import { validateMetadata } from './validate-metadata.ts';

export interface PublishRequest {
  actorId: string | null;
  confirmDestructive?: boolean;
  migrations?: DataMigration[];
}

/** The studio's metadata API: drafts, validation, diff, publish, versions, rollback. */
export class MetadataService {
  readonly #hooks: PublishHook[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly cache: MetadataCache,
    private readonly tenants: TenantDirectory,
  ) {}

  /** Registers a module that keeps derived state in step with published metadata. */
  onPublish(hook: PublishHook): void {
    this.#hooks.push(hook);
  }

  schema(): object {
    return metadataJsonSchema;
  }

  validate(document: unknown): ProblemItem[] {
    return validateMetadata(document);
  }

  async live(tenant: TenantInfo): Promise<{ version: number; publishedAt: Date; document: MetadataDocument }> {
    if (tenant.liveVersion === null) throw new ShoalError('not_found', 'Nothing has been published yet');
    const row = await this.storage.inTenant(tenant.id, (tx) => loadVersion(tx, tenant.id, tenant.liveVersion!), { readOnly: true });
    if (!row) throw new ShoalError('not_found', 'The live version is missing');
    return { version: tenant.liveVersion, publishedAt: row.createdAt, document: row.document };
  }

  /** The draft, created from the live version when there is none. */
  async draft(tenant: TenantInfo): Promise<{ baseVersion: number; document: MetadataDocument; updatedAt: Date | null }> {
    const draft = await this.storage.inTenant(tenant.id, (tx) => loadDraft(tx, tenant.id), { readOnly: true });
    if (draft) return draft;
    const live = await this.live(tenant);
    return { baseVersion: live.version, document: live.document, updatedAt: null };
  }

  async saveDraft(tenant: TenantInfo, document: unknown, actorId: string | null): Promise<void> {
    const problems = validateMetadata(document);
    if (problems.length > 0) {
      throw new ShoalError('invalid_metadata', `The draft has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}; it was not saved`, { errors: problems });
    }
    const base = tenant.liveVersion ?? 0;
    await this.storage.inTenant(tenant.id, (tx) => saveDraft(tx, tenant.id, base, document as MetadataDocument, actorId));
  }

  async discardDraft(tenant: TenantInfo): Promise<void> {
    await this.storage.inTenant(tenant.id, (tx) => deleteDraft(tx, tenant.id));
  }

  /** The changes the draft would make to the live version, classified and counted. */
  async diff(tenant: TenantInfo, migrations: DataMigration[] = []): Promise<{ baseVersion: number | null; changes: MetadataChange[] }> {
    return this.storage.inTenant(tenant.id, async (tx) => {
      const draft = await loadDraft(tx, tenant.id);
      if (!draft) return { baseVersion: tenant.liveVersion, changes: [] };
      const live = tenant.liveVersion === null ? undefined : await loadVersion(tx, tenant.id, tenant.liveVersion);
      const changes = await countAffected(tx, tenant.id, diffMetadata(live?.document, keepRemovedReleaseReasons(live?.document, draft.document), migrations));
      return { baseVersion: tenant.liveVersion, changes };
    }, { readOnly: true });
  }

  /** Publishes the draft. */
  async publish(tenant: TenantInfo, request: PublishRequest): Promise<PublishResult> {
    const draft = await this.storage.inTenant(tenant.id, (tx) => loadDraft(tx, tenant.id), { readOnly: true });
    if (!draft) throw new ShoalError('conflict', 'There is no draft to publish; save one first');
    return this.publishDocument(tenant, draft.document, { ...request, kind: 'publish', deleteDraft: true });
  }

  /** Publishes a copy of an earlier version as a new version (same rules as a publish). */
  async rollback(tenant: TenantInfo, version: number, request: PublishRequest): Promise<PublishResult> {
    const row = await this.storage.inTenant(tenant.id, (tx) => loadVersion(tx, tenant.id, version), { readOnly: true });
    if (!row) throw new ShoalError('not_found', `Version ${version} does not exist`);
    return this.publishDocument(tenant, row.document, { ...request, kind: 'rollback', deleteDraft: true });
  }

  async publishDocument(
    tenant: TenantInfo,
    document: MetadataDocument,
    request: PublishRequest & { kind: 'publish' | 'rollback' | 'template'; deleteDraft?: boolean },
  ): Promise<PublishResult> {
    const result = await publishDocument(this.storage, tenant.id, document, this.#hooks, {
      actorId: request.actorId,
      confirmDestructive: request.confirmDestructive ?? false,
      migrations: request.migrations ?? [],
      kind: request.kind,
      ...(request.deleteDraft ? { inTransaction: (tx) => deleteDraft(tx, tenant.id) } : {}),
    });
    this.cache.put(result.compiled);
    await this.tenants.changed(tenant.slug);
    return result;
  }

  async versions(tenant: TenantInfo): Promise<VersionSummary[]> {
    return this.storage.inTenant(tenant.id, (tx) => listVersions(tx, tenant.id, tenant.liveVersion), { readOnly: true });
  }

  /** A published version: its document, and what its publish changed (`changes`, as reviewed then). */
  async version(tenant: TenantInfo, version: number): Promise<{ version: number; createdAt: Date; document: MetadataDocument; changes: MetadataChange[] }> {
    const found = await this.storage.inTenant(tenant.id, (tx) => loadVersionWithChanges(tx, tenant.id, version), { readOnly: true });
    if (!found) throw new ShoalError('not_found', `Version ${version} does not exist`);
    return { version, createdAt: found.createdAt, document: found.document, changes: found.changes as MetadataChange[] };
  }
}

import { ShoalError, type ProblemItem } from '../errors.ts';
import type { Storage, Tx } from '../storage/storage.ts';
import type { TenantDirectory, TenantInfo } from '../tenants/tenant-directory.ts';
import type { DataMigration } from './data-migrations.ts';
import { countAffected } from './count-affected.ts';
import { diffMetadata, type MetadataChange } from './diff-metadata.ts';
import type { MetadataCache } from './metadata-cache.ts';
import { metadataJsonSchema } from './metadata-schema.ts';
import { deleteDraft, listVersions, loadDraft, loadLiveVersion, loadVersion, loadVersionWithChanges, saveDraft, type VersionSummary } from './metadata-store.ts';
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

  /**
   * The draft, created from the live version when there is none, with its entity tag (`etag`,
   * unquoted): what a save conditional on this draft names (see `saveDraft`).
   */
  async draft(tenant: TenantInfo): Promise<{ baseVersion: number; document: MetadataDocument; updatedAt: Date | null; etag: string }> {
    const draft = await this.storage.inTenant(tenant.id, (tx) => loadDraft(tx, tenant.id), { readOnly: true });
    if (draft) return { baseVersion: draft.baseVersion, document: draft.document, updatedAt: draft.updatedAt, etag: draftTag(draft.baseVersion, draft) };
    const live = await this.live(tenant);
    return { baseVersion: live.version, document: live.document, updatedAt: null, etag: draftTag(live.version, undefined) };
  }

  /**
   * Saves the draft as based on the live version; answers its new entity tag. With `ifMatch` (the
   * tags the client read, as `If-Match` lists them) only while the draft is still one of those:
   * another save or a publish since refuses it (412 `version_mismatch`), so a studio open on an
   * older draft cannot save it over a newer one, or as the draft of a version it never saw.
   */
  async saveDraft(tenant: TenantInfo, document: unknown, actorId: string | null, options: { ifMatch?: string[] } = {}): Promise<{ etag: string }> {
    const problems = validateMetadata(document);
    if (problems.length > 0) {
      throw new ShoalError('invalid_metadata', `The draft has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}; it was not saved`, { errors: problems });
    }
    // A publish holds the tenant's write lock exclusively: within this transaction the live version stays as read.
    return this.storage.inTenant(tenant.id, async (tx) => {
      const base = (await loadLiveVersion(tx, tenant.id)) ?? 0;
      const current = options.ifMatch ? await loadDraft(tx, tenant.id) : undefined;
      const tag = draftTag(base, current);
      if (options.ifMatch && !options.ifMatch.includes(tag)) throw draftChanged(tag, options.ifMatch);
      const revision = await saveDraft(tx, tenant.id, {
        baseVersion: base, document: document as MetadataDocument, userId: actorId,
        ...(options.ifMatch ? { expected: current?.revision ?? null } : {}),
      });
      // Another save of the same draft committed between the read and this write.
      if (revision === undefined) throw draftChanged(undefined, options.ifMatch ?? []);
      return { etag: draftTag(base, { baseVersion: base, revision }) };
    });
  }

  async discardDraft(tenant: TenantInfo): Promise<void> {
    await this.storage.inTenant(tenant.id, (tx) => deleteDraft(tx, tenant.id));
  }

  /**
   * The changes the draft would make to the live version, classified and counted, with the
   * draft's entity tag (`etag`, as `draft` gives it): what a publish of exactly this draft names.
   */
  async diff(tenant: TenantInfo, migrations: DataMigration[] = []): Promise<{ baseVersion: number | null; changes: MetadataChange[]; etag: string }> {
    return this.storage.inTenant(tenant.id, async (tx) => {
      const liveVersion = await loadLiveVersion(tx, tenant.id);
      const draft = await loadDraft(tx, tenant.id);
      const etag = draftTag(liveVersion ?? 0, draft);
      if (!draft) return { baseVersion: liveVersion, changes: [], etag };
      const live = liveVersion === null ? undefined : await loadVersion(tx, tenant.id, liveVersion);
      const changes = await countAffected(tx, tenant.id, diffMetadata(live?.document, keepRemovedReleaseReasons(live?.document, draft.document), migrations));
      return { baseVersion: liveVersion, changes, etag };
    }, { readOnly: true });
  }

  /**
   * Publishes the draft. With `ifMatch` (the tags the client reviewed, as `If-Match` lists them)
   * only while the draft is still one of those: a save or a publish since refuses it (412
   * `version_mismatch`), so a publish never includes changes its reviewer did not see. The draft
   * published is checked again in the publish's transaction, which holds the tenant's writes: a
   * save between reading it and committing refuses the publish too (409 `conflict` without
   * `ifMatch`) rather than publishing the older draft and deleting the newer one.
   *
   * @example
   * const { etag } = await metadata.diff(tenant);          // what the admin reviews
   * await metadata.publish(tenant, { actorId, ifMatch: [etag] });
   */
  async publish(tenant: TenantInfo, request: PublishRequest & { ifMatch?: string[] }): Promise<PublishResult> {
    const { ifMatch, ...publish } = request;
    const read = await this.storage.inTenant(tenant.id, async (tx) => ({ live: (await loadLiveVersion(tx, tenant.id)) ?? 0, draft: await loadDraft(tx, tenant.id) }), { readOnly: true });
    const tag = draftTag(read.live, read.draft);
    if (ifMatch && !ifMatch.includes(tag)) throw draftChanged(tag, ifMatch, 'publish');
    const draft = read.draft;
    if (!draft) throw new ShoalError('conflict', 'There is no draft to publish; save one first');
    return this.publishDocument(tenant, draft.document, {
      ...publish, kind: 'publish',
      precondition: async (tx) => {
        const now = draftTag((await loadLiveVersion(tx, tenant.id)) ?? 0, await loadDraft(tx, tenant.id));
        if (now === tag) return;
        if (ifMatch) throw draftChanged(now, ifMatch, 'publish');
        throw new ShoalError('conflict', 'The draft changed while it was being published (someone saved it or published a version); nothing was published. Review the changes again and publish');
      },
      inTransaction: async (tx) => { await deleteDraft(tx, tenant.id); },
    });
  }

  /** Publishes a copy of an earlier version as a new version (same rules as a publish). */
  async rollback(tenant: TenantInfo, version: number, request: PublishRequest): Promise<PublishResult> {
    const row = await this.storage.inTenant(tenant.id, (tx) => loadVersion(tx, tenant.id, version), { readOnly: true });
    if (!row) throw new ShoalError('not_found', `Version ${version} does not exist`);
    return this.publishDocument(tenant, row.document, { ...request, kind: 'rollback', inTransaction: async (tx) => { await deleteDraft(tx, tenant.id); } });
  }

  async publishDocument(
    tenant: TenantInfo,
    document: MetadataDocument,
    request: PublishRequest & { kind: 'publish' | 'rollback' | 'template'; precondition?: (tx: Tx) => Promise<void>; inTransaction?: (tx: Tx) => Promise<void> },
  ): Promise<PublishResult> {
    return publishDocument(this.storage, tenant.id, document, this.#hooks, {
      actorId: request.actorId,
      confirmDestructive: request.confirmDestructive ?? false,
      migrations: request.migrations ?? [],
      kind: request.kind,
      ...(request.precondition ? { precondition: request.precondition } : {}),
      ...(request.inTransaction ? { inTransaction: request.inTransaction } : {}),
      // Right after the commit, before the index work: every process serves the new version
      // even when that work takes long or fails.
      committed: async (compiled) => {
        this.cache.put(compiled);
        await this.tenants.changed(tenant.slug);
      },
    });
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

/**
 * A draft's entity tag (unquoted): `<base version>.<revision>` for a saved draft, the live
 * version alone while there is none (the draft is the live document). Every save and every
 * publish (which deletes the draft) changes it.
 *
 * @example
 * draftTag(2, undefined);                                 // '2'
 * draftTag(2, { baseVersion: 2, revision: 'q1Vb3kPz' });  // '2.q1Vb3kPz'
 */
export function draftTag(liveVersion: number, draft: { baseVersion: number; revision: string } | undefined): string {
  return draft ? `${draft.baseVersion}.${draft.revision}` : String(liveVersion);
}

/** A save (`use: 'save'`) or publish refused because the draft is not one the client `named`. */
function draftChanged(current: string | undefined, named: string[], use: 'save' | 'publish' = 'save'): ShoalError {
  const verb = use === 'save' ? 'read' : 'reviewed';
  const held = named.length > 0 ? `the draft you ${verb} (${named.map((tag) => `"${tag}"`).join(', ')})` : `the draft you ${verb}`;
  const then = use === 'save'
    ? 'Read it again with GET /meta/draft and make your change on that'
    : 'Nothing was published: review the changes again (GET /meta/diff) and publish with its ETag';
  return new ShoalError(
    'version_mismatch',
    `The draft has changed since you ${verb} it: it is not ${held} any more (someone saved it or published a version meanwhile). ${then}`,
    current === undefined ? {} : { extra: { currentETag: `"${current}"` } },
  );
}

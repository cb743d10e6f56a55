import { ShoalError } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import type { TenantInfo } from '../tenants/tenant-directory.ts';
import { CompiledMetadata } from './compile-metadata.ts';
import { loadVersion } from './metadata-store.ts';

/**
 * Compiled metadata per (tenant, version). The tenant directory knows each tenant's live
 * version (and forgets it on publish in every process), so a request finds its compiled
 * metadata with two map lookups. Old versions stay until evicted by count.
 */
export class MetadataCache {
  readonly #storage: Storage;
  readonly #compiled = new Map<string, CompiledMetadata>();
  readonly #loading = new Map<string, Promise<CompiledMetadata>>();
  readonly #maxEntries: number;

  constructor(storage: Storage, options: { maxEntries?: number } = {}) {
    this.#storage = storage;
    this.#maxEntries = options.maxEntries ?? 5000;
  }

  /** The live metadata of a tenant, compiled. */
  async live(tenant: TenantInfo): Promise<CompiledMetadata> {
    if (tenant.liveVersion === null) throw new ShoalError('not_found', 'This tenant has no published metadata yet');
    return this.version(tenant.id, tenant.liveVersion);
  }

  async version(tenantId: string, version: number): Promise<CompiledMetadata> {
    const key = `${tenantId}:${version}`;
    const hit = this.#compiled.get(key);
    if (hit) return hit;
    let loading = this.#loading.get(key);
    if (!loading) {
      loading = this.#load(tenantId, version).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  /** Puts a freshly published version in the cache (the publishing process compiled it already). */
  put(compiled: CompiledMetadata): void {
    this.#remember(`${compiled.tenantId}:${compiled.version}`, compiled);
  }

  forgetTenant(tenantId: string): void {
    for (const key of this.#compiled.keys()) if (key.startsWith(`${tenantId}:`)) this.#compiled.delete(key);
  }

  get size(): number {
    return this.#compiled.size;
  }

  async #load(tenantId: string, version: number): Promise<CompiledMetadata> {
    const row = await this.#storage.inTenant(tenantId, (tx) => loadVersion(tx, tenantId, version), { readOnly: true });
    if (!row) throw new ShoalError('not_found', `Metadata version ${version} does not exist`);
    const compiled = new CompiledMetadata(tenantId, version, row.document);
    this.#remember(`${tenantId}:${version}`, compiled);
    return compiled;
  }

  #remember(key: string, compiled: CompiledMetadata): void {
    this.#compiled.delete(key);
    this.#compiled.set(key, compiled);
    while (this.#compiled.size > this.#maxEntries) {
      const oldest = this.#compiled.keys().next().value as string;
      this.#compiled.delete(oldest);
    }
  }
}

import type { Storage } from '../storage/storage.ts';

export interface TenantInfo {
  id: string;
  slug: string;
  name: string;
  liveVersion: number | null;
  timeZone: string;
  createdAt: Date;
}

export const tenantSlugPattern = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * Resolves tenant slugs to tenants. Every API request does this, so answers are cached in
 * memory; creating, deleting and publishing notify `shoal_tenants` so every process forgets.
 */
export class TenantDirectory {
  readonly #storage: Storage;
  readonly #bySlug = new Map<string, TenantInfo | null>();
  /** Counts forgets: a read that began before one must not put back what it forgot. */
  #generation = 0;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  async start(): Promise<void> {
    await this.#storage.listen('shoal_tenants', (slug) => this.forget(slug));
  }

  async bySlug(slug: string): Promise<TenantInfo | undefined> {
    if (!tenantSlugPattern.test(slug)) return undefined;
    const cached = this.#bySlug.get(slug);
    if (cached !== undefined) return cached ?? undefined;
    return this.bySlugFresh(slug);
  }

  /**
   * Reads the tenant from the database (one indexed read), and caches what it read — unless a
   * forget (a publish's NOTIFY) came meanwhile, or the cache already holds a later live version
   * (versions only grow): an older read finishing last must not put back the version a publish replaced.
   */
  async bySlugFresh(slug: string): Promise<TenantInfo | undefined> {
    if (!tenantSlugPattern.test(slug)) return undefined;
    const generation = this.#generation;
    const row = await this.#storage.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    const info = row ? toTenantInfo(row) : null;
    const cached = this.#bySlug.get(slug);
    const older = !!cached && !!info && cached.id === info.id && (cached.liveVersion ?? 0) > (info.liveVersion ?? 0);
    if (generation === this.#generation && !older) {
      // Unknown slugs are cached too (a scan of random slugs must not hit the database each time).
      if (this.#bySlug.size > 10_000) this.#bySlug.clear();
      this.#bySlug.set(slug, info);
    }
    return info ?? undefined;
  }

  async list(): Promise<TenantInfo[]> {
    const rows = await this.#storage.db.selectFrom('tenants').selectAll().orderBy('slug').execute();
    return rows.map(toTenantInfo);
  }

  /** Forget one slug (or every slug for `*`), locally and in every other process. */
  async changed(slug: string): Promise<void> {
    this.forget(slug);
    await this.#storage.notify('shoal_tenants', slug);
  }

  forget(slug: string): void {
    this.#generation++;
    if (slug === '*') this.#bySlug.clear();
    else this.#bySlug.delete(slug);
  }
}

function toTenantInfo(row: { id: string; slug: string; name: string; live_version: number | null; time_zone: string; created_at: Date }): TenantInfo {
  return { id: row.id, slug: row.slug, name: row.name, liveVersion: row.live_version, timeZone: row.time_zone, createdAt: row.created_at };
}

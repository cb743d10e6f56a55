import type { ApiClient } from '../../shared/api-client.ts';
import type { ApiRecord, Page } from '../lists/use-record-pages.ts';

/** The pool endpoints of api.md (公海/私海). */
export function poolApi(api: ApiClient, pool: string) {
  const base = `/pools/${encodeURIComponent(pool)}`;
  return {
    listPublic: (query: Record<string, string | number | boolean | object | null | undefined>) => api.get<Page>(`${base}/public`, query),
    listMine: (query: Record<string, string | number | boolean | object | null | undefined>) => api.get<Page>(`${base}/mine`, query),
    claim: (id: string) => api.post<ApiRecord>(`${base}/claim`, { id }),
    release: (id: string, reason: string) => api.post<ApiRecord>(`${base}/release`, { id, reason }),
    extend: (id: string) => api.post<ApiRecord>(`${base}/extend`, { id }),
    assign: (id: string, userId: string) => api.post<ApiRecord>(`${base}/assign`, { id, userId }),
    /** What people hold against the pool's limit (everyone for pool administrators, else oneself). */
    holdings: () => api.get<PoolHoldings>(`${base}/holdings`),
  };
}

export interface PoolHoldings {
  limit: number | null;
  data: Array<{ userId: string; held: number }>;
}

/** Who holds a record, by id, whether its owner came expanded (`{ id, name }`) or as an id; null when nobody does. */
export function ownerIdOf(record: Record<string, unknown>): string | null {
  const owner = record.owner;
  if (typeof owner === 'object' && owner !== null) return String((owner as { id: unknown }).id);
  return typeof owner === 'string' ? owner : null;
}

/**
 * Which pool a record is in: the record says so (`pool`), else (a reader the answer does not tell)
 * the object's first pool; none for a record outside every pool (no `poolState`), which has no
 * pool card, claim or countdown.
 */
export function poolOfRecord(record: Record<string, unknown>, pools: string[]): string | undefined {
  if (record.pool === null || record.poolState === null) return undefined;
  return typeof record.pool === 'string' && pools.includes(record.pool) ? record.pool : pools[0];
}

/** A private record's first release: when, and by which rule; and how many more extensions its hold has (from `/mine`). */
export interface ReleaseInfo {
  releaseAt: string | null;
  releaseDueTo: string | null;
  extensionsLeft: number | null;
}

export async function releaseInfo(api: ApiClient, pool: string, id: string, owner?: string): Promise<ReleaseInfo | undefined> {
  const page = await api.get<Page>(`/pools/${encodeURIComponent(pool)}/mine`, { where: { id }, limit: 1, ...(owner ? { owner } : {}) });
  const row = page.data[0];
  if (!row) return undefined;
  return {
    releaseAt: typeof row.releaseAt === 'string' ? row.releaseAt : null,
    releaseDueTo: typeof row.releaseDueTo === 'string' ? row.releaseDueTo : null,
    extensionsLeft: typeof row.extensionsLeft === 'number' ? row.extensionsLeft : null,
  };
}

/**
 * When the caller may claim a public record again, if they let it go less than the pool's
 * cooldown ago (the public pool's `cooldownUntil`); null when they may claim it now.
 */
export async function claimCooldown(api: ApiClient, pool: string, id: string): Promise<string | null> {
  const page = await api.get<Page>(`/pools/${encodeURIComponent(pool)}/public`, { where: { id }, limit: 1, fields: 'id' });
  const until = page.data[0]?.cooldownUntil;
  return typeof until === 'string' ? until : null;
}

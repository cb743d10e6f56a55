import type { ApiClient } from '../../shared/api-client.ts';

/** One entry of `GET /records/{o}/{id}/history` (changes of fields the caller may not read are left out). */
export interface HistoryEntry {
  id: string;
  at: string;
  actor: string | null;
  actorName?: string | null;
  action: string;
  changes?: Record<string, [unknown, unknown]>;
  note?: string | null;
}

export interface HistoryRead {
  /** Newest first. */
  entries: HistoryEntry[];
  /** Whether that is the whole history (else only its newest `max` entries). */
  complete: boolean;
}

/** The largest page the history endpoint serves. */
const pageSize = 500;

/**
 * A record's history, newest first, a page of 500 at a time, up to `max` entries: enough for
 * any record's way through its pipeline without letting a record changed thousands of times
 * (imports, sweeps) hold the page up.
 */
export async function readHistory(api: ApiClient, object: string, id: string, max = 2_000): Promise<HistoryRead> {
  const entries: HistoryEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<{ data: HistoryEntry[]; nextCursor: string | null }>(`/records/${object}/${id}/history`, { limit: Math.min(pageSize, max - entries.length), cursor });
    entries.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && entries.length < max);
  return { entries, complete: !cursor };
}

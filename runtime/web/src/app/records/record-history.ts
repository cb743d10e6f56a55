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

const shared = new WeakMap<ApiClient, Map<string, Promise<HistoryRead>>>();

/**
 * `readHistory` shared by the parts of one record page that need it (the stage bar, the stage
 * history chart): one read per version of the record, not one per part. The last few records'
 * reads are kept; a failed read is forgotten, so a retry reads again.
 */
export function readHistoryOnce(api: ApiClient, object: string, id: string, version: unknown): Promise<HistoryRead> {
  const reads = shared.get(api) ?? new Map<string, Promise<HistoryRead>>();
  shared.set(api, reads);
  const key = `${object}/${id}/${String(version)}`;
  let read = reads.get(key);
  if (!read) {
    read = readHistory(api, object, id);
    reads.set(key, read);
    if (reads.size > 8) reads.delete(reads.keys().next().value!);
    read.catch(() => reads.delete(key));
  }
  return read;
}

/**
 * The delete that left a record deleted, from its history newest first: the newest delete,
 * restore or create, when it is a delete. Other entries may follow a delete (a work order of the
 * record closed from a queue loaded before it), so the newest entry alone does not say.
 */
export function standingDelete(newestFirst: HistoryEntry[]): HistoryEntry | undefined {
  const life = newestFirst.find((e) => e.action === 'delete' || e.action === 'restore' || e.action === 'create');
  return life?.action === 'delete' ? life : undefined;
}

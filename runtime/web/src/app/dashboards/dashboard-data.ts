import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { ApiError, type ApiClient } from '../../shared/api-client.ts';
import { everyUser } from '../../shared/every-user.ts';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { isMissingEndpoint } from '../data/api-errors.ts';
import { combineWhere } from '../lists/list-query.ts';
import type { Page } from '../lists/use-record-pages.ts';

/** How many records match (a one-row page with `count`). */
export async function countWhere(api: ApiClient, object: string, where: FilterJson | undefined): Promise<number> {
  const page = await api.post<Page>(`/records/${object}/query`, { ...(where ? { where } : {}), limit: 1, count: true, fields: [] });
  return page.total ?? 0;
}

export interface GroupRow {
  key: string;
  count: number;
  sum?: number;
}

/**
 * Counts (and optionally sums) per value of a field, computed live by `/aggregate`. Where the
 * server has no aggregate yet, counts each known value with a count query instead.
 */
export async function groupCounts(
  api: ApiClient, object: string, field: string, where: FilterJson | undefined,
  options: { sumField?: string; values?: string[] | (() => Promise<string[]>) } = {},
): Promise<{ rows: GroupRow[]; exact: boolean }> {
  try {
    const result = await api.post<{ data: Array<Record<string, unknown>> }>(`/records/${object}/aggregate`, {
      ...(where ? { where } : {}), groupBy: [field],
      metrics: [{ fn: 'count', as: 'n' }, ...(options.sumField ? [{ fn: 'sum', field: options.sumField, as: 'total' }] : [])],
    });
    return {
      exact: true,
      rows: result.data.map((row) => ({
        key: row[field] === null || row[field] === undefined ? '' : String(row[field]),
        count: Number(row.n ?? 0),
        ...(options.sumField ? { sum: Number(row.total ?? 0) } : {}),
      })),
    };
  } catch (error) {
    if (!isMissingEndpoint(error) || !options.values) throw error;
    const values = typeof options.values === 'function' ? await options.values() : options.values;
    // One count per value, 20 at a time.
    const counts: number[] = [];
    for (let i = 0; i < values.length; i += 20) {
      counts.push(...await Promise.all(values.slice(i, i + 20).map((value) => countWhere(api, object, combineWhere(where, { [field]: value })))));
    }
    return { exact: false, rows: values.map((key, i) => ({ key, count: counts[i]! })).filter((r) => r.count > 0) };
  }
}

/**
 * Names of the people a chart shows (grouped by owner), from the read-only `user` object that
 * every signed-in user may read, 500 a request. (It read every user, or, for those who may not
 * list users, the 500 latest records with an owner: on a tenant of a million leads that query
 * scanned them all, 10 s, for a BD holding none.)
 */
export async function peopleNames(api: ApiClient, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = [...new Set(ids.filter(Boolean))];
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const page = await api.post<{ data: Array<{ id: string; name?: string; email?: string }> }>('/records/user/query', { where: { id: { $in: chunk } }, limit: chunk.length });
    for (const u of page.data) names.set(u.id, u.name || u.email || u.id);
  }
  return names;
}

/**
 * The owners to count records of where the server has no `/aggregate`: every active user (500 a
 * page), or, for someone who may not list users, the owners of the latest records they can see.
 */
export async function possibleOwners(api: ApiClient, object: string): Promise<string[]> {
  try {
    return (await everyUser(api, { active: true })).map((u) => u.id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 403)) throw error;
    const page = await api.post<Page>(`/records/${object}/query`, { where: { owner: { $null: false } }, fields: [], limit: 500, orderBy: '-updatedAt' });
    return [...new Set(page.data.map((r) => String(r.owner)))];
  }
}

/**
 * The records a pool counts against its limit, as a filter: private ones not in a won stage of
 * the object's pipeline (the server leaves won records out of `maxPerOwner`).
 */
export function heldWhere(pool: PoolDefinition, document: MetadataDocument, stageField: string | undefined): FilterJson {
  const pipeline = Object.values(document.pipelines ?? {}).find((p) => p.object === pool.object);
  const won = (pipeline?.stages ?? []).filter((s) => s.kind === 'won').map((s) => s.key);
  const field = stageField ?? pipeline?.field;
  return { poolState: 'private', ...(field && won.length > 0 ? { [field]: { $nin: won } } : {}) };
}

import type { ApiClient } from '../../shared/api-client.ts';
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
  options: { sumField?: string; values?: string[] } = {},
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
    const counts = await Promise.all(options.values.map((value) => countWhere(api, object, combineWhere(where, { [field]: value }))));
    return { exact: false, rows: options.values.map((key, i) => ({ key, count: counts[i]! })).filter((r) => r.count > 0) };
  }
}

/**
 * Names of people, for charts grouped by owner: every user for admins; for everyone else the
 * holders of the records they can see (the API lists users to admins only).
 */
export async function peopleNames(api: ApiClient, object: string): Promise<Map<string, string>> {
  try {
    // Every user, 500 a page (a tenant of 2,000 showed three in four as bare ids), those who left
    // included: they may still hold records or have won some.
    const names = new Map<string, string>();
    let after: string | null = null;
    do {
      const page: { data: Array<{ id: string; name: string; email: string }>; nextCursor: string | null } = await api.get('/users', { limit: 500, ...(after ? { after } : {}) });
      for (const u of page.data) names.set(u.id, u.name || u.email);
      after = page.nextCursor;
    } while (after);
    return names;
  } catch {
    const page = await api.post<Page>(`/records/${object}/query`, { where: { owner: { $null: false } }, expand: ['owner'], fields: [], limit: 500, orderBy: '-updatedAt' });
    const names = new Map<string, string>();
    for (const record of page.data) {
      const owner = record.owner as { id?: string; name?: string } | null;
      if (owner?.id) names.set(owner.id, owner.name ?? owner.id.slice(0, 8));
    }
    return names;
  }
}

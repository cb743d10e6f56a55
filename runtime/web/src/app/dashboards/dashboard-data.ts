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

/** The most groups a chart asks `/aggregate` for (the server's most); past it, `truncated`. */
export const chartGroupLimit = 5000;

/**
 * Counts (and optionally sums) per value of a field, computed live by `/aggregate`, the largest
 * `chartGroupLimit` groups: `truncated` says more matched and were left out, for the chart to
 * say so. Where the server has no aggregate yet, counts each known value with a count query instead.
 */
export async function groupCounts(
  api: ApiClient, object: string, field: string, where: FilterJson | undefined,
  options: { sumField?: string; values?: string[] | (() => Promise<string[]>) } = {},
): Promise<{ rows: GroupRow[]; exact: boolean; truncated: boolean }> {
  try {
    const result = await api.post<{ data: Array<Record<string, unknown>>; truncated?: boolean }>(`/records/${object}/aggregate`, {
      ...(where ? { where } : {}), groupBy: [field], limit: chartGroupLimit,
      metrics: [{ fn: 'count', as: 'n' }, ...(options.sumField ? [{ fn: 'sum', field: options.sumField, as: 'total' }] : [])],
    });
    return {
      exact: true,
      truncated: result.truncated === true,
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
    return { exact: false, truncated: false, rows: values.map((key, i) => ({ key, count: counts[i]! })).filter((r) => r.count > 0) };
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
    const page = await api.post<{ data: UserRow[] }>('/records/user/query', { where: { id: { $in: chunk } }, limit: chunk.length });
    for (const u of page.data) names.set(u.id, personName(u));
  }
  return names;
}

interface UserRow { id: string; name?: string; email?: string; roles?: string[] }

function personName(user: UserRow): string {
  return user.name || user.email || user.id;
}

/**
 * The active members of a pool who carry its work (its `members` filter over users; every active
 * user where it has none), with their names, 500 a page: whom its workload shows, idle ones
 * included. Its administrators (the tenant's admins, the roles in `admins`: a manager who assigns
 * the team's leads) are not among them, though the filter may let them claim: one holding none is
 * no idle member of the team; one holding some is counted as a holder all the same.
 */
export async function poolMembers(api: ApiClient, pool: Pick<PoolDefinition, 'members' | 'admins'>): Promise<Map<string, string>> {
  const where = pool.members ? { $and: [{ active: true }, pool.members] } : { active: true };
  const adminRoles = new Set(['admin', ...(pool.admins ? [pool.admins.roles].flat() : [])]);
  const people = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: { data: UserRow[]; nextCursor: string | null } = await api.post('/records/user/query', { where, limit: 500, ...(cursor ? { cursor } : {}) });
    for (const u of page.data) if (!u.roles?.some((r) => adminRoles.has(r))) people.set(u.id, personName(u));
    cursor = page.nextCursor;
  } while (cursor);
  return people;
}

export interface PersonCount { id: string; name: string; value: number }

/**
 * One bar per person: everyone who holds any, and every member who holds none (at 0, so a
 * manager sees who is idle); most first, ties by name.
 */
export function everyoneCounted(rows: GroupRow[], members: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): PersonCount[] {
  const counts = new Map(rows.filter((r) => r.key).map((r) => [r.key, r.count]));
  const ids = new Set([...counts.keys(), ...members.keys()]);
  return [...ids].map((id) => ({ id, name: members.get(id) ?? names.get(id) ?? id.slice(0, 8), value: counts.get(id) ?? 0 }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}

/** A person's bar with how many of the records it counts the viewer may not read. */
export interface PersonLoad extends PersonCount { hidden: number }

/**
 * What clicking a person's workload bar does: open the list of their held records, which shows
 * only those the viewer may read. A pool administrator's bar counts them all (the server's
 * `/holdings`), so where some are not readable (`visible`, counted by what the viewer reads) the
 * bar says how many, and one holding nothing readable opens no list at all: an empty list under
 * a bar of 12 reads as a wrong count.
 *
 * @example withHidden([{ id: 'u1', name: 'Wu', value: 3 }], [{ key: 'u1', count: 1 }]) // [{ …, hidden: 2 }]
 */
export function withHidden(people: PersonCount[], visible: GroupRow[] | undefined): PersonLoad[] {
  if (!visible) return people.map((p) => ({ ...p, hidden: 0 }));
  const readable = new Map(visible.map((r) => [r.key, r.count]));
  return people.map((p) => ({ ...p, hidden: Math.max(0, p.value - (readable.get(p.id) ?? 0)) }));
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
 * The records a pool counts against its limit, as a filter: private ones of this pool (not of the
 * object's other pools) not in a won stage of the object's pipeline (the server leaves won records
 * out of `maxPerOwner`). `byPool`: the server knows the system field `pool`.
 */
export function heldWhere(poolKey: string, pool: PoolDefinition, document: MetadataDocument, stageField: string | undefined, byPool = true): FilterJson {
  const pipeline = Object.values(document.pipelines ?? {}).find((p) => p.object === pool.object);
  const won = (pipeline?.stages ?? []).filter((s) => s.kind === 'won').map((s) => s.key);
  const field = stageField ?? pipeline?.field;
  return { ...(byPool ? { pool: poolKey } : {}), poolState: 'private', ...(field && won.length > 0 ? { [field]: { $nin: won } } : {}) };
}

/** The periods a leaderboard ranks over. */
export const wonPeriods = ['month', 'quarter', 'year', 'all'] as const;
export type WonPeriod = (typeof wonPeriods)[number];

/**
 * The records won in a period, as a filter: in a won stage, entered (`stageEnteredAt`) since the
 * start of this month, quarter or year in the tenant's time zone, which the server resolves
 * (`startOfMonth`); a quarter starts 0 to 2 months before this month.
 */
export function wonWhere(stageField: string, won: string[], period: WonPeriod, timeZone: string, now = new Date()): FilterJson {
  const inWon = { [stageField]: { $in: won } };
  if (period === 'all') return inWon;
  const month = Number(new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' }).format(now));
  const quarter = (month - 1) % 3 === 0 ? 'startOfMonth' : `startOfMonth-${(month - 1) % 3}M`;
  const since = period === 'month' ? 'startOfMonth' : period === 'year' ? 'startOfYear' : quarter;
  return { ...inWon, stageEnteredAt: { $gte: since } };
}

import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { isPlainObject } from '../../shared/filter-builder/filter-model.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { sortable } from './list-query.ts';

/**
 * What a user set on a list, as the list's address carries it, so that Back, a record's ← and a
 * copied link open the list as it was left:
 * `?where={"city":"南京"}&q=金陵&sort=-roomNights&cols=name,hotel,stage&display=kanban&soon=1`.
 * `where` is the filter the user edits (a dashboard's link sets it too); the other parts of the
 * address (`view`, `owner`) are the page's own and stay as they are.
 */
export interface ListAddress {
  /** The user's filter; `{}` when they cleared the one their view starts with. */
  where?: FilterJson;
  /** The quick search's text. */
  q?: string;
  orderBy?: string;
  columns?: string[];
  display?: 'table' | 'kanban';
  /** 私海: only what goes back to the public pool within the week. */
  soon?: boolean;
}

/** The address's names for the list's state, in the order they are written. */
const stateParams = ['where', 'q', 'sort', 'cols', 'display', 'soon'] as const;

/**
 * A value longer than this stays out of the address (the list still shows it): a link must
 * survive being pasted into a chat, and servers refuse request lines of a few kilobytes.
 */
export const maxParamLength = 2000;

const orderPattern = /^[-+]?[A-Za-z$][\w.$-]*(,[-+]?[A-Za-z$][\w.$-]*)*$/;
const columnPattern = /^[A-Za-z$][\w.$-]*$/;

/**
 * The list's state an address carries; what is missing or malformed is left out.
 *
 * @example readListAddress(new URLSearchParams('sort=-roomNights&soon=1')) // { orderBy: '-roomNights', soon: true }
 */
export function readListAddress(search: URLSearchParams): ListAddress {
  const where = parseWhere(search.get('where'));
  const q = search.get('q');
  const sort = search.get('sort');
  const columns = search.get('cols')?.split(',').filter((c) => columnPattern.test(c));
  const display = search.get('display');
  return {
    ...(where ? { where } : {}),
    ...(q ? { q } : {}),
    ...(sort && orderPattern.test(sort) ? { orderBy: sort } : {}),
    ...(columns && columns.length > 0 ? { columns } : {}),
    ...(display === 'table' || display === 'kanban' ? { display } : {}),
    ...(search.get('soon') === '1' ? { soon: true } : {}),
  };
}

function parseWhere(text: string | null): FilterJson | undefined {
  if (!text) return undefined;
  try {
    const where: unknown = JSON.parse(text);
    return isPlainObject(where) ? where : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The query (`?…`, or '' when nothing is left) of an address showing `shown`: the page's own
 * parameters of `search` kept, each part of the list's state written only where it differs from
 * `start` (what the list shows by itself), and one too long to carry left out.
 *
 * @example
 * listAddressQuery(new URLSearchParams('view=hot'), { orderBy: 'name', q: '' }, { orderBy: '-createdAt', q: '' })
 * // '?view=hot&sort=name'
 */
export function listAddressQuery(search: URLSearchParams, shown: ListAddress, start: ListAddress): string {
  // The page's own parameters as `paths` writes them (`view=my%3A…`).
  const own = new URLSearchParams([...search].filter(([name]) => !(stateParams as readonly string[]).includes(name))).toString();
  const parts = own ? [own] : [];
  const values: Record<(typeof stateParams)[number], string | undefined> = {
    where: changed(shown.where ?? {}, start.where ?? {}) ? JSON.stringify(shown.where ?? {}) : undefined,
    q: shown.q && shown.q !== (start.q ?? '') ? shown.q : undefined,
    sort: shown.orderBy && shown.orderBy !== start.orderBy ? shown.orderBy : undefined,
    cols: shown.columns && changed(shown.columns, start.columns) ? shown.columns.join(',') : undefined,
    display: shown.display && shown.display !== start.display ? shown.display : undefined,
    soon: shown.soon && !start.soon ? '1' : undefined,
  };
  for (const name of stateParams) {
    const value = values[name];
    if (value !== undefined && value.length <= maxParamLength) parts.push(`${name}=${readable(value)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** An address without the list's state: the list as its view (or navigation entry) shows it. */
export function withoutListState(address: string): string {
  const [path = '', query = ''] = address.split('?', 2);
  const kept = listAddressQuery(new URLSearchParams(query.split('#', 1)[0]), {}, {});
  return `${path}${kept}`;
}

/**
 * The order an address names, where the server can sort by it (a column header could have set
 * it); else the list's own.
 */
export function orderFits(object: ObjectInfo, orderBy: string | undefined, fallback: string): string {
  if (!orderBy || orderBy === fallback) return fallback;
  const fits = orderBy.split(',').every((part) => sortable(object.fieldMap.get(part.replace(/^[-+]/, ''))));
  return fits ? orderBy : fallback;
}

function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/**
 * Percent-encoding that leaves the filter's punctuation readable (`where={"city":…}`), and
 * encodes what would end or change the value (`&`, `#`, `+`, `%`, spaces).
 */
function readable(value: string): string {
  return encodeURIComponent(value).replace(/%(7B|7D|5B|5D|3A|2C|24|40|2F)/g, (escape) => decodeURIComponent(escape));
}

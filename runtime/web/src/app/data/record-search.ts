import type { ApiClient } from '../../shared/api-client.ts';
import { ApiError } from '../../shared/api-client.ts';
import type { FormatContext } from '../metadata/format-value.ts';
import { recordTitle } from '../metadata/format-value.ts';

export interface RecordOption {
  id: string;
  title: string;
}

interface Page { data: Array<Record<string, unknown>>; nextCursor?: string | null; skipped?: number }

/** What a search for a new record's lookup found: the records it may point at, and how many others it read and left out. */
export interface LinkableOptions {
  options: RecordOption[];
  leftOut: number;
}

/**
 * Whether the caller may create a record of `link` (`visit.lead`: object and lookup field)
 * pointing at record `id` of `target`: the server's `Shoal-Creatable` on it (`include=creatable`),
 * by their create rules applied to such a record.
 */
export async function acceptsLink(api: ApiClient, target: string, id: string, link: string): Promise<boolean> {
  const answer = await api.getWithHeaders(`/records/${target}/${id}`, { fields: 'id', include: 'creatable' });
  return (answer.headers.get('shoal-creatable') ?? '').split(',').map((c) => c.trim()).includes(link);
}

/**
 * Searches records of a lookup target by its title field (`$contains`), or users by name
 * where the server lets the caller list them. Used by the lookup widget and the filter builder.
 * `searchLinkable` is the search of a new record's lookup: only the records the caller may
 * create it on (a BD's visit: their own leads, not the public ones they can read).
 */
export function recordSearcher(api: ApiClient, ctx: FormatContext) {
  // `linkable` (`visit.lead`): only the records the caller may create that record on, the server
  // checking each as Shoal-Creatable does, in this one request; `skipped` says how many it left out.
  const searchPage = async (target: string, text: string, linkable?: string): Promise<{ options: RecordOption[]; skipped: number }> => {
    const object = ctx.objects.get(target);
    if (!object) return { options: [], skipped: 0 };
    const titleField = object.titleField && object.fieldMap.get(object.titleField)?.readable ? object.titleField : undefined;
    const textual = titleField && ['text', 'textarea', 'email', 'phone', 'url', 'autonumber'].includes(object.fieldMap.get(titleField)!.type);
    const where = text && textual ? { [titleField]: { $contains: text } } : undefined;
    const page = await api.get<Page>(`/records/${target}`, {
      where, limit: 20, orderBy: textual ? titleField : '-updatedAt', ...(titleField ? { fields: titleField } : {}), ...(linkable ? { linkable } : {}),
    });
    return { options: page.data.map((r) => ({ id: String(r.id), title: recordTitle(object, r, ctx) })), skipped: page.skipped ?? 0 };
  };
  const search = async (target: string, text: string): Promise<RecordOption[]> =>
    (target === 'user' ? searchUsers(api, text) : (await searchPage(target, text)).options);
  const searchLinkable = async (target: string, text: string, link: string): Promise<LinkableOptions> => {
    if (target === 'user') return { options: await searchUsers(api, text), leftOut: 0 };
    const { options, skipped } = await searchPage(target, text, link);
    return { options, leftOut: skipped };
  };
  const resolve = async (target: string, ids: string[]): Promise<RecordOption[]> => {
    const wanted = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (wanted.length === 0) return [];
    if (target === 'user') return searchUsers(api, '', wanted);
    const object = ctx.objects.get(target);
    if (!object) return [];
    const page = await api.get<Page>(`/records/${target}`, { where: { id: { $in: wanted } }, limit: Math.min(500, wanted.length) });
    return page.data.map((r) => ({ id: String(r.id), title: recordTitle(object, r, ctx) }));
  };
  return { search, searchLinkable, resolve };
}

/** A colleague as found for a picker ("王磊 <bd3@hotel.demo>"), as a sentence names them ("王磊"). */
export function personName(title: string): string {
  return title.replace(/ <[^<>]*>$/, '');
}

/**
 * Colleagues by name or e-mail: the read-only `user` object of the records API, which every
 * signed-in user may read (names for owner pickers, assignment and history); `/users` (admins
 * only) on a server without it.
 */
async function searchUsers(api: ApiClient, text: string, ids?: string[]): Promise<RecordOption[]> {
  const where = ids ? { id: { $in: ids } }
    : text ? { active: true, $or: [{ name: { $contains: text } }, { email: { $contains: text } }] } : { active: true };
  try {
    const page = await api.get<{ data: Array<{ id: string; name: string; email: string }> }>('/records/user', { where, limit: ids ? Math.min(500, ids.length) : 50 });
    return page.data.map((u) => ({ id: u.id, title: u.name ? `${u.name} <${u.email}>` : u.email }));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  try {
    const page = await api.get<{ data: Array<{ id: string; name: string; email: string; active?: boolean }> }>('/users', { q: text || undefined, limit: 50, active: true });
    return page.data.filter((u) => !ids || ids.includes(u.id)).map((u) => ({ id: u.id, title: u.name ? `${u.name} <${u.email}>` : u.email }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

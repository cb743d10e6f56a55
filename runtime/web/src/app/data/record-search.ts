import type { ApiClient } from '../../shared/api-client.ts';
import { ApiError } from '../../shared/api-client.ts';
import type { FormatContext } from '../metadata/format-value.ts';
import { recordTitle } from '../metadata/format-value.ts';

export interface RecordOption {
  id: string;
  title: string;
}

interface Page { data: Array<Record<string, unknown>> }

/**
 * Searches records of a lookup target by its title field (`$contains`), or users by name
 * where the server lets the caller list them. Used by the lookup widget and the filter builder.
 */
export function recordSearcher(api: ApiClient, ctx: FormatContext) {
  const search = async (target: string, text: string): Promise<RecordOption[]> => {
    if (target === 'user') return searchUsers(api, text);
    const object = ctx.objects.get(target);
    if (!object) return [];
    const titleField = object.titleField && object.fieldMap.get(object.titleField)?.readable ? object.titleField : undefined;
    const textual = titleField && ['text', 'textarea', 'email', 'phone', 'url', 'autonumber'].includes(object.fieldMap.get(titleField)!.type);
    const where = text && textual ? { [titleField]: { $contains: text } } : undefined;
    const page = await api.get<Page>(`/records/${target}`, {
      where, limit: 20, orderBy: textual ? titleField : '-updatedAt', ...(titleField ? { fields: titleField } : {}),
    });
    return page.data.map((r) => ({ id: String(r.id), title: recordTitle(object, r, ctx) }));
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
  return { search, resolve };
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

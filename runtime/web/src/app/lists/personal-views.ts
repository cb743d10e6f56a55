import { ApiError, type ApiClient } from '../../shared/api-client.ts';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';

/** A view a user saved for themself (kept on the server, `/me/views/{object}`). */
export interface PersonalView {
  id: string;
  label: string;
  where?: FilterJson;
  orderBy?: string;
  columns?: string[];
  display?: 'table' | 'kanban';
}

/** A view as the server keeps it: what it shows is its `definition`. */
interface StoredView {
  id: string;
  label: string;
  definition: Omit<PersonalView, 'id' | 'label'>;
}

const viewsPath = (object: string) => `/me/views/${encodeURIComponent(object)}`;

function fromStored(view: StoredView): PersonalView {
  return { id: view.id, label: view.label, ...view.definition };
}

function definitionOf(view: Omit<PersonalView, 'id' | 'label'>): StoredView['definition'] {
  return {
    ...(view.where ? { where: view.where } : {}), ...(view.orderBy ? { orderBy: view.orderBy } : {}),
    ...(view.columns ? { columns: view.columns } : {}), ...(view.display ? { display: view.display } : {}),
  };
}

/** The caller's views of an object, in their order. */
export async function fetchPersonalViews(api: ApiClient, object: string): Promise<PersonalView[]> {
  return (await api.get<{ data: StoredView[] }>(viewsPath(object))).data.map(fromStored);
}

export async function createPersonalView(api: ApiClient, object: string, view: Omit<PersonalView, 'id'>): Promise<PersonalView> {
  return fromStored(await api.post<StoredView>(viewsPath(object), { label: view.label, definition: definitionOf(view) }));
}

/** Saves what a view shows now into it (the last save wins, as the toolbar has no merge to offer). */
export async function changePersonalView(api: ApiClient, object: string, view: PersonalView): Promise<PersonalView> {
  return fromStored(await api.patch<StoredView>(`${viewsPath(object)}/${encodeURIComponent(view.id)}`, { definition: definitionOf(view) }));
}

export async function renamePersonalView(api: ApiClient, object: string, id: string, label: string): Promise<PersonalView> {
  return fromStored(await api.patch<StoredView>(`${viewsPath(object)}/${encodeURIComponent(id)}`, { label }));
}

/** Puts the caller's views in the order of `ids`, which names each of them once (409 `conflict` when they changed since read). */
export async function reorderPersonalViews(api: ApiClient, object: string, ids: string[]): Promise<PersonalView[]> {
  return (await api.put<{ data: StoredView[] }>(`${viewsPath(object)}/order`, { ids })).data.map(fromStored);
}

export async function deletePersonalView(api: ApiClient, object: string, id: string): Promise<void> {
  await api.delete(`${viewsPath(object)}/${encodeURIComponent(id)}`);
}

/** Where views were kept before the server had them: this browser only, per tenant, user and object. */
const legacyKey = (tenant: string, userId: string, object: string) => `shoal.views.${tenant}.${userId}.${object}`;

function loadLegacyViews(key: string): PersonalView[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter(isView) : [];
  } catch {
    return [];
  }
}

function isView(value: unknown): value is PersonalView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.label === 'string';
}

/** Labels are at most this long on the server (platform/views/view-definition.ts). */
const maxLabelLength = 100;

/** A view without the parts a refusal names (`/definition/columns/2`, `/definition/where/…`), its label cut to what the server takes. */
function withoutRefused(view: PersonalView, refusal: ApiError): Omit<PersonalView, 'id'> {
  const paths = refusal.errors.map((e) => e.path);
  // A refusal that names nothing in particular: the view's fields are what may have gone.
  const refused = (part: string) => paths.length === 0 ? part !== 'display' : paths.some((p) => p === '/definition' || p === `/definition/${part}` || p.startsWith(`/definition/${part}/`));
  // Columns go one by one where the refusal names them one by one.
  const columns = paths.length === 0 || paths.includes('/definition') || paths.includes('/definition/columns')
    ? [] : (view.columns ?? []).filter((_, i) => !paths.includes(`/definition/columns/${i}`));
  return {
    label: [...view.label.trim()].slice(0, maxLabelLength).join(''),
    ...(view.where && !refused('where') ? { where: view.where } : {}),
    ...(view.orderBy && !refused('orderBy') ? { orderBy: view.orderBy } : {}),
    ...(columns.length > 0 ? { columns } : {}),
    ...(view.display && !refused('display') ? { display: view.display } : {}),
  };
}

/**
 * Creates `view` without what `refusal` names; the server checks the label, the filter and the
 * fields in turn, so each try may name another part (three parts, three tries at most). `keep`
 * when it failed for a reason another visit may not meet (offline, the limit): the browser keeps
 * it as it was; `drop` when it cannot be saved (or a view of its cut label is there already).
 */
async function createSalvaged(api: ApiClient, object: string, view: PersonalView, refusal: ApiError): Promise<PersonalView | 'keep' | 'drop'> {
  let current: PersonalView = { id: view.id, ...withoutRefused(view, refusal) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await createPersonalView(api, object, current);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'duplicate') return 'drop';
      if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) return 'keep';
      current = { id: view.id, ...withoutRefused(current, error) };
    }
  }
  return 'drop';
}

/** The caller's views, and the new id of each view this browser had kept (an address may still name `my:<old id>`). */
export interface SyncedViews {
  views: PersonalView[];
  movedIds: Map<string, string>;
}

/**
 * The caller's views of an object, after uploading the ones this browser still keeps from before
 * (once: a label the server already has is skipped, as that view is there). Uploaded and skipped
 * views leave this browser; one the server refuses for what it holds is saved without the parts
 * refused; one refused for another reason (offline, the limit) stays to be tried again next time.
 */
export async function syncPersonalViews(api: ApiClient, tenant: string, userId: string, object: string): Promise<SyncedViews> {
  const views = await fetchPersonalViews(api, object);
  const key = legacyKey(tenant, userId, object);
  const legacy = loadLegacyViews(key);
  const movedIds = new Map<string, string>();
  if (legacy.length === 0) return { views, movedIds };
  const kept: PersonalView[] = [];
  let raced = false;
  for (const view of legacy) {
    if (views.some((v) => v.label === view.label.trim())) continue;
    try {
      views.push(await createPersonalView(api, object, view));
    } catch (error) {
      // Another tab uploading the same views at once: the server has this one now.
      if (error instanceof ApiError && error.code === 'duplicate') raced = true;
      else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        // Refused for what it holds, which trying again would not change (a label longer than the
        // server takes, a column or filter on a field since removed or hidden): saved once more
        // without the parts refused, so the user still finds it by name (and its old address).
        const salvaged = await createSalvaged(api, object, view, error);
        if (salvaged === 'keep') kept.push(view);
        else if (salvaged !== 'drop') {
          views.push(salvaged);
          movedIds.set(view.id, salvaged.id);
        }
      } else kept.push(view);
    }
  }
  if (kept.length > 0) localStorage.setItem(key, JSON.stringify(kept));
  else localStorage.removeItem(key);
  const synced = raced ? await fetchPersonalViews(api, object) : views;
  for (const view of legacy) {
    const now = synced.find((v) => v.label === view.label.trim());
    if (now && !movedIds.has(view.id)) movedIds.set(view.id, now.id);
  }
  return { views: synced, movedIds };
}

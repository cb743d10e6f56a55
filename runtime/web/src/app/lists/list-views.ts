import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel, type UiLocale } from '../../shared/labels.ts';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { objectLabel, visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';
import type { ListSpec } from './list-query.ts';
import type { PersonalView } from './personal-views.ts';

/** The starting point of a list: which view, its filter, order, columns and display. */
export interface BaseView {
  key: string | undefined;
  label: string;
  where?: FilterJson;
  orderBy: string;
  columns: string[];
  display: 'table' | 'kanban';
  personal: boolean;
}

export interface ViewChoice {
  key: string;
  label: string;
  personal: boolean;
}

/** Saved views of this object the caller's roles may see. */
export function savedViewsOf(document: MetadataDocument, object: string, roles: string[], locale: UiLocale): ViewChoice[] {
  return Object.entries(document.views ?? {})
    .filter(([, v]) => v.object === object && (!v.roles || v.roles.length === 0 || roles.includes('admin') || v.roles.some((r) => roles.includes(r))))
    .map(([key, v]) => ({ key, label: keyLabel(v.label, locale, key), personal: false }));
}

export const personalKey = (id: string) => `my:${id}`;

/** Resolves `?view=`: a saved view (if visible), a personal view (`my:<id>`), or the object's own layout. */
export function resolveView(object: ObjectInfo, document: MetadataDocument, roles: string[], viewKey: string | undefined, personal: PersonalView[], locale: UiLocale): BaseView {
  const layout = document.layouts?.[object.key]?.list;
  const fallbackOrder = layout?.orderBy ?? '-createdAt';
  const base: BaseView = {
    key: undefined, label: objectLabel(object, locale, true), orderBy: fallbackOrder,
    columns: visibleColumns(object, layout?.columns), display: 'table', personal: false,
  };
  if (!viewKey) return base;
  if (viewKey.startsWith('my:')) {
    const view = personal.find((v) => personalKey(v.id) === viewKey);
    if (!view) return base;
    return {
      key: viewKey, label: view.label, ...(view.where ? { where: view.where } : {}), orderBy: view.orderBy ?? fallbackOrder,
      columns: visibleColumns(object, view.columns ?? layout?.columns), display: view.display === 'kanban' && object.stageField ? 'kanban' : 'table', personal: true,
    };
  }
  const visible = savedViewsOf(document, object.key, roles, locale).some((v) => v.key === viewKey);
  const view = document.views?.[viewKey];
  if (!visible || !view) return base;
  return {
    key: viewKey, label: keyLabel(view.label, locale, viewKey), ...(view.where ? { where: view.where } : {}),
    orderBy: view.orderBy ?? fallbackOrder, columns: visibleColumns(object, view.columns ?? layout?.columns),
    display: view.display === 'kanban' && object.stageField ? 'kanban' : 'table', personal: false,
  };
}

/**
 * What the list starts from and what the user edits: a shared view's own filter is applied
 * beneath the user's (and shown read-only); a personal view's filter is the user's to change.
 */
export function startingSpec(view: BaseView): { fixedWhere: FilterJson | undefined; draft: ListSpec } {
  const draft: ListSpec = { orderBy: view.orderBy, columns: view.columns, display: view.display, ...(view.personal && view.where ? { where: view.where } : {}) };
  return { fixedWhere: view.personal ? undefined : view.where, draft };
}

/** Whether a personal view has been changed on screen since it was saved (its filter, order, columns or board). */
export function personalViewChanged(view: BaseView, draft: ListSpec): boolean {
  if (!view.personal) return false;
  const saved = startingSpec(view).draft;
  const key = (spec: ListSpec) => JSON.stringify([spec.where ?? null, spec.orderBy, spec.columns, spec.display]);
  return key(saved) !== key(draft);
}

/** A personal view saved with what the list shows now. */
export function personalViewOf(id: string, label: string, spec: ListSpec): PersonalView {
  return { id, label, ...(spec.where ? { where: spec.where } : {}), orderBy: spec.orderBy, columns: spec.columns, display: spec.display };
}

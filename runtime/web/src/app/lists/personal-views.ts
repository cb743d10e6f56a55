import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';

/** A view a user saved for themself (kept in this browser). */
export interface PersonalView {
  id: string;
  label: string;
  where?: FilterJson;
  orderBy?: string;
  columns?: string[];
  display?: 'table' | 'kanban';
}

const storageKey = (tenant: string, userId: string, object: string) => `shoal.views.${tenant}.${userId}.${object}`;

export function loadPersonalViews(tenant: string, userId: string, object: string): PersonalView[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(tenant, userId, object)) ?? '[]');
    return Array.isArray(value) ? value.filter(isView) : [];
  } catch {
    return [];
  }
}

export function savePersonalViews(tenant: string, userId: string, object: string, views: PersonalView[]): void {
  localStorage.setItem(storageKey(tenant, userId, object), JSON.stringify(views));
}

function isView(value: unknown): value is PersonalView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.label === 'string';
}

import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel, labelOf, type UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import { componentEnabled, objectLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { parseAppPath, paths } from '../routing/app-routes.ts';
import { mayRunSomeRule } from '../assignment/assignment-text.ts';
import { withoutListState } from '../lists/list-url-state.ts';

export type NavIcon = 'workOrders' | 'assignmentRules' | 'myPool' | 'publicPool' | 'notifications' | 'object' | 'view' | 'kanban' | 'dashboards';

export interface NavEntry {
  key: string;
  label: string;
  path: string;
  icon: NavIcon;
  /** An object's own icon (`objects.*.icon`, see shared/object-icons), shown instead of `icon` when the app knows it. */
  objectIcon?: string;
}

export interface NavSection {
  key: 'work' | 'objects' | 'views' | 'insight';
  title: string;
  entries: NavEntry[];
}

export interface NavInput {
  tenant: string;
  objects: ObjectInfo[];
  document: MetadataDocument;
  roles: string[];
  locale: UiLocale;
}

/**
 * The app's navigation, from what the caller may read and what the tenant switched on:
 * work first (work orders, pools, notifications), then records, saved views, dashboards.
 */
export function buildNavigation(input: NavInput): NavSection[] {
  const { tenant, objects, document, roles, locale } = input;
  const byKey = new Map(objects.map((o) => [o.key, o]));
  const t = (key: Parameters<typeof translate>[0]) => translate(key, locale);
  const work: NavEntry[] = [];
  if (componentEnabled(document, 'workOrders')) work.push({ key: 'workOrders', label: t('workOrders'), path: paths.workOrders(tenant), icon: 'workOrders' });
  if (componentEnabled(document, 'assignment') && mayRunSomeRule(document, roles, objects)) {
    work.push({ key: 'assignmentRules', label: t('assignmentRules'), path: paths.assignmentRules(tenant), icon: 'assignmentRules' });
  }
  if (componentEnabled(document, 'pools')) {
    for (const [key, pool] of Object.entries(document.pools ?? {})) {
      const object = byKey.get(pool.object);
      if (!object || !worksInPool(object, pool, roles)) continue;
      const name = poolLabel(pool, key, object, locale, Object.keys(document.pools ?? {}).length > 1);
      work.push({ key: `mine:${key}`, label: `${t('myPool')}${name}`, path: paths.myPool(tenant, key), icon: 'myPool' });
      work.push({ key: `public:${key}`, label: `${t('publicPool')}${name}`, path: paths.publicPool(tenant, key), icon: 'publicPool' });
    }
  }
  work.push({ key: 'notifications', label: t('notifications'), path: paths.notifications(tenant), icon: 'notifications' });

  const records: NavEntry[] = objects.map((o) => {
    const objectIcon = document.objects[o.key]?.icon;
    return { key: `object:${o.key}`, label: objectLabel(o, locale, true), path: paths.list(tenant, o.key), icon: 'object', ...(objectIcon ? { objectIcon } : {}) };
  });

  const views: NavEntry[] = Object.entries(document.views ?? {})
    .filter(([, view]) => byKey.has(view.object) && (!view.roles || view.roles.length === 0 || roles.includes('admin') || view.roles.some((r) => roles.includes(r))))
    .map(([key, view]) => ({
      key: `view:${key}`, label: keyLabel(view.label, locale, key), path: paths.list(tenant, view.object, key),
      icon: view.display === 'kanban' ? 'kanban' as const : 'view' as const,
    }));

  const insight: NavEntry[] = [];
  const hasStats = objects.some((o) => o.pipeline || o.pools.length > 0);
  if (componentEnabled(document, 'reports') && hasStats) insight.push({ key: 'dashboards', label: t('dashboards'), path: paths.dashboards(tenant), icon: 'dashboards' });

  const sections: NavSection[] = [
    { key: 'work', title: t('navWork'), entries: work },
    { key: 'objects', title: t('navObjects'), entries: records },
    { key: 'views', title: t('navViews'), entries: views },
    { key: 'insight', title: t('navInsight'), entries: insight },
  ];
  return sections.filter((s) => s.entries.length > 0);
}

/** Who works a pool: those who may claim from it, its administrators, and tenant admins. */
export function worksInPool(object: ObjectInfo, pool: PoolDefinition, roles: string[]): boolean {
  const adminRoles = pool.admins ? [pool.admins.roles].flat() : [];
  return roles.includes('admin') || object.actions.includes('claim') || adminRoles.some((r) => roles.includes(r));
}

export function isPoolAdmin(pool: PoolDefinition, roles: string[]): boolean {
  const adminRoles = pool.admins ? [pool.admins.roles].flat() : [];
  return roles.includes('admin') || adminRoles.some((r) => roles.includes(r));
}

/**
 * Whether to offer extending a hold of the pool: its administrators (tenant admins among them)
 * extend anyone's, the holder their own where `extension.by` names the owner; none where the
 * pool allows no extensions.
 *
 * @example mayExtendHold(leadPool, ['manager'], false) // true: manager administers leadPool
 */
export function mayExtendHold(pool: PoolDefinition, roles: string[], mine: boolean): boolean {
  if (!pool.extension || pool.extension.maxTimes <= 0) return false;
  return isPoolAdmin(pool, roles) || (mine && (pool.extension.by ?? ['owner', 'manager']).includes('owner'));
}

function poolLabel(pool: PoolDefinition, key: string, object: ObjectInfo, locale: UiLocale, several: boolean): string {
  if (!several) return '';
  return ` · ${labelOf(pool.label, locale, objectLabel(object, locale) || key)}`;
}

/**
 * Where "home" leads: the first work entry with a queue, else the first list. Work orders are
 * no queue for someone outside every pool when every assignment rule hands records out through
 * a pool (an operator's would stay empty for ever): they start at the records.
 */
export function homePath(sections: NavSection[], document: MetadataDocument): string | undefined {
  const entries = sections.find((s) => s.key === 'work')?.entries ?? [];
  const inAPool = entries.some((e) => e.icon === 'myPool' || e.icon === 'publicPool');
  const ordersNeedAPool = Object.values(document.assignmentRules ?? {}).every((rule) => !!rule.pool);
  const noOrders = !inAPool && ordersNeedAPool && componentEnabled(document, 'pools') && Object.keys(document.pools ?? {}).length > 0;
  // Notifications and the rules page are places to visit, not a queue to start the day at.
  const work = entries.find((e) => e.icon !== 'notifications' && e.icon !== 'assignmentRules' && !(noOrders && e.icon === 'workOrders'));
  return work?.path ?? sections.find((s) => s.key === 'objects')?.entries[0]?.path;
}

/** Screens a record is opened from that its ← may lead back to: lists and queues, not another record. */
const listScreens = new Set(['list', 'publicPool', 'myPool', 'workOrders', 'notifications', 'dashboards']);

/**
 * Where a record's ← leads, and what it says: back to the list or queue it was opened from (`from`,
 * with that page's filters), named as the navigation names it (私海, a saved view, 工单); else to
 * `fallback` (its object's list). A list the navigation does not name (filters of one's own) is
 * named by the fallback when it is the record's own object's list.
 *
 * @example
 * backLink('/app/hotel/pools/leadPool/mine?sort=hold', sections, 'hotel', { path: '/app/hotel/o/lead', label: '线索' })
 * // { path: '/app/hotel/pools/leadPool/mine?sort=hold', label: '私海' }
 */
export function backLink(from: string | undefined, sections: NavSection[], tenant: string, fallback: { path: string; label: string }): { path: string; label: string } {
  if (!from) return fallback;
  const route = parseAppPath(from);
  if (!listScreens.has(route.name) || !('tenant' in route) || route.tenant !== tenant) return fallback;
  const entries = sections.flatMap((s) => s.entries);
  const pathname = from.split(/[?#]/, 1)[0];
  // A view's entry names it however the user has filtered or sorted it since.
  const viewed = withoutListState(from);
  const entry = entries.find((e) => e.path === from || e.path === viewed) ?? entries.find((e) => !e.path.includes('?') && e.path === pathname);
  if (entry) return { path: from, label: entry.label };
  return pathname === fallback.path ? { path: from, label: fallback.label } : fallback;
}

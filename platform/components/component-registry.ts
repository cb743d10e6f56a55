/**
 * Feature components a tenant switches on in `components.enabled`. A component that is off has
 * no endpoints, no OpenAPI section and no screens. Adding one is an entry here plus its route
 * module in the runtime's component table (which the type checker makes complete).
 */
export const componentKeys = ['pools', 'visits', 'assignment', 'workOrders', 'reports', 'import', 'webhooks'] as const;
export type ComponentKey = (typeof componentKeys)[number];

export interface ComponentDefinition {
  key: ComponentKey;
  label: { en: string; zh: string };
  description: string;
  /** Components this one needs switched on too. */
  requires: ComponentKey[];
}

export const components: Record<ComponentKey, ComponentDefinition> = {
  pools: { key: 'pools', label: { en: 'Lead pools', zh: '公海私海' }, description: 'Public and private pools: claim, release, assign, extend, sweep.', requires: [] },
  visits: { key: 'visits', label: { en: 'Visits', zh: '拜访' }, description: 'Visits move the pool’s no-visit clock.', requires: ['pools'] },
  assignment: { key: 'assignment', label: { en: 'Assignment rules', zh: '分配规则' }, description: 'Rules that allocate records to people.', requires: ['pools', 'workOrders'] },
  workOrders: { key: 'workOrders', label: { en: 'Work orders', zh: '工单' }, description: 'Prioritised queues of work per person.', requires: [] },
  reports: { key: 'reports', label: { en: 'Reports', zh: '报表' }, description: 'Funnels, pool health, workload and leaderboards.', requires: [] },
  import: { key: 'import', label: { en: 'Import and export', zh: '导入导出' }, description: 'CSV import jobs and CSV export.', requires: [] },
  webhooks: { key: 'webhooks', label: { en: 'Webhooks', zh: 'Webhook' }, description: 'Signed event deliveries to integrators.', requires: [] },
};

export function isComponentKey(key: string): key is ComponentKey {
  return (componentKeys as readonly string[]).includes(key);
}

/** The enabled set of a document; a document without `components` has every component on. */
export function enabledComponents(enabled: readonly string[] | undefined): Set<ComponentKey> {
  if (!enabled) return new Set(componentKeys);
  return new Set(enabled.filter(isComponentKey));
}

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
  /** What it adds, in the studio's two languages. */
  description: { en: string; zh: string };
  /** Components this one needs switched on too. */
  requires: ComponentKey[];
}

export const components: Record<ComponentKey, ComponentDefinition> = {
  pools: { key: 'pools', label: { en: 'Lead pools', zh: '公海私海' }, description: { en: 'Public and private pools: claim, release, assign, extend, sweep.', zh: '公海与私海：领取、释放、分配、延期、自动回收。' }, requires: [] },
  visits: { key: 'visits', label: { en: 'Visits', zh: '拜访' }, description: { en: 'Visits move the pool’s no-visit clock.', zh: '拜访记录会重置公海的未拜访计时。' }, requires: ['pools'] },
  assignment: { key: 'assignment', label: { en: 'Assignment rules', zh: '分配规则' }, description: { en: 'Rules that allocate records to people.', zh: '把记录分给人员的规则。' }, requires: ['pools', 'workOrders'] },
  workOrders: { key: 'workOrders', label: { en: 'Work orders', zh: '工单' }, description: { en: 'Prioritised queues of work per person.', zh: '每人一份按优先级排列的待办工单。' }, requires: [] },
  reports: { key: 'reports', label: { en: 'Reports', zh: '报表' }, description: { en: 'Funnels, pool health, workload and leaderboards.', zh: '漏斗、公海健康度、工作量和排行榜。' }, requires: [] },
  import: { key: 'import', label: { en: 'Import and export', zh: '导入导出' }, description: { en: 'CSV import jobs and CSV export.', zh: 'CSV 导入任务和 CSV 导出。' }, requires: [] },
  webhooks: { key: 'webhooks', label: { en: 'Webhooks', zh: 'Webhook' }, description: { en: 'Signed event deliveries to integrators.', zh: '向集成方推送带签名的事件。' }, requires: [] },
};

export function isComponentKey(key: string): key is ComponentKey {
  return (componentKeys as readonly string[]).includes(key);
}

/** The enabled set of a document; a document without `components` has every component on. */
export function enabledComponents(enabled: readonly string[] | undefined): Set<ComponentKey> {
  if (!enabled) return new Set(componentKeys);
  return new Set(enabled.filter(isComponentKey));
}

import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { queueOrder, type WorkOrder } from './work-order-types.ts';

/** My open work orders (paged), the titles of their records, and closing one. */
export function useWorkOrders(filter?: (order: WorkOrder) => boolean) {
  const { api, resolve } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>('/work-orders', { assignee: 'me', state: 'open', limit: 50, cursor }), [api]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const orders = (pages.records as unknown as WorkOrder[]).filter((o) => !filter || filter(o)).sort(queueOrder);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());

  const missingKey = orders.filter((o) => !titles.has(o.recordId)).map((o) => `${o.object}:${o.recordId}`).join(',');
  useEffect(() => {
    if (!missingKey) return;
    const byObject = new Map<string, string[]>();
    for (const part of missingKey.split(',')) {
      const [object, id] = part.split(':') as [string, string];
      byObject.set(object, [...(byObject.get(object) ?? []), id]);
    }
    for (const [object, ids] of byObject) {
      resolve(object, ids).then((found) => setTitles((prev) => new Map([...prev, ...found.map((r) => [r.id, r.title] as const)])), () => undefined);
    }
  }, [missingKey, resolve]);

  const close = async (order: WorkOrder, state: 'done' | 'skipped', outcome: string) => {
    try {
      await api.patch(`/work-orders/${order.id}`, { state, ...(outcome ? { outcome } : {}) });
      pages.replace(order.id, null as ApiRecord | null);
      void message.success(t(state === 'done' ? 'workOrderDone' : 'workOrderSkipped'));
    } catch (error) {
      void message.error(errorText(error, locale));
      throw error;
    }
  };

  return { pages, orders, titles, close };
}

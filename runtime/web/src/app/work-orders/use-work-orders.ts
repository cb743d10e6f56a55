import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { queueOrder, type WorkOrder } from './work-order-types.ts';

/** My open work orders (paged: the next page from `nextCursor` on "Load more"), their records' titles, and closing one. */
export function useWorkOrders() {
  const { api } = useSession();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>('/work-orders', { assignee: 'me', state: 'open', limit: 50, cursor }), [api]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const orders = (pages.records as unknown as WorkOrder[]).slice().sort(queueOrder);
  const titles = useRecordTitles(orders);
  const close = useCloseWorkOrder((order) => pages.replace(order.id, null as ApiRecord | null));
  return { pages, orders, titles, close };
}

/**
 * My open work orders on one record, wherever they are in my queue (`?recordId`; a record has
 * a handful at most, so one page of the largest size holds them).
 */
export function useRecordWorkOrders(recordId: string) {
  const { api } = useSession();
  const [state, setState] = useState<{ loading: boolean; error: unknown; orders: WorkOrder[] }>({ loading: true, error: undefined, orders: [] });
  useEffect(() => {
    let cancelled = false;
    setState({ loading: true, error: undefined, orders: [] });
    api.get<Page>('/work-orders', { assignee: 'me', state: 'open', recordId, limit: 500 }).then((page) => {
      if (!cancelled) setState({ loading: false, error: undefined, orders: (page.data as unknown as WorkOrder[]).slice().sort(queueOrder) });
    }, (error: unknown) => {
      if (!cancelled) setState({ loading: false, error, orders: [] });
    });
    return () => { cancelled = true; };
  }, [api, recordId]);
  const titles = useRecordTitles(state.orders);
  const close = useCloseWorkOrder((order) => setState((prev) => ({ ...prev, orders: prev.orders.filter((o) => o.id !== order.id) })));
  return { loading: state.loading, error: state.error, orders: state.orders, titles, close };
}

/** The titles of the orders' records (resolved in one request per object). */
function useRecordTitles(orders: WorkOrder[]): Map<string, string> {
  const { resolve } = useSession();
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
  return titles;
}

/** Done / skip with an outcome; `onClosed` takes the order off the list shown. */
function useCloseWorkOrder(onClosed: (order: WorkOrder) => void) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return async (order: WorkOrder, state: 'done' | 'skipped', outcome: string) => {
    try {
      await api.patch(`/work-orders/${order.id}`, { state, ...(outcome ? { outcome } : {}) });
      onClosed(order);
      void message.success(t(state === 'done' ? 'workOrderDone' : 'workOrderSkipped'));
    } catch (error) {
      void message.error(errorText(error, locale));
      throw error;
    }
  };
}

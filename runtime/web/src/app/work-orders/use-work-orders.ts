import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { queueOrder, type WorkOrder, type WorkOrderState, type WorkQueue } from './work-order-types.ts';

/**
 * A person's work orders in one state (paged: the next page from `nextCursor` on "Load more"),
 * their records' titles, and closing or reopening one. The open queue and `all` go by priority;
 * done and skipped ones come as the server sends them, the last closed first.
 */
export function useWorkOrders(assignee: string, state: WorkOrderState) {
  const { api } = useSession();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>('/work-orders', { assignee, state, limit: 50, cursor }), [api, assignee, state]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const loaded = pages.records as unknown as WorkOrder[];
  const orders = state === 'open' || state === 'all' ? loaded.slice().sort(queueOrder) : loaded;
  const titles = useRecordTitles(orders);
  // An order that leaves the state shown leaves the list; under "all" it stays, changed.
  const close = useCloseWorkOrder((order, changed) => pages.replace(order.id, state === 'all' ? changed as unknown as ApiRecord : null));
  return { pages, orders, titles, close };
}

/** The queues the viewer may look at, theirs first (`GET /work-orders/queues`); reloaded with `reload`. */
export function useWorkQueues() {
  const { api } = useSession();
  const [state, setState] = useState<{ queues: WorkQueue[]; tick: number }>({ queues: [], tick: 0 });
  useEffect(() => {
    let cancelled = false;
    api.get<{ data: WorkQueue[] }>('/work-orders/queues').then((result) => {
      if (!cancelled) setState((prev) => ({ ...prev, queues: result.data }));
    }, () => undefined);
    return () => { cancelled = true; };
  }, [api, state.tick]);
  const reload = useCallback(() => setState((prev) => ({ ...prev, tick: prev.tick + 1 })), []);
  return { queues: state.queues, reload };
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

/** Done / skip with an outcome, or reopen; `onChanged` updates the list shown with the order as it is now. */
function useCloseWorkOrder(onChanged: (order: WorkOrder, changed: WorkOrder) => void) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return async (order: WorkOrder, state: 'done' | 'skipped' | 'open', outcome: string) => {
    try {
      const changed = await api.patch<WorkOrder>(`/work-orders/${order.id}`, { state, ...(outcome ? { outcome } : {}) });
      onChanged(order, changed);
      void message.success(t(state === 'done' ? 'workOrderDone' : state === 'skipped' ? 'workOrderSkipped' : 'workOrderReopened'));
    } catch (error) {
      void message.error(errorText(error, locale));
      throw error;
    }
  };
}

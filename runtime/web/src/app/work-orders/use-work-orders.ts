import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorText, isStatus } from '../data/api-errors.ts';
import { useRecordTitles } from '../data/use-record-titles.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { showUndoToast } from '../shell/undo-toast.tsx';
import { workOrderStateText } from './work-order-text.ts';
import { queueOrder, type WorkOrder, type WorkOrderState, type WorkQueue } from './work-order-types.ts';

/**
 * A person's work orders in one state, or the whole team's (`assignee` `team`), paged:
 * the next page from `nextCursor` on "Load more"; their records' titles, and closing or reopening
 * one. They stay in the server's order (the open queue and `all` by the rules' run order, then
 * priority; done and skipped ones the last closed first): pages come in order, and only the
 * server knows the rules' run order. `onChanged`: after each close, reopen or undo (the queues'
 * counts are asked again).
 */
export function useWorkOrders(assignee: string, state: WorkOrderState, onChanged: () => void = () => undefined) {
  const { api } = useSession();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>('/work-orders', { assignee, state, limit: 50, cursor }), [api, assignee, state]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const orders = pages.records as unknown as WorkOrder[];
  const titles = useRecordTitles(orders);
  // An order that leaves the state shown leaves the list; under "all" it stays, changed.
  // An undone close puts the order back in its place in the queue: the list is read again.
  const close = useCloseWorkOrder((order, changed) => {
    pages.replace(order.id, state === 'all' ? changed as unknown as ApiRecord : null);
    onChanged();
  }, () => {
    pages.reload();
    onChanged();
  });
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
 * My work orders on one record, open ones first (by queue order) and then the closed ones, the
 * last closed first (`?recordId`; a record has a handful at most, so one page of the largest
 * size holds them). A closed order stays, with how it ended.
 */
export function useRecordWorkOrders(recordId: string) {
  const { api } = useSession();
  const [state, setState] = useState<{ loading: boolean; error: unknown; orders: WorkOrder[] }>({ loading: true, error: undefined, orders: [] });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState((prev) => ({ ...prev, loading: prev.orders.length === 0, error: undefined }));
    api.get<Page>('/work-orders', { assignee: 'me', state: 'all', recordId, limit: 500 }).then((page) => {
      if (!cancelled) setState({ loading: false, error: undefined, orders: (page.data as unknown as WorkOrder[]).slice().sort(recordOrder) });
    }, (error: unknown) => {
      if (!cancelled) setState({ loading: false, error, orders: [] });
    });
    return () => { cancelled = true; };
  }, [api, recordId, tick]);
  const titles = useRecordTitles(state.orders);
  const close = useCloseWorkOrder(
    (order, changed) => setState((prev) => ({ ...prev, orders: prev.orders.map((o) => (o.id === order.id ? changed : o)).sort(recordOrder) })),
    () => setTick((n) => n + 1));
  return { loading: state.loading, error: state.error, orders: state.orders, titles, close };
}

/** Open orders first, by queue order; then the closed ones, the last closed first. */
export function recordOrder(a: WorkOrder, b: WorkOrder): number {
  if ((a.state === 'open') !== (b.state === 'open')) return a.state === 'open' ? -1 : 1;
  return a.state === 'open' ? queueOrder(a, b) : (b.closedAt ?? '').localeCompare(a.closedAt ?? '');
}

/**
 * Done / skip with an outcome, or reopen; `onChanged` updates the list shown with the order as it
 * is now. An order changed meanwhile elsewhere (409: closed in another tab) is not an error to
 * retry: the user is told, the list is reloaded (`onStale`) and the call resolves, so a dialog
 * closes; other failures are shown and rethrown. The toast of a Done or Skip offers Undo while it
 * shows (a tap on the wrong card): the order is reopened and the list read again (`onStale`).
 */
function useCloseWorkOrder(onChanged: (order: WorkOrder, changed: WorkOrder) => void, onStale: () => void) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const undo = async (order: WorkOrder) => {
    try {
      await api.patch<WorkOrder>(`/work-orders/${order.id}`, { state: 'open' });
      void message.success(t('workOrderReopened'));
    } catch (error) {
      void message.error(errorText(error, locale));
    }
    onStale();
  };
  return async (order: WorkOrder, state: 'done' | 'skipped' | 'open', outcome: string) => {
    try {
      const changed = await api.patch<WorkOrder>(`/work-orders/${order.id}`, { state, ...(outcome ? { outcome } : {}) });
      onChanged(order, changed);
      if (state === 'open') {
        void message.success(t('workOrderReopened'));
        return;
      }
      showUndoToast(message, { key: `work-order-closed-${order.id}`, duration: 8, text: t(state === 'done' ? 'workOrderDone' : 'workOrderSkipped'), undo: t('undo'), onUndo: () => void undo(order) });
    } catch (error) {
      if (isStatus(error, 409)) {
        const now = error.problem.state;
        void message.error(state !== 'open' && (now === 'done' || now === 'skipped') ? t('workOrderAlreadyClosed', { state: workOrderStateText(now, locale) }) : errorText(error, locale));
        onStale();
        return;
      }
      void message.error(errorText(error, locale));
      throw error;
    }
  };
}

import { App } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorText, isStatus } from '../data/api-errors.ts';
import { useRecordTitles } from '../data/use-record-titles.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { showUndoToast } from '../shell/undo-toast.tsx';
import { workOrderStateText } from './work-order-text.ts';
import { announceWorkOrdersChanged } from './use-open-count.ts';
import { putInPlace, rulePlaces, type WorkOrder, type WorkOrderState, type WorkQueue } from './work-order-types.ts';

/**
 * A person's work orders in one state, or the whole team's (`assignee` `team`), paged:
 * the next page from `nextCursor` on "Load more"; their records' titles, and closing or reopening
 * one. They come in the server's order (the open queue by the rules' run order, then priority;
 * done and skipped ones the last closed first; `all` the open ones, then the closed ones). An
 * order closed, reopened or undone moves to its place in that order (or leaves the list) at
 * once, without reading the list again; an undo is followed by a quiet re-read (no skeleton).
 * `onChanged`: after each close, reopen or undo (the queues' counts are asked again).
 */
export function useWorkOrders(assignee: string, state: WorkOrderState, onChanged: () => void = () => undefined) {
  const { api } = useSession();
  const places = useRulePlaces();
  const fetchPage = useCallback((cursor: string | undefined, limit?: number) =>
    api.get<Page>('/work-orders', { assignee, state, limit: Math.min(limit ?? 50, 500), cursor }), [api, assignee, state]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const orders = pages.records as unknown as WorkOrder[];
  const titles = useRecordTitles(orders);
  const close = useCloseWorkOrder((changed) => {
    pages.update((records) => putInPlace(records as unknown as WorkOrder[], changed, state, places, pages.hasMore) as unknown as ApiRecord[]);
    onChanged();
  }, () => {
    pages.refresh();
    onChanged();
  });
  return { pages, orders, titles, close };
}

/** Each rule's place in the run order, from the published document (see {@link rulePlaces}). */
function useRulePlaces(): Map<string, number> {
  const { document } = useSession();
  return useMemo(() => rulePlaces(document), [document]);
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
 * My work orders on one record, open ones first (in the queue's order: by the rules' run order,
 * then priority) and then the closed ones, the last closed first, as the server gives them
 * (`?recordId`; a record has a handful at most, so one page of the largest size holds them). A
 * closed order stays, with how it ended, and moves among the closed ones.
 */
export function useRecordWorkOrders(recordId: string) {
  const { api } = useSession();
  const places = useRulePlaces();
  const [state, setState] = useState<{ loading: boolean; error: unknown; orders: WorkOrder[] }>({ loading: true, error: undefined, orders: [] });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState((prev) => ({ ...prev, loading: prev.orders.length === 0, error: undefined }));
    api.get<Page>('/work-orders', { assignee: 'me', state: 'all', recordId, limit: 500 }).then((page) => {
      if (!cancelled) setState({ loading: false, error: undefined, orders: page.data as unknown as WorkOrder[] });
    }, (error: unknown) => {
      if (!cancelled) setState({ loading: false, error, orders: [] });
    });
    return () => { cancelled = true; };
  }, [api, recordId, tick]);
  const titles = useRecordTitles(state.orders);
  const close = useCloseWorkOrder(
    (changed) => setState((prev) => ({ ...prev, orders: putInPlace(prev.orders, changed, 'all', places, false) })),
    () => setTick((n) => n + 1));
  return { loading: state.loading, error: state.error, orders: state.orders, titles, close };
}

/**
 * Done / skip with an outcome, or reopen; `onChanged` puts the order as it is now in its place in
 * the list shown. An order changed meanwhile elsewhere (409: closed in another tab) is not an
 * error to retry: the user is told, the list is read again (`onStale`) and the call resolves, so
 * a dialog closes; other failures are shown and rethrown. The toast of a Done or Skip offers Undo
 * while it shows (a tap on the wrong card): the order is put back in its place at once, reopened,
 * and the list read again (`onStale`). Each change is announced to the menu's count.
 */
function useCloseWorkOrder(onChanged: (changed: WorkOrder) => void, onStale: () => void) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const undo = async (order: WorkOrder) => {
    onChanged({ ...order, state: 'open', closedAt: null });
    try {
      await api.patch<WorkOrder>(`/work-orders/${order.id}`, { state: 'open' });
      void message.success(t('workOrderReopened'));
    } catch (error) {
      void message.error(errorText(error, locale));
    }
    announceWorkOrdersChanged();
    onStale();
  };
  return async (order: WorkOrder, state: 'done' | 'skipped' | 'open', outcome: string) => {
    try {
      const changed = await api.patch<WorkOrder>(`/work-orders/${order.id}`, { state, ...(outcome ? { outcome } : {}) });
      onChanged(changed);
      announceWorkOrdersChanged();
      if (state === 'open') {
        void message.success(t('workOrderReopened'));
        return;
      }
      showUndoToast(message, { key: `work-order-closed-${order.id}`, duration: 8, text: t(state === 'done' ? 'workOrderDone' : 'workOrderSkipped'), undo: t('undo'), onUndo: () => void undo(order) });
    } catch (error) {
      if (isStatus(error, 409)) {
        const now = error.problem.state;
        void message.error(state !== 'open' && (now === 'done' || now === 'skipped') ? t('workOrderAlreadyClosed', { state: workOrderStateText(now, locale) }) : errorText(error, locale));
        announceWorkOrdersChanged();
        onStale();
        return;
      }
      void message.error(errorText(error, locale));
      throw error;
    }
  };
}

import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type ApiRecord = Record<string, unknown> & { id: string; version?: number };

export interface Page {
  data: ApiRecord[];
  nextCursor: string | null;
  total?: number;
}

export interface RecordPages {
  records: ApiRecord[];
  total: number | undefined;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces (or, with null, removes) one record after an action on it. */
  replace: (id: string, next: ApiRecord | null) => void;
  /** Changes the rows shown (an order put back in its place) until the next load. */
  update: (change: (records: ApiRecord[]) => ApiRecord[]) => void;
  /**
   * Reads the rows shown again without the loading state (no skeleton; they stay on screen until
   * the answer comes): as many as are loaded, in one request (`fetchPage`'s `limit`). A failure
   * leaves them as they are.
   */
  refresh: () => void;
}

/**
 * Keyset paging: the first page when `deps` change, then the next page from `nextCursor` on demand.
 * With `fetchTotal` the count is asked for beside the first page, not with it: counting a
 * million rows takes longer than the page, and the rows should not wait for the number.
 * `firstRows` (a list gone back to, which had loaded more) is how many rows the first load asks
 * for, in one request (`fetchPage`'s `limit`); a load after another filter or a reload asks for one page.
 */
export function useRecordPages(fetchPage: (cursor: string | undefined, limit?: number) => Promise<Page>, deps: DependencyList, fetchTotal?: () => Promise<number | undefined>, firstRows?: number): RecordPages {
  const [records, setRecords] = useState<ApiRecord[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const totalRef = useRef(fetchTotal);
  totalRef.current = fetchTotal;
  const opening = useRef({ deps, rows: firstRows });
  const shown = useRef(0);
  shown.current = records.length;

  useEffect(() => {
    const id = ++generation.current;
    const first = opening.current;
    if (tick > 0 || deps.some((d, i) => !Object.is(d, first.deps[i]))) first.rows = undefined;
    const rows = first.rows;
    setLoading(true);
    // A page asked for by the list this replaces will be dropped when it comes: nothing is loading more.
    setLoadingMore(false);
    setError(undefined);
    setTotal(undefined);
    totalRef.current?.().then((count) => {
      if (id === generation.current && count !== undefined) setTotal(count);
    }, () => undefined);
    fetchRef.current(undefined, rows).then((page) => {
      if (id !== generation.current) return;
      setRecords(page.data);
      if (page.total !== undefined) setTotal(page.total);
      setCursor(page.nextCursor);
      setLoading(false);
    }, (failure: unknown) => {
      if (id !== generation.current) return;
      setRecords([]);
      setCursor(null);
      setError(failure);
      setLoading(false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const id = generation.current;
    setLoadingMore(true);
    fetchRef.current(cursor).then((page) => {
      if (id !== generation.current) return;
      setRecords((prev) => {
        const seen = new Set(prev.map((r) => r.id));
        return [...prev, ...page.data.filter((r) => !seen.has(r.id))];
      });
      setCursor(page.nextCursor);
    }, (failure: unknown) => {
      if (id === generation.current) setError(failure);
    }).finally(() => {
      if (id === generation.current) setLoadingMore(false);
    });
  }, [cursor, loadingMore]);

  const replace = useCallback((id: string, next: ApiRecord | null) => {
    setRecords((prev) => (next ? prev.map((r) => (r.id === id ? { ...r, ...next } : r)) : prev.filter((r) => r.id !== id)));
    if (!next) setTotal((n) => (n === undefined ? n : Math.max(0, n - 1)));
  }, []);

  const refresh = useCallback(() => {
    const id = ++generation.current;
    // A page asked for before this will be dropped when it comes: nothing is loading more.
    setLoadingMore(false);
    fetchRef.current(undefined, shown.current || undefined).then((page) => {
      if (id !== generation.current) return;
      setRecords(page.data);
      if (page.total !== undefined) setTotal(page.total);
      setCursor(page.nextCursor);
    }, () => undefined);
  }, []);

  return {
    records, total, loading, loadingMore, error, hasMore: cursor !== null, loadMore,
    reload: useCallback(() => setTick((n) => n + 1), []), replace, update: setRecords, refresh,
  };
}

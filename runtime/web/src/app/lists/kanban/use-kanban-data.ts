import { useCallback, useEffect, useRef, useState } from 'react';
import type { FilterJson } from '../../../shared/filter-builder/filter-builder-types.ts';
import type { ApiClient } from '../../../shared/api-client.ts';
import { combineWhere, type ListRequestBody } from '../list-query.ts';
import type { ApiRecord, Page } from '../use-record-pages.ts';

export interface KanbanColumnData {
  records: ApiRecord[];
  total: number | undefined;
  cursor: string | null;
  loading: boolean;
  error: unknown;
}

const perColumn = 20;

/** One keyset-paged list per stage, and moving a card from one to another after a transition. */
export function useKanbanData(api: ApiClient, object: string, stageField: string, stages: string[], base: ListRequestBody) {
  const [columns, setColumns] = useState<Record<string, KanbanColumnData>>({});
  const generation = useRef(0);
  const baseKey = JSON.stringify(base);

  const fetchColumn = useCallback((stage: string, cursor?: string) => api.post<Page>(`/records/${object}/query`, {
    ...base, where: combineWhere(base.where, { [stageField]: stage }), limit: perColumn, count: !cursor, ...(cursor ? { cursor } : {}),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [api, object, stageField, baseKey]);

  useEffect(() => {
    const id = ++generation.current;
    setColumns(Object.fromEntries(stages.map((s) => [s, { records: [], total: undefined, cursor: null, loading: true, error: undefined }])));
    for (const stage of stages) {
      fetchColumn(stage).then((page) => {
        if (id !== generation.current) return;
        setColumns((prev) => ({ ...prev, [stage]: { records: page.data, total: page.total, cursor: page.nextCursor, loading: false, error: undefined } }));
      }, (error: unknown) => {
        if (id !== generation.current) return;
        setColumns((prev) => ({ ...prev, [stage]: { records: [], total: 0, cursor: null, loading: false, error } }));
      });
    }
  }, [fetchColumn, stages.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const loadMore = (stage: string) => {
    const column = columns[stage];
    if (!column?.cursor || column.loading) return;
    const id = generation.current;
    setColumns((prev) => ({ ...prev, [stage]: { ...prev[stage]!, loading: true } }));
    fetchColumn(stage, column.cursor).then((page) => {
      if (id !== generation.current) return;
      setColumns((prev) => {
        const current = prev[stage]!;
        const seen = new Set(current.records.map((r) => r.id));
        return { ...prev, [stage]: { ...current, records: [...current.records, ...page.data.filter((r) => !seen.has(r.id))], cursor: page.nextCursor, loading: false } };
      });
    }, (error: unknown) => setColumns((prev) => ({ ...prev, [stage]: { ...prev[stage]!, loading: false, error } })));
  };

  /** After a successful transition: take the card out of `from`, put the server's record on top of `to`. */
  const moveCard = (id: string, from: string, to: string, record: ApiRecord) => {
    setColumns((prev) => {
      const source = prev[from];
      const target = prev[to];
      if (!source || !target) return prev;
      const old = source.records.find((r) => r.id === id);
      return {
        ...prev,
        [from]: { ...source, records: source.records.filter((r) => r.id !== id), total: source.total === undefined ? undefined : source.total - 1 },
        [to]: { ...target, records: [{ ...old, ...keepExpanded(old, record) }, ...target.records], total: target.total === undefined ? undefined : target.total + 1 },
      };
    });
  };

  return { columns, loadMore, moveCard };
}

/** The transition answers with bare lookup ids; keep the expanded ones the card already shows. */
function keepExpanded(old: ApiRecord | undefined, next: ApiRecord): ApiRecord {
  if (!old) return next;
  const merged: ApiRecord = { ...next };
  for (const [key, value] of Object.entries(old)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof next[key] === 'string' && (value as { id?: unknown }).id === next[key]) merged[key] = value;
  }
  return merged;
}

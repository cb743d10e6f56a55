import { Button, Card, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { maybeTranslate } from '../i18n/translate.ts';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { dateTime, formatValue, referenceTitle } from '../metadata/format-value.ts';
import { fieldLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState } from '../shell/page-states.tsx';
import { historyNote, workOrderStateText } from '../work-orders/work-order-text.ts';
import { mergeNewestFirst, type VisitSource, visitSources } from './record-activity.ts';
import type { HistoryEntry } from './record-history.ts';

const actionKeys: Record<string, string> = {
  create: 'historyCreate', update: 'historyUpdate', delete: 'historyDelete', restore: 'historyRestore', transition: 'historyTransition',
  claim: 'historyClaim', release: 'historyRelease', assign: 'historyAssign', extend: 'historyExtend', workOrder: 'historyWorkOrder',
};

type Activity = { kind: 'history'; at: string; entry: HistoryEntry & ApiRecord } | { kind: 'visit'; at: string; record: ApiRecord };

/**
 * The record's activity (动态), newest first: its history (who did what, which fields changed
 * from what to what) and, for a record of a pool with visits, the visits logged on it (who, when,
 * and what the visit records: outcome, notes …), in time order. A record's pools share one visit
 * object in every template; where they name several, the first is shown.
 */
export function RecordTimeline({ object, id, version }: { object: ObjectInfo; id: string; version: unknown }) {
  const { api, format, document, objectMap } = useSession();
  const { t, locale } = useI18n();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>(`/records/${object.key}/${id}/history`, { limit: 20, cursor }), [api, object.key, id]);
  const pages = useRecordPages(fetchPage, [fetchPage, version]);
  const source = useMemo(() => visitSources(object, document, objectMap)[0], [object, document, objectMap]);
  const visitObject = source ? objectMap.get(source.object) : undefined;
  const fetchVisits = useCallback((cursor: string | undefined): Promise<Page> => (source
    ? api.post<Page>(`/records/${source.object}/query`, {
      where: { [source.field]: id }, orderBy: `-${source.at}`, limit: 20,
      ...(visitObject?.fieldMap.get('owner')?.readable ? { expand: ['owner'] } : {}), ...(cursor ? { cursor } : {}),
    })
    : Promise.resolve({ data: [], nextCursor: null })), [api, source, visitObject, id]);
  const visits = useRecordPages(fetchVisits, [fetchVisits, version]);
  const entries = pages.records as unknown as Array<HistoryEntry & ApiRecord>;
  const items = mergeNewestFirst<Activity>([
    { items: entries.map((entry) => ({ kind: 'history', at: entry.at, entry })), done: !pages.loading && !pages.hasMore },
    { items: source ? visits.records.map((record) => ({ kind: 'visit', at: String(record[source.at]), record })) : [], done: !visits.loading && !visits.hasMore },
  ], (item) => item.at);
  const titles = useReferenceTitles(object, entries);
  const show = (key: string, value: unknown) => {
    // A work order's change is its state (open → done), not a field of the record.
    if (key === 'workOrder' && !object.fieldMap.has(key)) return workOrderStateText(value, locale);
    const field = object.fieldMap.get(key);
    return field?.target && typeof value === 'string' && titles.has(value) ? titles.get(value)! : formatValue(field, value, format);
  };
  /** One history entry: who did what when, the fields it changed from what to what, its note. */
  const historyContent = (entry: HistoryEntry & ApiRecord) => (
    <div>
      <div>
        <Typography.Text strong>{entry.actorName ?? (entry.actor ? entry.actor.slice(0, 8) : t('system'))}</Typography.Text>{' '}
        {maybeTranslate(actionKeys[entry.action] ?? '', locale) ?? entry.action}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(entry.at, format)}</Typography.Text>
      </div>
      {Object.entries(entry.changes ?? {}).slice(0, 12).map(([key, change]) => {
        const field = object.fieldMap.get(key);
        const [before, after] = Array.isArray(change) ? change : [undefined, change];
        return (
          <div key={key} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">{key === 'workOrder' && !field ? t('historyWorkOrderField') : fieldLabel(field, locale, key)}: </Typography.Text>
            {entry.action !== 'create' && <><Typography.Text delete>{show(key, before)}</Typography.Text> → </>}
            <Typography.Text>{show(key, after)}</Typography.Text>
          </div>
        );
      })}
      {entry.note && <HistoryNote note={entry.note} said={historyNote(entry.note, document, locale, entry.action)} />}
    </div>
  );
  return (
    <Card size="small" title={t('history')} style={{ marginBottom: 12 }}>
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} />}
      {visits.error !== undefined && <ErrorState error={visits.error} onRetry={visits.reload} />}
      {!pages.loading && !visits.loading && items.length === 0 && pages.error === undefined && <Typography.Text type="secondary">{t('empty')}</Typography.Text>}
      <Timeline
        items={items.map((item) => (item.kind === 'visit'
          ? { key: `visit:${item.record.id}`, content: <VisitItem visit={item.record} object={visitObject!} source={source!} /> }
          : { key: item.entry.id, content: historyContent(item.entry) }))}
      />
      {(pages.hasMore || visits.hasMore) && (
        <Button size="small" block loading={pages.loadingMore || visits.loadingMore} onClick={() => {
          if (pages.hasMore) pages.loadMore();
          if (visits.hasMore) visits.loadMore();
        }}>{t('loadMore')}</Button>
      )}
    </Card>
  );
}

/** A visit in the activity: who, that they visited (opening the visit), when, and what else it records. */
function VisitItem({ visit, object, source }: { visit: ApiRecord; object: ObjectInfo; source: VisitSource }) {
  const { tenant, format } = useSession();
  const { t, locale } = useI18n();
  const owner = object.fieldMap.get('owner')?.readable ? visit.owner : undefined;
  const shown = object.fields.filter((f) => !f.system && f.readable && f.key !== source.field && f.key !== source.at
    && visit[f.key] !== undefined && visit[f.key] !== null && visit[f.key] !== '');
  return (
    <div>
      <div>
        {owner ? <><Typography.Text strong>{referenceTitle('user', owner, format)}</Typography.Text>{' '}</> : null}
        <Link to={paths.record(tenant, object.key, visit.id)}>{t('historyVisit')}</Link>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(visit[source.at], format)}</Typography.Text>
      </div>
      {shown.slice(0, 8).map((field) => (
        <div key={field.key} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">{fieldLabel(field, locale)}: </Typography.Text>
          <Typography.Text>{formatValue(field, visit[field.key], format)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** A person's note in quotes; the system's own (which rule assigned the record) as plain words. */
function HistoryNote({ note, said }: { note: string; said: string }) {
  return said === note
    ? <Typography.Paragraph style={{ fontSize: 12, margin: 0 }}>“{note}”</Typography.Paragraph>
    : <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>{said}</Typography.Paragraph>;
}

/** History stores lookups (owner, hotel …) as ids: their titles, looked up a batch per target. */
function useReferenceTitles(object: ObjectInfo, entries: HistoryEntry[]): Map<string, string> {
  const { resolve } = useSession();
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const wanted = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const [key, change] of Object.entries(entry.changes ?? {})) {
      const target = object.fieldMap.get(key)?.target;
      if (!target) continue;
      for (const value of Array.isArray(change) ? change : [change]) {
        if (typeof value === 'string' && !titles.has(value)) wanted.set(target, (wanted.get(target) ?? new Set()).add(value));
      }
    }
  }
  const wantedKey = [...wanted].map(([target, ids]) => `${target}:${[...ids].sort().join('|')}`).sort().join(',');
  useEffect(() => {
    if (!wantedKey) return;
    let live = true;
    for (const part of wantedKey.split(',')) {
      const [target, ids] = part.split(':') as [string, string];
      resolve(target, ids.split('|')).then((found) => {
        if (!live) return;
        // Users come back as "name <e-mail>": the name is enough here.
        setTitles((prev) => new Map([...prev, ...found.map((r) => [r.id, target === 'user' ? r.title.replace(/ <[^>]*>$/, '') : r.title] as const)]));
      }, () => undefined);
    }
    return () => { live = false; };
  }, [wantedKey, resolve]);
  return titles;
}

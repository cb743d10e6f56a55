import { Button, Card, Timeline, Typography } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { maybeTranslate } from '../i18n/translate.ts';
import { useRecordPages, type ApiRecord, type Page } from '../lists/use-record-pages.ts';
import { dateTime, formatValue } from '../metadata/format-value.ts';
import { fieldLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState } from '../shell/page-states.tsx';

interface HistoryEntry {
  id: string;
  at: string;
  actor: string | null;
  actorName?: string | null;
  action: string;
  changes?: Record<string, [unknown, unknown]>;
  note?: string | null;
}

const actionKeys: Record<string, string> = {
  create: 'historyCreate', update: 'historyUpdate', delete: 'historyDelete', restore: 'historyRestore', transition: 'historyTransition',
  claim: 'historyClaim', release: 'historyRelease', assign: 'historyAssign', extend: 'historyExtend',
};

/** The record's history, newest first: who did what, which fields changed from what to what. */
export function RecordTimeline({ object, id, version }: { object: ObjectInfo; id: string; version: unknown }) {
  const { api, format } = useSession();
  const { t, locale } = useI18n();
  const fetchPage = useCallback((cursor: string | undefined) =>
    api.get<Page>(`/records/${object.key}/${id}/history`, { limit: 20, cursor }), [api, object.key, id]);
  const pages = useRecordPages(fetchPage, [fetchPage, version]);
  const entries = pages.records as unknown as Array<HistoryEntry & ApiRecord>;
  return (
    <Card size="small" title={t('history')} style={{ marginBottom: 12 }}>
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} />}
      {!pages.loading && entries.length === 0 && pages.error === undefined && <Typography.Text type="secondary">{t('empty')}</Typography.Text>}
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          content: (
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
                    <Typography.Text type="secondary">{fieldLabel(field, locale, key)}: </Typography.Text>
                    {entry.action !== 'create' && <><Typography.Text delete>{formatValue(field, before, format)}</Typography.Text> → </>}
                    <Typography.Text>{formatValue(field, after, format)}</Typography.Text>
                  </div>
                );
              })}
              {entry.note && <Typography.Paragraph style={{ fontSize: 12, margin: 0 }}>“{entry.note}”</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      {pages.hasMore && <Button size="small" block loading={pages.loadingMore} onClick={pages.loadMore}>{t('loadMore')}</Button>}
    </Card>
  );
}

import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Segmented, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadMore } from '../lists/load-more.tsx';
import { useRecordPages, type Page } from '../lists/use-record-pages.ts';
import { dateTime } from '../metadata/format-value.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState } from '../shell/page-states.tsx';
import { ruleTitle } from '../work-orders/work-order-text.ts';
import { nextNotificationCursor, notificationCursorQuery } from './notification-pages.ts';
import { noticeDescription, notificationTarget, notificationText, type AppNotification } from './notification-text.ts';
import { useNotificationTitles } from './use-notification-titles.ts';
import { announceUnreadChanged } from './use-unread-count.ts';

const pageSize = 30;

/** `/notifications`: release warnings, releases, assignments, new work orders, ended imports and background runs, newest first. */
export function NotificationsPage() {
  const { api, tenant, format, objectMap, document } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Unread ones anywhere, not only among those loaded: older pages may hold some.
  const [unread, setUnread] = useState<number | undefined>(undefined);
  const fetchPage = useCallback(async (cursor: string | undefined): Promise<Page> => {
    const result = await api.get<{ data: AppNotification[]; unread?: number }>('/notifications', { limit: pageSize, unread: unreadOnly || undefined, ...notificationCursorQuery(cursor) });
    if (typeof result.unread === 'number') setUnread(result.unread);
    return { data: result.data as unknown as Page['data'], nextCursor: nextNotificationCursor(result.data, pageSize) };
  }, [api, unreadOnly]);
  const pages = useRecordPages(fetchPage, [fetchPage]);
  const items = pages.records as unknown as AppNotification[];
  const titles = useNotificationTitles(items);
  const text = (n: AppNotification) => {
    const about = n.recordId ? titles.get(n.recordId) : undefined;
    const said = notificationText(n, locale, (iso) => dateTime(iso, format), (rule) => ruleTitle(document, rule, locale), (id) => titles.get(id) || undefined, document.pools);
    return about ? t('noticeAbout', { record: about, text: said }) : said;
  };

  const link = (n: AppNotification) => {
    const target = notificationTarget(n);
    if (!target) return text(n);
    const to = target.kind === 'workOrders' ? paths.workOrders(tenant)
      : target.kind === 'assignmentRules' ? paths.assignmentRules(tenant)
      : target.kind === 'import' ? paths.importResults(tenant, target.object, target.job)
        : paths.record(tenant, target.object, target.id);
    return <Link to={to} onClick={() => { if (!n.readAt) void markRead({ ids: [n.id] }); }}>{text(n)}</Link>;
  };

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      await api.post('/notifications/read', body);
      announceUnreadChanged();
      if ('all' in body) pages.reload();
      else for (const id of body.ids) {
        setUnread((n) => (n === undefined ? n : Math.max(0, n - 1)));
        const item = items.find((n) => n.id === id);
        if (item) pages.replace(id, unreadOnly ? null : { ...(item as unknown as Page['data'][number]), readAt: new Date().toISOString() });
      }
    } catch (error) {
      void message.error(errorText(error, locale));
    }
  };

  return (
    <section aria-labelledby="notices-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="notices-title" style={{ fontSize: 20 }}>{t('notifications')}</Typography.Title>
        <span className="shoal-spacer" />
        <Segmented aria-label={t('show')} value={unreadOnly ? 'unread' : 'all'} onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[{ value: 'all', label: t('allRecords') }, { value: 'unread', label: t('unreadOnly') }]} />
        <Button icon={<CheckOutlined />} onClick={() => void markRead({ all: true })} disabled={unread !== undefined ? unread === 0 : items.every((n) => n.readAt)}>{t('markAllRead')}</Button>
      </div>
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('notifications')} />}
      {/* Not "No notifications" under a list that could not be read: there may well be some. */}
      {(pages.error === undefined || items.length > 0) && <Card size="small">
        <List
          loading={pages.loading}
          locale={{ emptyText: t('noNotifications') }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              actions={n.readAt ? [] : [<Button key="read" size="small" type="link" aria-label={t('actionOn', { action: t('markRead'), name: text(n) })} onClick={() => void markRead({ ids: [n.id] })}>{t('markRead')}</Button>]}>
              <List.Item.Meta
                // The dot says unread to the eye; the bell says it to a screen reader (not antd's "bell").
                avatar={<Badge dot={!n.readAt}><BellOutlined style={{ fontSize: 18 }} aria-label={t(n.readAt ? 'noticeRead' : 'noticeUnread')} /></Badge>}
                title={link(n)}
                description={noticeDescription(n.object ? objectLabel(objectMap.get(n.object), locale) : '', dateTime(n.createdAt, format))}
              />
            </List.Item>
          )}
        />
      </Card>}
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={items.length} total={undefined} />
    </section>
  );
}

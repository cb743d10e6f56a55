import { Alert, Segmented, Select, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadMore } from '../lists/load-more.tsx';
import { paths } from '../routing/app-routes.ts';
import { navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { useWorkOrders, useWorkQueues } from './use-work-orders.ts';
import { WorkOrderItem } from './work-order-item.tsx';
import { mayActOn, queueName, queuePlaces, wholeTeam, workOrderCount, workOrderSearch, workOrderStates, workOrderView, type WorkOrderState, type WorkQueue } from './work-order-types.ts';

/**
 * `/work-orders`: my queue, most urgent first; done / skip with an outcome. Done and skipped
 * orders (the last closed first) can be looked back on and reopened. A manager picks a direct
 * report's queue to look at (an admin anyone's), or the whole team's orders in one list, each
 * card naming whose it is: `?assignee=…|team&state=…`.
 */
export function WorkOrdersPage() {
  const { t } = useI18n();
  const { me, tenant } = useSession();
  const { search } = useLocation();
  const view = workOrderView(search, me.id);
  const { queues, reload: reloadQueues } = useWorkQueues();
  const { pages, orders, titles, close } = useWorkOrders(view.assignee, view.state, reloadQueues);
  // Each tab or queue is an entry in the browser's history: Back returns to the previous one.
  const show = (next: Partial<typeof view>) => navigate(`${paths.workOrders(tenant)}${workOrderSearch({ ...view, ...next }, me.id)}`);
  const team = view.assignee === wholeTeam;
  const mayAct = mayActOn(view.assignee, me);
  const someoneElse = view.assignee === me.id || team ? undefined : queues.find((q) => q.userId === view.assignee);
  const places = queuePlaces(orders);
  const owners = new Map(queues.map((q) => [q.userId, queueName(t, q, me.id)]));
  const label = (name: string, counts: Pick<WorkQueue, 'open' | 'closedToday'>) => (
    <span>
      {name}
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{t('queueCounts', { open: counts.open, closed: counts.closedToday })}</Typography.Text>
    </span>
  );
  // Without a picker (a BD has only their own queue), what they closed today is said beside the count.
  const mine = queues.length === 1 && queues[0]!.userId === view.assignee ? queues[0] : undefined;
  const closedToday = mine && mine.closedToday > 0 ? ` · ${t('closedTodayCount', { count: mine.closedToday })}` : '';
  const teamCounts = { open: queues.reduce((n, q) => n + q.open, 0), closedToday: queues.reduce((n, q) => n + q.closedToday, 0) };
  return (
    <section aria-labelledby="wo-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="wo-title" style={{ fontSize: 20 }}>{t('workOrders')}</Typography.Title>
        {!pages.loading && pages.error === undefined && <Typography.Text type="secondary">{workOrderCount(t, orders.length, pages.hasMore, team)}{closedToday}</Typography.Text>}
        <span className="shoal-spacer" />
        {queues.length > 1 && (
          <Select
            aria-label={t('queueOf')} style={{ minWidth: 260 }} showSearch={{ optionFilterProp: 'search' }} value={view.assignee}
            onChange={(assignee: string) => show({ assignee })}
            options={[
              { value: wholeTeam, search: t('queueTeam'), label: label(t('queueTeam'), teamCounts) },
              ...queues.map((q) => ({ value: q.userId, search: `${q.name} ${q.email}`, label: label(queueName(t, q, me.id), q) })),
            ]}
          />
        )}
        <Segmented<WorkOrderState> aria-label={t('show')} value={view.state} onChange={(state) => show({ state })}
          options={workOrderStates.map((state) => ({ value: state, label: t(`workOrderState_${state}`) }))} />
      </div>
      {/* Only for a queue the viewer may look at (it is in their picker); a forbidden one shows just the error below. */}
      {!mayAct && someoneElse && pages.error === undefined && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lookingAtQueue', { name: someoneElse.name })} />}
      {/* Why some cards have no Done / Skip: they are someone else's (an admin may close any). */}
      {team && orders.some((order) => !mayActOn(order.assignee, me)) && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lookingAtTeam')} />}
      {pages.loading && <LoadingState />}
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('workOrders')} />}
      {!pages.loading && pages.error === undefined && orders.length === 0 && <EmptyState text={t(emptyText(view.state, team, mayAct))} />}
      <div className="shoal-card-list">
        {/* While another tab or queue loads, the previous one's cards (and their buttons) are not shown. */}
        {!pages.loading && orders.map((order) => (
          <WorkOrderItem key={order.id} order={order} rank={view.state === 'open' ? places.get(order.id) : undefined} recordTitle={titles.get(order.recordId)}
            mayAct={mayActOn(order.assignee, me)} {...(team ? { assigneeName: owners.get(order.assignee) ?? '' } : {})} onClose={close} />
        ))}
      </div>
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={orders.length} total={undefined} />
    </section>
  );
}

/** The empty list's words: my open queue is cleared ("Well done"), the team's has nothing open, anything else is just empty. */
function emptyText(state: WorkOrderState, team: boolean, mayAct: boolean): 'noWorkOrders' | 'noTeamWorkOrders' | 'noWorkOrdersHere' {
  if (state !== 'open') return 'noWorkOrdersHere';
  return team ? 'noTeamWorkOrders' : mayAct ? 'noWorkOrders' : 'noWorkOrdersHere';
}

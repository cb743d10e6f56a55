import { lazy, Suspense, useEffect } from 'react';
import type { AppRoute } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { LoadingState, NotFoundPage } from './page-states.tsx';

// Every screen is its own chunk: the first load carries only the shell.
const screens = {
  list: () => import('../lists/list-page.tsx'),
  record: () => import('../records/record-page.tsx'),
  new: () => import('../records/create-page.tsx'),
  publicPool: () => import('../pools/public-pool-page.tsx'),
  myPool: () => import('../pools/my-pool-page.tsx'),
  workOrders: () => import('../work-orders/work-orders-page.tsx'),
  notifications: () => import('../notifications/notifications-page.tsx'),
  dashboards: () => import('../dashboards/dashboards-page.tsx'),
  assignmentRules: () => import('../assignment/assignment-rules-page.tsx'),
} satisfies Partial<Record<AppRoute['name'], () => Promise<unknown>>>;

const ListPage = lazy(() => screens.list().then((m) => ({ default: m.ListPage })));
const RecordPage = lazy(() => screens.record().then((m) => ({ default: m.RecordPage })));
const CreatePage = lazy(() => screens.new().then((m) => ({ default: m.CreatePage })));
const PublicPoolPage = lazy(() => screens.publicPool().then((m) => ({ default: m.PublicPoolPage })));
const MyPoolPage = lazy(() => screens.myPool().then((m) => ({ default: m.MyPoolPage })));
const WorkOrdersPage = lazy(() => screens.workOrders().then((m) => ({ default: m.WorkOrdersPage })));
const NotificationsPage = lazy(() => screens.notifications().then((m) => ({ default: m.NotificationsPage })));
const DashboardsPage = lazy(() => screens.dashboards().then((m) => ({ default: m.DashboardsPage })));
const AssignmentRulesPage = lazy(() => screens.assignmentRules().then((m) => ({ default: m.AssignmentRulesPage })));

/**
 * Starts loading the chunk of the screen an address opens while the session is still being
 * checked, so the screen's code and the sign-in requests arrive together, not one after the other.
 */
export function preloadScreen(route: AppRoute): void {
  const load = (screens as Partial<Record<AppRoute['name'], () => Promise<unknown>>>)[route.name];
  load?.().catch(() => undefined);
}

export function RouteOutlet({ route, home }: { route: AppRoute; home: string | undefined }) {
  useEffect(() => {
    if (route.name === 'home' && home) navigate(home, { replace: true });
  }, [route.name, home]);
  return <Suspense fallback={<LoadingState />}>{page(route)}</Suspense>;
}

function page(route: AppRoute) {
  switch (route.name) {
    case 'list': return <ListPage key={route.object} object={route.object} />;
    case 'record': return <RecordPage key={`${route.object}/${route.id}`} object={route.object} id={route.id} />;
    case 'new': return <CreatePage key={route.object} object={route.object} />;
    case 'publicPool': return <PublicPoolPage key={route.pool} pool={route.pool} />;
    case 'myPool': return <MyPoolPage key={route.pool} pool={route.pool} />;
    case 'workOrders': return <WorkOrdersPage />;
    case 'notifications': return <NotificationsPage />;
    case 'dashboards': return <DashboardsPage />;
    case 'assignmentRules': return <AssignmentRulesPage />;
    case 'home': case 'login': return <LoadingState />;
    default: return <NotFoundPage tenant={'tenant' in route ? route.tenant : undefined} />;
  }
}

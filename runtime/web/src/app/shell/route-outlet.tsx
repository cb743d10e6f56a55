import { lazy, Suspense, useEffect } from 'react';
import type { AppRoute } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { LoadingState, NotFoundPage } from './page-states.tsx';

// Every screen is its own chunk: the first load carries only the shell.
const ListPage = lazy(() => import('../lists/list-page.tsx').then((m) => ({ default: m.ListPage })));
const RecordPage = lazy(() => import('../records/record-page.tsx').then((m) => ({ default: m.RecordPage })));
const CreatePage = lazy(() => import('../records/create-page.tsx').then((m) => ({ default: m.CreatePage })));
const PublicPoolPage = lazy(() => import('../pools/public-pool-page.tsx').then((m) => ({ default: m.PublicPoolPage })));
const MyPoolPage = lazy(() => import('../pools/my-pool-page.tsx').then((m) => ({ default: m.MyPoolPage })));
const WorkOrdersPage = lazy(() => import('../work-orders/work-orders-page.tsx').then((m) => ({ default: m.WorkOrdersPage })));
const NotificationsPage = lazy(() => import('../notifications/notifications-page.tsx').then((m) => ({ default: m.NotificationsPage })));
const DashboardsPage = lazy(() => import('../dashboards/dashboards-page.tsx').then((m) => ({ default: m.DashboardsPage })));

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
    case 'home': case 'login': return <LoadingState />;
    default: return <NotFoundPage tenant={'tenant' in route ? route.tenant : undefined} />;
  }
}

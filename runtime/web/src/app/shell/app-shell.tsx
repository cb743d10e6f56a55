import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Dropdown, Grid, Layout, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { translate } from '../i18n/translate.ts';
import { useUnreadCount } from '../notifications/use-unread-count.ts';
import { paths, type AppRoute } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { LocaleSwitch } from './locale-switch.tsx';
import { NavMenu } from './nav-menu.tsx';
import { homePath, type NavSection } from './navigation-model.ts';
import { useOpenWorkOrderCount } from '../work-orders/use-open-count.ts';
import { useNavigation } from './use-navigation.ts';
import { RouteOutlet } from './route-outlet.tsx';

// The password form (antd's Form) loads when it is opened, not with every first screen.
const ChangePasswordDialog = lazy(() => import('../session/change-password-dialog.tsx').then((m) => ({ default: m.ChangePasswordDialog })));

/** A zone's offset now, as `GMT+8`. */
function offsetOf(zone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * Times are shown in the workspace's zone. Where this device's clock is in another, the header
 * says which zone they are in (a manager in New York read Shanghai's 05:53 as a time to come).
 */
function ZoneNote({ zone }: { zone: string | undefined }) {
  const { t } = useI18n();
  // Worked out once per zone, not on each render of the header (every navigation).
  const zones = useMemo(() => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = new Date();
    return zone ? { zone, offset: offsetOf(zone, now), local, localOffset: offsetOf(local, now) } : undefined;
  }, [zone]);
  if (!zones || zones.offset === zones.localOffset) return null;
  const { offset, local, localOffset } = zones;
  return (
    <Tooltip title={t('zoneHint', { zone: zones.zone, offset, local: `${local} (${localOffset})` })}>
      <Typography.Text type="secondary" className="shoal-zone-note" tabIndex={0} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t('zoneNote', { offset })}</Typography.Text>
    </Tooltip>
  );
}

/** Header, navigation (a drawer on phones) and the current screen. */
export function AppShell({ route }: { route: AppRoute }) {
  const session = useSession();
  const { t, locale } = useI18n();
  const { search, pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg === true;
  const [drawer, setDrawer] = useState(false);
  const sections = useNavigation();
  // Re-counted on every navigation (and each minute), not on every render.
  const unread = useUnreadCount(session.api, pathname);
  // The caller's open work orders beside 工单: asked again after each close or undo, each minute,
  // on focus, and on going to another kind of screen (not on every record opened: an admin's
  // count of queues is not the cheapest of reads).
  const hasWorkOrders = sections.some((s) => s.entries.some((e) => e.key === 'workOrders'));
  const openOrders = useOpenWorkOrderCount(session.api, session.me.id, route.name, hasWorkOrders);
  const selected = selectedKey(route, search.get('view'), sections);
  const badges = openOrders ? { workOrders: { count: openOrders, label: t('workOrdersOpen', { n: openOrders }) } } : undefined;
  const menu = <NavMenu sections={sections} selected={selected} onNavigate={() => setDrawer(false)} badges={badges} />;
  const { message } = App.useApp();
  const [changingPassword, setChangingPassword] = useState(false);
  // The language goes with the account, so the person's phone and other browsers use it too.
  const keepLocale = (chosen: 'zh' | 'en') => {
    session.api.saveLocale(chosen).catch(() => void message.warning(translate('localeNotSaved', chosen)));
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="shoal-skip-link" href="#main">{t('skipToContent')}</a>
      <header className="shoal-header">
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu')} onClick={() => setDrawer(true)} />}
        <Link to={paths.home(session.tenant)} className="shoal-brand">{session.document.name || session.tenant}</Link>
        <span className="shoal-spacer" />
        {wide && <ZoneNote zone={session.format.timeZone} />}
        <Link to={paths.notifications(session.tenant)} aria-label={unread ? t('notificationsUnread', { n: unread }) : t('notifications')} className="shoal-header-icon">
          <Badge count={unread ?? 0} size="small"><BellOutlined style={{ fontSize: 18, color: '#555' }} /></Badge>
        </Link>
        {wide && <LocaleSwitch onChosen={keepLocale} />}
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'locale', label: <LocaleSwitch onChosen={keepLocale} />, disabled: wide },
              { key: 'password', icon: <KeyOutlined />, label: t('changePassword'), onClick: () => setChangingPassword(true) },
              { key: 'tenant', icon: <SwapOutlined />, label: t('otherWorkspace'), onClick: () => navigate(paths.picker()) },
              { key: 'out', icon: <LogoutOutlined />, label: t('signOut'), onClick: () => void session.signOut() },
            ].filter((i) => !(wide && i.key === 'locale')),
          }}
        >
          <Button type="text" icon={<UserOutlined />} aria-label={session.me.name}>{screens.sm ? session.me.name : null}</Button>
        </Dropdown>
        {changingPassword && (
          <Suspense fallback={null}>
            <ChangePasswordDialog api={session.api} onClose={() => setChangingPassword(false)} />
          </Suspense>
        )}
      </header>
      <Layout>
        {wide && <Layout.Sider width={232} className="shoal-sider">{menu}</Layout.Sider>}
        {!wide && (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={280} title={session.document.name} styles={{ body: { padding: 0 } }}>
            {menu}
          </Drawer>
        )}
        {/* Layout.Content is the page's one <main>; #main inside it is where "skip to content" lands. */}
        <Layout.Content>
          <div id="main" className="shoal-content" tabIndex={-1}>
            <RouteOutlet route={route} home={homePath(sections, session.document)} />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function selectedKey(route: AppRoute, view: string | null, sections: NavSection[]): string | undefined {
  const candidates: Partial<Record<AppRoute['name'], string>> = {
    workOrders: 'workOrders', notifications: 'notifications', dashboards: 'dashboards', assignmentRules: 'assignmentRules',
  };
  let key = candidates[route.name];
  if (route.name === 'list') key = view && !view.startsWith('my:') ? `view:${view}` : `object:${route.object}`;
  if (route.name === 'record' || route.name === 'new') key = `object:${route.object}`;
  if (route.name === 'publicPool') key = `public:${route.pool}`;
  if (route.name === 'myPool') key = `mine:${route.pool}`;
  return sections.some((s) => s.entries.some((e) => e.key === key)) ? key : undefined;
}

import {
  ApartmentOutlined, ApiOutlined, AppstoreOutlined, BranchesOutlined, CloudUploadOutlined, CodeOutlined, DashboardOutlined, EyeOutlined,
  HistoryOutlined, IdcardOutlined, LayoutOutlined, LogoutOutlined, SafetyOutlined, SettingOutlined, ShareAltOutlined, TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Popconfirm, Result, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../../runtime/web/src/shared/api-client.ts';
import { sameAsLive } from '../document/draft-state.ts';
import type { ScreenKey } from '../document/pointer-route.ts';
import { useT } from '../i18n/i18n.tsx';
import { errorMessage } from '../api/error-message.ts';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';
import { focusPointer } from '../ui/focus-pointer.ts';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { ProblemsDrawer } from '../ui/problems-drawer.tsx';
import { ScreenBoundary } from '../ui/screen-boundary.tsx';
import { SaveStatus } from '../ui/save-status.tsx';
import { UndoButtons } from '../ui/undo-buttons.tsx';
import { navigate, tenantPath, useLocation } from './router.ts';
import { menuOrder, screens } from './screen-routes.tsx';

const icons: Record<ScreenKey, ReactNode> = {
  overview: <DashboardOutlined />, settings: <SettingOutlined />, objects: <AppstoreOutlined />, pipelines: <BranchesOutlined />,
  pools: <TeamOutlined />, layouts: <LayoutOutlined />, views: <EyeOutlined />, roles: <SafetyOutlined />, people: <IdcardOutlined />, integrations: <ApiOutlined />, rules: <ShareAltOutlined />,
  code: <CodeOutlined />, publish: <CloudUploadOutlined />, versions: <HistoryOutlined />,
};

/** The builder's frame: menu, draft status, language, and the current screen. */
export function TenantShell({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const t = useT();
  const { tenant, api, store } = useStudio();
  const snapshot = useSnapshot();
  const unchanged = useMemo(() => sameAsLive(snapshot.draft, snapshot.live?.document), [snapshot.draft, snapshot.live]);
  const { segments, query } = useLocation();
  const [problemsOpen, setProblemsOpen] = useState(false);
  const screen = (menuOrder.includes(segments[1] as ScreenKey) ? segments[1] : 'overview') as ScreenKey;
  const Screen = screens[screen];
  const focus = query.get('focus');

  useEffect(() => {
    if (focus && snapshot.status === 'ready') focusPointer(focus);
  }, [focus, screen, segments[2], snapshot.status]);

  const logout = async () => {
    await api.client.logout().catch(() => undefined);
    onLogout();
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={56} theme="light" width={210} style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600 }}><ApartmentOutlined /> Shoal Studio</div>
        <Menu
          mode="inline"
          selectedKeys={[screen]}
          items={menuOrder.map((key) => ({ key, icon: icons[key], label: <a href={tenantPath(tenant, key === 'overview' ? '' : key)} onClick={(e) => e.preventDefault()}>{t(`menu.${key}`)}</a> }))}
          onClick={({ key }) => navigate(tenantPath(tenant, key === 'overview' ? '' : key))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #eee', display: 'flex', alignItems: 'center', gap: 12, height: 56 }}>
          <Typography.Text strong ellipsis style={{ flex: 1 }}>{snapshot.draft.document.name || tenant} <Typography.Text type="secondary">· {tenant}</Typography.Text></Typography.Text>
          <Space wrap>
            <SaveStatus onShowProblems={() => setProblemsOpen(true)} />
            <UndoButtons />
            {/* Nothing to discard while the draft is the live document as it is. */}
            <Popconfirm title={t('draft.discardConfirm')} onConfirm={() => store.discard()} okText={t('common.discard')} cancelText={t('common.cancel')} disabled={unchanged}>
              <Button size="small" disabled={unchanged}>{t('draft.discard')}</Button>
            </Popconfirm>
            <Button type="primary" size="small" icon={<CloudUploadOutlined />} onClick={() => navigate(tenantPath(tenant, 'publish'))}>{t('publish.review')}</Button>
            <LanguageSwitch onChosen={(locale) => void api.client.saveLocale(locale).catch(() => undefined)} />
            <Button size="small" type="text" icon={<LogoutOutlined />} onClick={logout} title={me.email}>{t('login.logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, overflow: 'auto' }}>
          {snapshot.restored && <Alert type="info" showIcon closable title={t('draft.restored')} style={{ marginBottom: 12 }} />}
          {snapshot.setAside && (
            <Alert type="warning" showIcon data-testid="set-aside" style={{ marginBottom: 12 }}
              title={snapshot.setAside.editedOn ? t('draft.changedElsewhere', { version: snapshot.baseVersion ?? '—' }) : t('draft.setAside')}
              action={<Space orientation="vertical" size={4}>
                <Button size="small" type="primary" onClick={store.useSetAside}>{t(snapshot.setAside.editedOn ? 'draft.reapplySetAside' : 'draft.useSetAside')}</Button>
                <Button size="small" onClick={store.dropSetAside}>{t('draft.dropSetAside')}</Button>
              </Space>} />
          )}
          {snapshot.status === 'loading' && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
          {snapshot.status === 'error' && <Result status="error" title={t('draft.loadFailed')} subTitle={errorMessage(snapshot.error, t)} extra={<Button onClick={() => store.load()}>{t('common.retry')}</Button>} />}
          {snapshot.status === 'ready' && (
            <ScreenBoundary key={`${screen}/${segments[2] ?? ''}`}>
              <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
                <Screen itemKey={segments[2]} />
              </Suspense>
            </ScreenBoundary>
          )}
        </Layout.Content>
      </Layout>
      <ProblemsDrawer open={problemsOpen} onClose={() => setProblemsOpen(false)} />
      <style>{'.studio-flash { animation: studio-flash 1.6s ease-out; border-radius: 6px; } @keyframes studio-flash { 0% { box-shadow: 0 0 0 3px #fadb14; } 100% { box-shadow: 0 0 0 3px transparent; } }'}</style>
    </Layout>
  );
}

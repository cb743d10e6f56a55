import { Result, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { StudioApi, type ApiError } from '../api/studio-api.ts';
import { errorMessage } from '../api/error-message.ts';
import { useI18n, useT } from '../i18n/i18n.tsx';
import { DraftStore } from '../state/draft-store.ts';
import { StudioContext, type Studio } from '../state/studio-context.tsx';
import type { Me } from '../../../runtime/web/src/shared/api-client.ts';
import { LoginScreen } from './login-screen.tsx';
import { rememberTenant } from './recent-tenants.ts';
import { navigate, tenantPath, useLocation } from './router.ts';
import { TenantShell } from './tenant-shell.tsx';

type Session = { state: 'checking' } | { state: 'anonymous' } | { state: 'ready'; me: Me } | { state: 'failed'; message: string };

/** One tenant: the session (login for admins), then the draft store and the builder. */
export function TenantRoot({ tenant }: { tenant: string }) {
  const t = useT();
  const { segments } = useLocation();
  const studio = useMemo<Studio>(() => {
    const api = new StudioApi(tenant);
    return { tenant, api, store: new DraftStore(api) };
  }, [tenant]);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  useEffect(() => studio.store.watchConnection(), [studio]);

  useEffect(() => {
    let cancelled = false;
    studio.api.client.me().then(
      (me) => { if (!cancelled) setSession(me && me.roles.includes('admin') ? { state: 'ready', me } : { state: 'anonymous' }); },
      (error: ApiError) => { if (!cancelled) setSession(error.status === 404 ? { state: 'failed', message: t('login.noTenant', { tenant }) } : { state: 'failed', message: errorMessage(error, t) }); },
    );
    return () => { cancelled = true; };
  }, [studio, tenant, t]);

  const { settleAccountLocale } = useI18n();
  useEffect(() => {
    if (session.state !== 'ready') return;
    // The language the person keeps with their account (chosen in the app or the studio elsewhere),
    // unless they picked one on the way in just now, which is kept with the account.
    settleAccountLocale(session.me.locale, (picked) => void studio.api.client.saveLocale(picked).catch(() => undefined));
    rememberTenant(tenant);
    void studio.store.load();
    if (segments[1] === 'login') navigate(tenantPath(tenant), { replace: true });
  }, [session.state]); // once per sign-in

  if (session.state === 'checking') return <Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />;
  if (session.state === 'failed') return <Result status="warning" title={session.message} extra={<a href="/studio/">{t('picker.other')}</a>} />;
  if (session.state === 'anonymous') return <LoginScreen api={studio.api} onLogin={(me) => setSession({ state: 'ready', me })} />;
  return (
    <StudioContext.Provider value={studio}>
      <TenantShell me={session.me} onLogout={() => setSession({ state: 'anonymous' })} />
    </StudioContext.Provider>
  );
}

import { Button, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { ApiClient, ApiError, type Me } from '../../shared/api-client.ts';
import { uiLocaleOf } from '../../shared/labels.ts';
import { recordSearcher } from '../data/record-search.ts';
import { takeSignInLocale, useI18n } from '../i18n/i18n.tsx';
import { buildObjectInfos, type ObjectDescription } from '../metadata/object-info.ts';
import { paths, safeNext, type AppRoute } from '../routing/app-routes.ts';
import { navigate, useLocation } from '../routing/router.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { preloadScreen } from '../shell/route-outlet.tsx';
import { ErrorState, Notice } from '../shell/page-states.tsx';
import { LoginPage } from './login-page.tsx';
import { rememberTenant } from './recent-tenants.ts';
import { TenantSessionContext, type TenantSession } from './tenant-session.tsx';

type Stage =
  | { kind: 'checking' }
  | { kind: 'unknownTenant' }
  | { kind: 'signedOut' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; me: Me; document: MetadataDocument; version: number; described: ObjectDescription[] };

/** One tenant: asks who is signed in, shows the login when nobody is, then loads metadata and objects. */
export function TenantGate({ tenant, route }: { tenant: string; route: AppRoute }) {
  const { t, locale, setLocale, setDefaultLocale } = useI18n();
  const { href } = useLocation();
  const api = useMemo(() => new ApiClient(tenant), [tenant]);
  const [stage, setStage] = useState<Stage>({ kind: 'checking' });
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async (known?: Me) => {
    try {
      const me = known ?? await api.me();
      if (!me) return setStage({ kind: 'signedOut' });
      const [meta, objects] = await Promise.all([
        api.get<{ version: number; document: MetadataDocument }>('/meta'),
        api.get<{ data: ObjectDescription[] }>('/objects'),
      ]);
      rememberTenant(tenant);
      setDefaultLocale(uiLocaleOf(meta.document.locale));
      // A language picked on the sign-in page just now is the person's latest word: kept with the
      // account. Otherwise the account's (chosen on another device) wins over this browser's.
      const picked = takeSignInLocale();
      if (picked) void api.saveLocale(picked).catch(() => undefined);
      else if (me.locale) setLocale(me.locale);
      setStage({ kind: 'ready', me, document: meta.document, version: meta.version, described: objects.data });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return setStage({ kind: 'unknownTenant' });
      if (error instanceof ApiError && error.status === 401) return setStage({ kind: 'signedOut' });
      setStage({ kind: 'failed', error });
    }
  }, [api, tenant, setDefaultLocale, setLocale]);

  useEffect(() => { void load(); }, [load, generation]);
  // The first screen's code loads beside me/meta/objects (only once: later screens load on navigation).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => preloadScreen(route), []);

  const signedIn = stage.kind === 'ready';
  useEffect(() => {
    if (stage.kind === 'signedOut' && route.name !== 'login') navigate(paths.login(tenant, href), { replace: true });
    if (signedIn && route.name === 'login') navigate(safeNext(new URLSearchParams(window.location.search).get('next'), tenant), { replace: true });
  }, [stage.kind, signedIn, route.name, tenant, href]);

  const session = useMemo<TenantSession | null>(() => {
    if (stage.kind !== 'ready') return null;
    const objects = buildObjectInfos(stage.described, stage.document);
    const objectMap = new Map(objects.map((o) => [o.key, o]));
    const format = { locale, objects: objectMap, pools: stage.document.pools, ...(stage.document.timeZone ? { timeZone: stage.document.timeZone } : {}) };
    const { search, searchLinkable, resolve } = recordSearcher(api, format);
    return {
      tenant, api, me: stage.me, document: stage.document, metaVersion: stage.version, objects, objectMap, format, search, searchLinkable, resolve,
      reload: () => setGeneration((n) => n + 1),
      signOut: async () => {
        await api.logout().catch(() => undefined);
        setStage({ kind: 'signedOut' });
      },
    };
  }, [stage, locale, api, tenant]);

  switch (stage.kind) {
    case 'checking':
      return <div className="shoal-center-page"><Spin size="large" aria-label={t('loading')} /></div>;
    case 'unknownTenant':
      return (
        <Notice title={t('tenantUnknown', { slug: tenant })}
          action={<Button type="primary" onClick={() => navigate(paths.picker())}>{t('otherWorkspace')}</Button>} />
      );
    case 'signedOut':
      return <LoginPage api={api} tenantName={tenant} onSignedIn={(me) => { setStage({ kind: 'checking' }); void load(me); }} />;
    case 'failed':
      return <div className="shoal-center-page"><ErrorState error={stage.error} onRetry={() => setGeneration((n) => n + 1)} /></div>;
    case 'ready':
      return (
        <TenantSessionContext.Provider value={session}>
          <AppShell route={route} />
        </TenantSessionContext.Provider>
      );
  }
}

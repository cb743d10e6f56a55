import { App as AntApp } from 'antd';
import { I18nProvider } from './i18n/i18n.tsx';
import { parseAppPath } from './routing/app-routes.ts';
import { useLocation } from './routing/router.ts';
import { TenantGate } from './session/tenant-gate.tsx';
import { TenantPickerPage } from './session/tenant-picker-page.tsx';
import { NotFoundPage } from './shell/page-states.tsx';

/** The app: the tenant picker at `/app/`, one tenant's screens under `/app/{tenant}/`. */
export function AppRoot() {
  const { pathname } = useLocation();
  const route = parseAppPath(pathname);
  const tenant = 'tenant' in route ? route.tenant : undefined;
  return (
    <I18nProvider>
      <AntApp>
        {route.name === 'picker' ? <TenantPickerPage />
          : tenant ? <TenantGate key={tenant} tenant={tenant} route={route} />
          : <NotFoundPage />}
      </AntApp>
    </I18nProvider>
  );
}

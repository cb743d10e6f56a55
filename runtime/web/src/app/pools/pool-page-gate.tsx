import { Button } from 'antd';
import type { ReactNode } from 'react';
import type { PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { isMissingEndpoint, isStatus } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { componentEnabled, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { worksInPool } from '../shell/navigation-model.ts';
import { NotFoundPage, Notice } from '../shell/page-states.tsx';

export interface WorkedPool {
  poolKey: string;
  pool: PoolDefinition;
  object: ObjectInfo;
}

/**
 * A pool page's pool, or the one page shown instead: not found when the tenant has no such pool,
 * no access when the user does not work in it (as the navigation decides, which hides the link).
 */
export function PoolPageGate({ pool: poolKey, children }: { pool: string; children: (worked: WorkedPool) => ReactNode }) {
  const { document, objectMap, me, tenant } = useSession();
  const pool = document.pools?.[poolKey];
  const object = pool ? objectMap.get(pool.object) : undefined;
  if (!pool || !object || !componentEnabled(document, 'pools')) return <NotFoundPage tenant={tenant} />;
  if (!worksInPool(object, pool, me.roles)) return <PoolNoAccess />;
  return children({ poolKey, pool, object });
}

/** The server does not let the user list the pool (it answers 404 to non-members, so they never learn it exists). */
export function deniedPool(error: unknown): boolean {
  return isStatus(error, 403, 404) && !isMissingEndpoint(error);
}

export function PoolNoAccess() {
  const { t } = useI18n();
  const { tenant } = useSession();
  return (
    <Notice title={t('noAccess')} detail={t('poolNoAccess')}
      action={<Button type="primary" onClick={() => navigate(paths.home(tenant))}>{t('backHome')}</Button>} />
  );
}

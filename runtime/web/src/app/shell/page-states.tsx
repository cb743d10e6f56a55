import { Alert, Button, Empty, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isMissingEndpoint, isStatus, errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../routing/router.ts';
import { paths } from '../routing/app-routes.ts';

export function LoadingState({ rows = 6 }: { rows?: number }) {
  const { t } = useI18n();
  return <div aria-busy="true" aria-label={t('loading')}><Skeleton active paragraph={{ rows }} /></div>;
}

export function EmptyState({ text }: { text?: string }) {
  const { t } = useI18n();
  return <Empty description={text ?? t('empty')} />;
}

/** A failed load: "not available" for endpoints the server lacks, "no access" for 403/404, else the error with a retry. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const { t, locale } = useI18n();
  if (isMissingEndpoint(error)) {
    return <Alert type="info" showIcon title={t('notAvailable')} description={what ? t('notAvailableDetail', { what }) : undefined} />;
  }
  if (isStatus(error, 401)) {
    // The session ended (signed out elsewhere, expired): a reload shows the login, then comes back here.
    return <Notice title={t('signIn')} action={<Button type="primary" onClick={() => window.location.reload()}>{t('signIn')}</Button>} />;
  }
  if (isStatus(error, 403, 404)) {
    return <Notice title={t('noAccess')} detail={errorText(error, locale)} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error')}
      description={errorText(error, locale)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function NotFoundPage({ tenant }: { tenant?: string }) {
  const { t } = useI18n();
  return (
    <Notice title={t('notFound')} detail={t('notFoundDetail')}
      action={<Button type="primary" onClick={() => navigate(tenant ? paths.home(tenant) : paths.picker())}>{t('backHome')}</Button>} />
  );
}

/** A quiet full-width message (antd's Result carries large illustrations; this is on the first load). */
export function Notice({ title, detail, action }: { title: string; detail?: string; action?: ReactNode }) {
  return (
    <div role="status" style={{ textAlign: 'center', padding: '48px 16px' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={null} />
      <Typography.Title level={4}>{title}</Typography.Title>
      {detail && <Typography.Paragraph type="secondary">{detail}</Typography.Paragraph>}
      {action}
    </div>
  );
}

import { Alert, Button, Empty, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ProblemItem } from '../../shared/api-client.ts';
import { isMissingEndpoint, isStatus, errorText } from '../data/api-errors.ts';
import { fieldProblemText } from '../data/problem-words.ts';
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
  if (isStatus(error, 400, 422)) {
    // The request itself is wrong (a filter naming a field that does not exist): asking again
    // gives the same answer, so say what is wrong, where, instead of offering a retry.
    return <Alert type="error" showIcon role="alert" title={errorText(error, locale)} description={<ProblemList problems={error.errors} />} />;
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

/**
 * The server's problems, each at its JSON pointer (`/roomz: is not a field of lead`): in Chinese
 * where the app knows the words for the problem (`/roomz：不是此处的字段`), else as the server says them.
 */
export function ProblemList({ problems }: { problems: ProblemItem[] }) {
  const { locale } = useI18n();
  if (problems.length === 0) return null;
  const colon = locale === 'zh' ? '：' : ': ';
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {problems.map((p, i) => <li key={i}>{p.path && <code>{p.path}</code>}{p.path ? colon : ''}{locale === 'zh' ? fieldProblemText(p.message, undefined, locale) : p.message}</li>)}
    </ul>
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

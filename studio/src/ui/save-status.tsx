import { CheckCircleOutlined, LoadingOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { navigate, tenantPath } from '../app/router.ts';
import { useT } from '../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';

/**
 * Where the draft stands: saved, being checked, with problems (click to list them; the other edits
 * may be saved), or failed (click to try again now; the reason in the tooltip, and the store
 * retries by itself); and whether the code view holds text that is not JSON yet (never saved).
 */
export function SaveStatus({ onShowProblems }: { onShowProblems: () => void }) {
  const t = useT();
  const { tenant, store } = useStudio();
  const { save, problems, saveFailure, partlySaved, codeText } = useSnapshot();
  if (codeText !== null) {
    return <Button size="small" danger icon={<WarningOutlined />} onClick={() => navigate(tenantPath(tenant, 'code'))} data-testid="save-status">{t('save.codeNotJson')}</Button>;
  }
  if (save === 'invalid') {
    const text = t(partlySaved ? 'save.invalidRestSaved' : 'save.invalid', { n: problems.length });
    return <Button size="small" danger icon={<WarningOutlined />} onClick={onShowProblems} data-testid="save-status">{text}</Button>;
  }
  if (save === 'failed') {
    const reason = `${t(`save.failure.${saveFailure ?? 'other'}`)} ${t('save.retryHint')}`;
    return <Button size="small" danger icon={<ReloadOutlined />} onClick={() => void store.retry()} title={reason} aria-description={reason} data-testid="save-status">{t('save.failed')}</Button>;
  }
  if (save === 'saved') return <Tag color="success" icon={<CheckCircleOutlined />} data-testid="save-status">{t('save.saved')}</Tag>;
  return <Tag icon={<LoadingOutlined />} data-testid="save-status">{save === 'saving' ? t('save.saving') : t('save.checking')}</Tag>;
}

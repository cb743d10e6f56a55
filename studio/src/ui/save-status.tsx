import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { navigate, tenantPath } from '../app/router.ts';
import { useT } from '../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';

/**
 * Where the draft stands: saved, being checked, with problems (click to list them; the other edits
 * may be saved), or failed; and whether the code view holds text that is not JSON yet (never saved).
 */
export function SaveStatus({ onShowProblems }: { onShowProblems: () => void }) {
  const t = useT();
  const { tenant } = useStudio();
  const { save, problems, error, partlySaved, codeText } = useSnapshot();
  if (codeText !== null) {
    return <Button size="small" danger icon={<WarningOutlined />} onClick={() => navigate(tenantPath(tenant, 'code'))} data-testid="save-status">{t('save.codeNotJson')}</Button>;
  }
  if (save === 'invalid') {
    const text = t(partlySaved ? 'save.invalidRestSaved' : 'save.invalid', { n: problems.length });
    return <Button size="small" danger icon={<WarningOutlined />} onClick={onShowProblems} data-testid="save-status">{text}</Button>;
  }
  if (save === 'failed') return <Tag color="error" icon={<CloseCircleOutlined />} title={error} data-testid="save-status">{t('save.failed')}</Tag>;
  if (save === 'saved') return <Tag color="success" icon={<CheckCircleOutlined />} data-testid="save-status">{t('save.saved')}</Tag>;
  return <Tag icon={<LoadingOutlined />} data-testid="save-status">{save === 'saving' ? t('save.saving') : t('save.checking')}</Tag>;
}

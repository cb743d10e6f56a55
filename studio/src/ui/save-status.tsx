import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { useSnapshot } from '../state/studio-context.tsx';

/** Where the draft stands: saved, being checked, with problems (click to list them; the other edits may be saved), or failed. */
export function SaveStatus({ onShowProblems }: { onShowProblems: () => void }) {
  const t = useT();
  const { save, problems, error, partlySaved } = useSnapshot();
  if (save === 'invalid') {
    const text = t(partlySaved ? 'save.invalidRestSaved' : 'save.invalid', { n: problems.length });
    return <Button size="small" danger icon={<WarningOutlined />} onClick={onShowProblems} data-testid="save-status">{text}</Button>;
  }
  if (save === 'failed') return <Tag color="error" icon={<CloseCircleOutlined />} title={error} data-testid="save-status">{t('save.failed')}</Tag>;
  if (save === 'saved') return <Tag color="success" icon={<CheckCircleOutlined />} data-testid="save-status">{t('save.saved')}</Tag>;
  return <Tag icon={<LoadingOutlined />} data-testid="save-status">{save === 'saving' ? t('save.saving') : t('save.checking')}</Tag>;
}

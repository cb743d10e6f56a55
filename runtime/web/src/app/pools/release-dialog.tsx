import { Alert, AutoComplete, Form, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  open: boolean;
  busy: boolean;
  /** The page holds input not saved (the record's form) that releasing would lose: it says so first. */
  unsaved?: boolean;
  onRelease: (reason: string) => void;
  onCancel: () => void;
}

const suggestions = {
  zh: ['客户暂无合作意向', '联系不上关键人', '已与竞对签约', '信息有误'],
  en: ['No interest for now', 'Cannot reach the key person', 'Signed with a competitor', 'Wrong information'],
};

/** Releasing a lead back to the public pool needs a reason (kept with the record). */
export function ReleaseDialog({ open, busy, unsaved = false, onRelease, onCancel }: Props) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Modal open={open} title={t('release')} okText={t(unsaved ? 'releaseDiscarding' : 'release')} cancelText={t('cancel')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
      onOk={() => onRelease(reason.trim())} onCancel={onCancel} destroyOnHidden>
      {unsaved && <Alert type="warning" showIcon role="alert" title={t('releaseUnsaved')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('releaseReason')} required htmlFor="release-reason" extra={t('releaseReasonHint')}>
          <AutoComplete id="release-reason" value={reason} onChange={setReason} options={suggestions[locale].map((value) => ({ value }))} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

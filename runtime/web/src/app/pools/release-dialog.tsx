import { AutoComplete, Form, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  open: boolean;
  busy: boolean;
  onRelease: (reason: string) => void;
  onCancel: () => void;
}

const suggestions = {
  zh: ['客户暂无合作意向', '联系不上关键人', '已与竞对签约', '信息有误'],
  en: ['No interest for now', 'Cannot reach the key person', 'Signed with a competitor', 'Wrong information'],
};

/** Releasing a lead back to the public pool needs a reason (kept with the record). */
export function ReleaseDialog({ open, busy, onRelease, onCancel }: Props) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Modal open={open} title={t('release')} okText={t('release')} cancelText={t('cancel')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
      onOk={() => onRelease(reason.trim())} onCancel={onCancel} destroyOnHidden>
      <Form layout="vertical" component="div">
        <Form.Item label={t('releaseReason')} required htmlFor="release-reason" extra={t('releaseReasonHint')}>
          <AutoComplete id="release-reason" value={reason} onChange={setReason} options={suggestions[locale].map((value) => ({ value }))} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

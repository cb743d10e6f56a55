import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { releaseReasonText, usualReleaseReasons } from '../i18n/release-reasons.ts';
import { submitKeys } from '../forms/submit-keys.ts';

interface Props {
  open: boolean;
  busy: boolean;
  /** The page holds input not saved (the record's form) that releasing would lose: it says so first. */
  unsaved?: boolean;
  /** The dialog's title (释放「…」, naming the record); 释放 when absent. */
  title?: string;
  /** The reason to store: a usual reason's key (`no_interest`), else the words typed. */
  onRelease: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Releasing a lead back to the public pool needs a reason (kept with the record). The usual
 * reasons are buttons under the input, not a list that opens over the dialog's 释放 on a phone;
 * one picked (and not edited) is stored as its key, so that every reader sees it in their language.
 */
export function ReleaseDialog({ open, busy, unsaved = false, title, onRelease, onCancel }: Props) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  const usual = usualReleaseReasons.find((key) => releaseReasonText(key, locale) === reason.trim());
  // On a phone the keyboard would cover the dialog: the reasons are a tap away without it.
  const [focus] = useState(() => window.matchMedia('(min-width: 768px)').matches);
  const send = () => {
    if (reason.trim() && !busy) onRelease(usual ?? reason.trim());
  };
  return (
    <Modal open={open} title={title ?? t('release')} okText={t(unsaved ? 'releaseDiscarding' : 'release')} cancelText={t('cancel')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
      onOk={send} onCancel={onCancel} destroyOnHidden>
      {unsaved && <Alert type="warning" showIcon role="alert" title={t('releaseUnsaved')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('releaseReason')} required htmlFor="release-reason" extra={t('releaseReasonHint')}>
          <Input.TextArea id="release-reason" value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={submitKeys(send, 'enter')} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} autoFocus={focus} />
        </Form.Item>
      </Form>
      <Space wrap size={[8, 8]} role="group" aria-label={t('releaseUsualReasons')}>
        {usualReleaseReasons.map((key) => (
          <Button key={key} type={usual === key ? 'primary' : 'default'} ghost={usual === key} aria-pressed={usual === key} onClick={() => setReason(releaseReasonText(key, locale))}>
            {releaseReasonText(key, locale)}
          </Button>
        ))}
      </Space>
    </Modal>
  );
}

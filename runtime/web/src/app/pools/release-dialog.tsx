import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { labelOf } from '../../shared/labels.ts';
import { systemReleaseReason, type ReleaseReason } from '../i18n/release-reasons.ts';
import { submitKeys } from '../forms/submit-keys.ts';
import { useDialogState } from '../forms/use-dialog-state.ts';

interface Props {
  open: boolean;
  busy: boolean;
  /** The page holds input not saved (the record's form) that releasing would lose: it says so first. */
  unsaved?: boolean;
  /** The dialog's title (释放「…」, naming the record); 释放 when absent. */
  title?: string;
  /** The usual reasons the record's pool offers, in its order (`offeredReleaseReasons`). */
  reasons: readonly ReleaseReason[];
  /** The reason to store: a usual reason's key (`no_interest`, `shop_closed`), else the words typed. */
  onRelease: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Releasing a lead back to the public pool needs a reason (kept with the record). The usual
 * reasons (its pool's own, or the built-in four) are buttons under the input, not a list that opens over the dialog's 释放 on a phone;
 * one picked (and not edited) is stored as its key, so that every reader sees it in their language.
 */
export function ReleaseDialog({ open, busy, unsaved = false, title, reasons, onRelease, onCancel }: Props) {
  const { t, locale } = useI18n();
  // Empty each time it opens: the dialog stays mounted from one record to the next.
  const [reason, setReason] = useDialogState(open, '');
  const words = (usual: ReleaseReason) => labelOf(usual.label, locale, usual.key);
  const usual = reasons.find((r) => words(r).trim() === reason.trim())?.key;
  // Typed words that are a reason the system stores (hold_expired …): the server refuses them, as they would count as the system's.
  const system = usual === undefined && systemReleaseReason(reason.trim()) !== undefined;
  // On a phone the keyboard would cover the dialog: the reasons are a tap away without it.
  const [focus] = useState(() => window.matchMedia('(min-width: 768px)').matches);
  const send = () => {
    if (reason.trim() && !system && !busy) onRelease(usual ?? reason.trim());
  };
  return (
    <Modal open={open} title={title ?? t('release')} okText={t(unsaved ? 'releaseDiscarding' : 'release')} cancelText={t('cancel')} okButtonProps={{ danger: true, disabled: !reason.trim() || system, loading: busy }}
      onOk={send} onCancel={onCancel} destroyOnHidden>
      {unsaved && <Alert type="warning" showIcon role="alert" title={t('releaseUnsaved')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('releaseReason')} required htmlFor="release-reason" extra={t('releaseReasonHint')}
          {...(system ? { validateStatus: 'error' as const, help: t('releaseReasonSystem', { reason: reason.trim() }) } : {})}>
          <Input.TextArea id="release-reason" value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={submitKeys(send, 'enter')} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} autoFocus={focus} />
        </Form.Item>
      </Form>
      <Space wrap size={[8, 8]} role="group" aria-label={t('releaseUsualReasons')}>
        {reasons.map((r) => (
          <Button key={r.key} type={usual === r.key ? 'primary' : 'default'} ghost={usual === r.key} aria-pressed={usual === r.key} onClick={() => setReason(words(r))}>
            {words(r)}
          </Button>
        ))}
      </Space>
    </Modal>
  );
}

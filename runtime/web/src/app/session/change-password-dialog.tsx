import { Alert, App, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../shared/api-client.ts';
import { errorText, isStatus } from '../data/api-errors.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
  revokeApiKeys?: boolean;
}

/**
 * The signed-in person changes their password: the current one, then the new one twice. A wrong
 * current password is said at its field; the server ends every other session of theirs, so the
 * message says that phones and other browsers sign in again.
 */
export function ChangePasswordDialog({ api, onClose }: { api: ApiClient; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // The person's API keys: a key made by someone who had the old password would outlive it.
  const keys = useAsync(() => api.get<{ data: unknown[] }>('/api-keys').then((answer) => answer.data.length), [api]).data ?? 0;

  const submit = async ({ currentPassword, newPassword, revokeApiKeys }: Values) => {
    setBusy(true);
    setProblem(undefined);
    const revoking = keys > 0 && revokeApiKeys !== false;
    try {
      await api.post('/me/password', { currentPassword, newPassword, revokeApiKeys: revoking });
      void message.success(revoking ? t('passwordChangedKeysRevoked', { n: keys }) : t('passwordChanged'));
      onClose();
    } catch (error) {
      const at = (path: string) => isStatus(error, 422) && error.errors.some((e) => e.path === path);
      if (at('/currentPassword')) form.setFields([{ name: 'currentPassword', errors: [t('wrongCurrentPassword')] }]);
      else if (at('/newPassword')) form.setFields([{ name: 'newPassword', errors: [t('samePassword')] }]);
      else if (isStatus(error, 429)) setProblem(t('tooManyAttemptsIn', { minutes: Math.max(1, Math.ceil(Number(error.problem.retryAfter ?? 60) / 60)) }));
      else setProblem(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('changePassword')}
      okText={t('changePassword')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" title={problem} showIcon role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('enterCurrentPassword') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} extra={t('newPasswordHint')} rules={[{ required: true, min: 8, max: 200, message: t('newPasswordHint') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmNewPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('enterNewPasswordAgain') },
            ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer')))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {keys > 0 && (
          <Form.Item name="revokeApiKeys" valuePropName="checked" initialValue>
            <Checkbox>{t('revokeMyApiKeys', { n: keys })}</Checkbox>
          </Form.Item>
        )}
        {/* Enter in a field submits, as in any form. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

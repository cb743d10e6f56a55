import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/studio-api.ts';
import type { CreatedApiKey } from '../../api/integrations-api.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';
import { useIntegrationsApi } from './integration-hooks.ts';
import { errorMessage } from '../../api/error-message.ts';

interface Values {
  name: string;
  roles: string[];
}

/** A new API key of the signed-in administrator: a name, and optionally some of their roles. */
export function NewApiKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const t = useT();
  const { api } = useStudio();
  const integrations = useIntegrationsApi();
  const roleName = useRoleName();
  const [form] = Form.useForm<Values>();
  const [myRoles, setMyRoles] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    api.client.me().then((me) => setMyRoles(me?.roles ?? []), () => undefined);
  }, [api]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    setSaving(true);
    setFailure(null);
    try {
      onCreated(await integrations.createApiKey({ name: values.name.trim(), ...(values.roles.length > 0 ? { roles: values.roles } : {}) }));
    } catch (error) {
      const placed = error instanceof ApiError ? error.errors.filter((p) => p.path === '/name') : [];
      if (placed.length > 0) form.setFields([{ name: 'name', errors: placed.map((p) => p.message) }]);
      else setFailure(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('apiKeys.new')} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('apiKeys.create')} cancelText={t('common.cancel')} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ name: '', roles: [] }}>
        <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.nameHelp')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
          <Input autoFocus autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="roles" label={t('apiKeys.roles')} extra={t('apiKeys.rolesHelp')}>
          <Select mode="multiple" allowClear aria-label={t('apiKeys.roles')} options={myRoles.map((r) => ({ value: r, label: roleName(r) }))} placeholder={t('apiKeys.allRoles')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

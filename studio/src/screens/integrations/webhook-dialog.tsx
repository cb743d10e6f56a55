import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { webhookEvents } from '../../../../platform/webhooks/webhook-events.ts';
import type { Webhook } from '../../api/integrations-api.ts';
import { ApiError } from '../../api/studio-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot } from '../../state/studio-context.tsx';
import { chooseEvents } from './event-choice.ts';
import { useEventLabel, useIntegrationsApi } from './integration-hooks.ts';
import { errorMessage } from '../../api/error-message.ts';

interface Values {
  url: string;
  events: string[];
  object?: string;
  active: boolean;
}

/**
 * Subscribes a URL to events (`hook` null) or changes a subscription: its URL, events, object
 * and whether it is active. The server's checks (a public address, a published object) show
 * beside the inputs they are about.
 */
export function WebhookDialog({ hook, onClose, onSaved }: { hook: Webhook | null; onClose: () => void; onSaved: (saved: Webhook & { secret?: string }) => void }) {
  const { t, label } = useI18n();
  const integrations = useIntegrationsApi();
  const { live } = useSnapshot();
  const eventLabel = useEventLabel();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const objects = Object.entries(live?.document.objects ?? {}).map(([key, object]) => ({ value: key, label: `${label(object.label, key)} · ${key}` }));

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const { object, ...rest } = { ...values, url: values.url.trim() };
    setSaving(true);
    setFailure(null);
    try {
      if (hook) onSaved(await integrations.updateWebhook(hook.id, { ...rest, object: object ?? null }));
      else onSaved(await integrations.createWebhook({ ...rest, ...(object ? { object } : {}) }));
    } catch (error) {
      showProblems(error);
    } finally {
      setSaving(false);
    }
  };

  const showProblems = (error: unknown) => {
    const fields = new Set(['url', 'events', 'object', 'active']);
    const placed = error instanceof ApiError ? error.errors.filter((p) => fields.has(p.path.split('/')[1] ?? '')) : [];
    if (placed.length > 0) form.setFields(placed.map((p) => ({ name: p.path.split('/')[1] as keyof Values, errors: [p.message] })));
    else setFailure(errorMessage(error, t));
  };

  return (
    <Modal open title={hook ? t('webhooks.editTitle') : t('webhooks.new')} onCancel={onClose} onOk={submit} confirmLoading={saving}
      okText={hook ? t('webhooks.save') : t('webhooks.create')} cancelText={t('common.cancel')} destroyOnHidden width={640}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}
        initialValues={{ url: hook?.url ?? '', events: hook?.events ?? [], object: hook?.object ?? undefined, active: hook?.active ?? true }}>
        <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { pattern: /^https?:\/\/\S+$/, message: t('webhooks.urlInvalid') }]}>
          <Input autoFocus autoComplete="off" placeholder="https://example.com/shoal-events" maxLength={2048} />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} extra={t('webhooks.eventsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
          getValueFromEvent={(next: string[]) => chooseEvents(form.getFieldValue('events') ?? [], next)}>
          <Select mode="multiple" aria-label={t('webhooks.events')} options={['*', ...webhookEvents].map((e) => ({ value: e, label: eventLabel(e) }))} />
        </Form.Item>
        <Form.Item name="object" label={t('webhooks.object')} extra={t('webhooks.objectHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} aria-label={t('webhooks.object')} placeholder={t('webhooks.allObjects')} options={objects} />
        </Form.Item>
        <Form.Item name="active" label={t('webhooks.active')} extra={t('webhooks.activeHelp')} valuePropName="checked">
          <Switch aria-label={t('webhooks.active')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

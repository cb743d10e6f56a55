import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, type PersonInput, type UserSummary } from '../../api/studio-api.ts';
import { attributeKeyPattern, attributeRows, attributesFromRows, type AttributeRow } from '../../document/person-attributes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';
import { AttributesEditor } from './attributes-editor.tsx';
import { errorMessage } from '../../api/error-message.ts';

interface Values {
  name: string;
  email: string;
  password?: string;
  roles: string[];
  managerId?: string;
  attributes: AttributeRow[];
  active: boolean;
}

/** Roles a person can be given: the live ones (the server refuses others); draft-only roles say to publish first. */
function useRoleOptions(): Array<{ value: string; label: string; disabled?: boolean }> {
  const { t } = useI18n();
  const { live, draft } = useSnapshot();
  const name = useRoleName();
  const published = ['admin', ...Object.keys(live?.document.roles ?? {}).filter((r) => r !== 'admin')];
  const unpublished = Object.keys(draft.document.roles ?? {}).filter((r) => !published.includes(r));
  return [
    ...published.map((r) => ({ value: r, label: name(r) })),
    ...unpublished.map((r) => ({ value: r, label: t('people.roleUnpublished', { role: name(r) }), disabled: true })),
  ];
}

/** Adds a person, or edits one (`person`): name, e-mail, password, roles, manager, attributes, whether they can sign in. */
export function PersonDialog({ person, people, onClose, onSaved }: { person: UserSummary | null; people: UserSummary[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { api } = useStudio();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const roleOptions = useRoleOptions();
  const knownKeys = [...new Set(people.flatMap((p) => Object.keys(p.attributes ?? {})))].sort();
  const managers = people.filter((p) => p.id !== person?.id && p.active !== false).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }));

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const input: PersonInput = {
      name: values.name.trim(),
      email: values.email.trim(),
      roles: values.roles,
      attributes: attributesFromRows(values.attributes, person?.attributes),
      managerId: values.managerId ?? null,
      ...(values.password ? { password: values.password } : {}),
    };
    setSaving(true);
    setFailure(null);
    try {
      if (person) await api.updateUser(person.id, { ...input, active: values.active });
      else await api.createUser(input);
      onSaved();
    } catch (error) {
      showProblems(error);
    } finally {
      setSaving(false);
    }
  };

  // The server's problems go beside the inputs they are about; others above the form.
  const showProblems = (error: unknown) => {
    if (!(error instanceof ApiError)) return setFailure(errorMessage(error, t));
    const fields = new Set(['name', 'email', 'password', 'roles', 'managerId', 'attributes']);
    const placed = error.errors.filter((p) => fields.has(p.path.split('/')[1] ?? ''));
    if (error.code === 'duplicate') form.setFields([{ name: 'email', errors: [t('people.emailTaken')] }]);
    else if (placed.length > 0) form.setFields(placed.map((p) => ({ name: p.path.split('/')[1] as keyof Values, errors: [p.message] })));
    else setFailure(errorMessage(error, t));
  };

  const keysValid = (rows: AttributeRow[] = []) => {
    const keys = rows.map((r) => r.key.trim()).filter(Boolean);
    return keys.every((k) => attributeKeyPattern.test(k)) && new Set(keys).size === keys.length;
  };

  return (
    <Modal open title={person ? t('people.edit', { name: person.name }) : t('people.add')} onCancel={onClose} onOk={submit} confirmLoading={saving}
      okText={person ? t('people.save') : t('common.add')} cancelText={t('common.cancel')} destroyOnHidden width={640}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}
        initialValues={{
          name: person?.name ?? '', email: person?.email ?? '', roles: person?.roles ?? [], managerId: person?.managerId ?? undefined,
          attributes: attributeRows(person?.attributes), active: person?.active !== false,
        }}>
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('people.email')} rules={[{ required: true, message: t('common.required') }, { type: 'email', message: t('people.emailInvalid') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={person ? t('people.newPassword') : t('people.password')} extra={person ? t('people.newPasswordHelp') : t('people.passwordHelp')}
          rules={[...(person ? [] : [{ required: true, message: t('common.required') }]), { min: 8, message: t('people.passwordShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('people.roles')} extra={t('people.rolesHelp')}>
          <Select mode="multiple" options={roleOptions} aria-label={t('people.roles')} />
        </Form.Item>
        <Form.Item name="managerId" label={t('people.manager')} extra={t('people.managerHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={managers} aria-label={t('people.manager')} />
        </Form.Item>
        <Form.Item name="attributes" label={t('people.attributes')} extra={t('people.attributesHelp')}
          rules={[{ validator: (_r, rows?: AttributeRow[]) => (keysValid(rows) ? Promise.resolve() : Promise.reject(new Error(t('people.attributeKeyRule')))) }]}>
          <AttributesEditor knownKeys={knownKeys} />
        </Form.Item>
        {person && (
          <Form.Item name="active" label={t('people.active')} extra={t('people.activeHelp')} valuePropName="checked">
            <Switch aria-label={t('people.active')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

import { Form, Input, Modal, Select } from 'antd';
import { useT } from '../i18n/i18n.tsx';

export interface AddItemValues {
  key: string;
  object?: string;
}

export interface AddItemModalProps {
  open: boolean;
  title: string;
  onCancel: () => void;
  onAdd: (values: AddItemValues) => void;
  keyPattern?: RegExp;
  takenKeys: string[];
  /** Object choices, when the item belongs to an object. */
  objects?: Array<{ value: string; label: string }>;
  /** The key is the object (layouts). */
  keyIsObject?: boolean;
  suggestKey?: (object: string | undefined) => string;
}

/** Asks for a new item's key (and object) before adding it to the document. */
export function AddItemModal({ open, title, onCancel, onAdd, keyPattern, takenKeys, objects, keyIsObject, suggestKey }: AddItemModalProps) {
  const t = useT();
  const [form] = Form.useForm<AddItemValues>();
  const submit = async () => {
    const values = await form.validateFields();
    onAdd(keyIsObject ? { key: values.object!, object: values.object! } : values);
    form.resetFields();
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={submit} okText={t('common.add')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}
        onValuesChange={(changed: Partial<AddItemValues>) => {
          if (changed.object && suggestKey && !form.isFieldTouched('key')) form.setFieldValue('key', suggestKey(changed.object));
        }}>
        {objects && (
          <Form.Item name="object" label={t('common.object')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={objects.filter((o) => !keyIsObject || !takenKeys.includes(o.value))} showSearch={{ optionFilterProp: 'label' }} autoFocus aria-label={t('common.object')} />
          </Form.Item>
        )}
        {!keyIsObject && (
          <Form.Item name="key" label={t('common.key')} extra={t('key.help')} rules={[
            { required: true, message: t('common.required') },
            { pattern: keyPattern ?? /^[a-z][a-zA-Z0-9_-]{0,39}$/, message: t('key.pattern') },
            { validator: (_r, v: string) => (takenKeys.includes(v) ? Promise.reject(new Error(t('key.taken'))) : Promise.resolve()) },
          ]}>
            <Input autoFocus={!objects} style={{ fontFamily: 'monospace' }} autoComplete="off" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

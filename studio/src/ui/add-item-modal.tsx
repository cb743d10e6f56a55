import { Form, Input, Modal, Select } from 'antd';
import type { Label } from '../../../platform/metadata/metadata-types.ts';
import { useT, type MessageKey } from '../i18n/i18n.tsx';
import { keyFromTyped } from '../document/label-key.ts';
import { labelFromInputs } from './label-input.tsx';
import { useKeySuggestion, writeSuggestedKey } from './use-key-suggestion.ts';

export interface AddItemValues {
  key: string;
  object?: string;
  /** The item's label, when the dialog asks for one (`asksLabel`). */
  label?: Label;
}

interface FormValues {
  key: string;
  object?: string;
  en?: string;
  zh?: string;
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
  /**
   * The item has a label the app shows (a pool's menu, a view's tab): ask for it here, in
   * English and Chinese, so the app never falls back to a name made from the key.
   */
  asksLabel?: boolean;
  /** The label asked for may be left out, the owner typing the key instead (a role: `bd`). */
  labelOptional?: boolean;
}

/** What the key's help says it is made from: the labels asked for, the object chosen, or nothing (the owner types it). */
export function keyHelp({ asksLabel, suggestKey }: Pick<AddItemModalProps, 'asksLabel' | 'suggestKey'>): MessageKey {
  if (suggestKey) return 'key.helpFromObject';
  return asksLabel ? 'key.help' : 'key.helpTyped';
}

/** Asks for a new item's key (and object, and label) before adding it to the document. */
export function AddItemModal({ open, title, onCancel, onAdd, keyPattern, takenKeys, objects, keyIsObject, suggestKey, asksLabel, labelOptional }: AddItemModalProps) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const suggestLabelKey = useKeySuggestion(form, takenKeys);
  // A key typed in Chinese becomes its pinyin key (顾问 → guWen) when the owner leaves the input or adds.
  const pinyinKey = async () => {
    const typed: unknown = form.getFieldValue('key');
    if (typeof typed !== 'string') return;
    const key = await keyFromTyped(typed, takenKeys).catch(() => typed);
    if (key !== typed && form.getFieldValue('key') === typed) form.setFieldValue('key', key);
  };
  // A tenant with one object (a new owner's first pipeline, pool or rule): it is chosen already, with the key it suggests.
  const choices = objects?.filter((o) => !keyIsObject || !takenKeys.includes(o.value));
  const only = choices?.length === 1 ? choices[0]!.value : undefined;
  const initialValues = only ? { object: only, ...(suggestKey ? { key: suggestKey(only) } : {}) } : undefined;
  const submit = async () => {
    await pinyinKey();
    // A refused form shows its problems beside the inputs; the rejection needs no other handling.
    const filled = await form.validateFields().catch(() => undefined);
    if (!filled) return;
    const { en, zh, ...values } = filled;
    const label = labelFromInputs(en, zh);
    onAdd(keyIsObject ? { key: values.object!, object: values.object! } : { ...values, ...(label ? { label } : {}) });
    form.resetFields();
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={submit} okText={t('common.add')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={initialValues}
        onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
          if (changed.object && suggestKey && !form.isFieldTouched('key')) writeSuggestedKey(form, suggestKey(changed.object));
          // Without a key to suggest from the object (views, rules), the labels give one, as for fields.
          if ((changed.en !== undefined || changed.zh !== undefined) && !suggestKey) suggestLabelKey(all);
        }}>
        {objects && (
          <Form.Item name="object" label={t('common.object')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={choices} showSearch={{ optionFilterProp: 'label' }} autoFocus aria-label={t('common.object')} />
          </Form.Item>
        )}
        {asksLabel && (
          <>
            <Form.Item name="en" label={t('label.en')} dependencies={['zh']} rules={[{
              validator: (_r, en?: string) => (labelOptional || labelFromInputs(en, form.getFieldValue('zh')) ? Promise.resolve() : Promise.reject(new Error(t('add.labelRequired')))),
            }]}>
              <Input autoFocus={!objects} autoComplete="off" />
            </Form.Item>
            <Form.Item name="zh" label={t('label.zh')} extra={t('add.zhHelp')}>
              <Input autoComplete="off" />
            </Form.Item>
          </>
        )}
        {!keyIsObject && (
          <Form.Item name="key" label={t('common.key')} extra={t(keyHelp({ asksLabel, suggestKey }))} rules={[
            { required: true, message: t('common.required') },
            { pattern: keyPattern ?? /^[a-z][a-zA-Z0-9_-]{0,39}$/, message: t('key.pattern') },
            { validator: (_r, v: string) => (takenKeys.includes(v) ? Promise.reject(new Error(t('key.taken'))) : Promise.resolve()) },
          ]}>
            <Input autoFocus={!objects && !asksLabel} style={{ fontFamily: 'monospace' }} autoComplete="off" onBlur={() => void pinyinKey()} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

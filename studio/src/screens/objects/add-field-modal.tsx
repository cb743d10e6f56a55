import { Form, Input, Modal, Select } from 'antd';
import { fieldTypeSpecs } from '../../../../platform/metadata/field-types.ts';
import { fieldKeyPattern, isReservedFieldKey, reservedFieldKeys, type FieldDefinition, type FieldType } from '../../../../platform/metadata/metadata-types.ts';
import { currencyCodes, documentCurrency, optionsFromValues, setFieldType } from '../../document/field-type-ops.ts';
import { addField, updateField } from '../../document/object-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { fieldTypeChoices, useObjectChoices } from '../../ui/choices.ts';
import { labelFromInputs } from '../../ui/label-input.tsx';
import { useKeySuggestion } from '../../ui/use-key-suggestion.ts';

interface Values {
  en?: string;
  zh?: string;
  key: string;
  type: FieldType;
  target?: string;
  options?: string[];
  currency?: string;
}

/** Adds a field: label, key, type, and for lookups and selects what they need right away. */
export function AddFieldModal({ object, open, onClose, onAdded }: { object: string; open: boolean; onClose: () => void; onAdded: (key: string) => void }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const objects = useObjectChoices(true);
  // Keys the server refuses for a custom field (pool, data, stage …) are taken too: suggestions avoid them.
  const own = Object.keys(document.objects[object]?.fields ?? {});
  const taken = [...own, ...reservedFieldKeys];
  const suggestKey = useKeySuggestion(form, taken);
  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const label = labelFromInputs(values.en, values.zh);
    const options = (values.type === 'select' || values.type === 'multiselect') && values.options?.length ? await optionsFromValues(values.options, locale) : undefined;
    apply(addField(object, values.key, { type: 'text', ...(label ? { label } : {}) } as FieldDefinition));
    if (values.type !== 'text') apply(setFieldType(object, values.key, values.type));
    if (values.type === 'lookup' && values.target) apply(updateField(object, values.key, { object: values.target }));
    if (values.type === 'currency' && values.currency) apply(updateField(object, values.key, { currency: values.currency }));
    if (options) apply(updateField(object, values.key, { options }));
    form.resetFields();
    onClose();
    if (fieldTypeSpecs[values.type].options.length > 0 && values.type !== 'lookup' && values.type !== 'select' && values.type !== 'multiselect') onAdded(values.key);
  };
  return (
    <Modal open={open} title={t('fields.add')} onCancel={onClose} onOk={submit} okText={t('common.add')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ type: 'text' }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if (changed.en !== undefined || changed.zh !== undefined) suggestKey(all);
          if (changed.type === 'currency' && !form.getFieldValue('currency')) form.setFieldValue('currency', documentCurrency(document));
        }}>
        <Form.Item name="en" label={t('label.en')}><Input autoFocus autoComplete="off" /></Form.Item>
        <Form.Item name="zh" label={t('label.zh')}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="key" label={t('fields.key')} extra={t('key.help')} rules={[
          { required: true, message: t('common.required') },
          { pattern: fieldKeyPattern, message: t('key.pattern') },
          { validator: (_r, v: string) => (own.includes(v) ? Promise.reject(new Error(t('key.taken')))
            : isReservedFieldKey(v, type) ? Promise.reject(new Error(t('fields.keyReserved'))) : Promise.resolve()) },
        ]}>
          <Input style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="type" label={t('fields.type')}>
          {/* Sixteen types: typing 单选 finds it. */}
          <Select showSearch={{ optionFilterProp: 'label' }} options={fieldTypeChoices(document, object, undefined, t)} aria-label={t('fields.type')} />
        </Form.Item>
        {type === 'lookup' && (
          <Form.Item name="target" label={t('fields.target')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={objects} aria-label={t('fields.target')} />
          </Form.Item>
        )}
        {type === 'currency' && (
          <Form.Item name="currency" label={t('opt.currency')} extra={t('fields.currencyHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch options={currencyCodes.map((c) => ({ value: c, label: c }))} aria-label={t('opt.currency')} />
          </Form.Item>
        )}
        {(type === 'select' || type === 'multiselect') && (
          <Form.Item name="options" label={t('fields.options')} extra={t('fields.optionsHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} aria-label={t('fields.options')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

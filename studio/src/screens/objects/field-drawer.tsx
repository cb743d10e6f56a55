import { Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { momentDefaults } from '../../../../platform/metadata/field-defaults.ts';
import { fieldTypeSpecs } from '../../../../platform/metadata/field-types.ts';
import type { FieldDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { defaultChoices, fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { updateField } from '../../document/object-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { Item } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { TypeOptions } from './type-options.tsx';

function DefaultInput({ field, value, onChange }: { field: FieldDefinition; value: unknown; onChange: (v: unknown) => void }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const kind = fieldTypeSpecs[field.type].kind;
  if (field.type === 'autonumber' || field.type === 'lookup') return <Typography.Text type="secondary">{t('fields.noDefault')}</Typography.Text>;
  if (field.type === 'select' || field.type === 'stage' || field.type === 'multiselect') {
    return <Select allowClear mode={field.type === 'multiselect' ? 'multiple' : undefined} value={value as string | undefined} onChange={onChange} options={defaultChoices(document, field, locale)} aria-label={t('fields.default')} />;
  }
  if (kind === 'number') return <InputNumber value={value as number | undefined} onChange={(v) => onChange(v ?? undefined)} style={{ width: '100%' }} aria-label={t('fields.default')} />;
  if (kind === 'boolean') {
    return <Select allowClear value={value === undefined ? undefined : String(value)} onChange={(v) => onChange(v === undefined ? undefined : v === 'true')} aria-label={t('fields.default')}
      options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />;
  }
  if (field.type === 'date' || field.type === 'datetime') return <MomentDefaultInput type={field.type} value={value} onChange={onChange} />;
  return <Input value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value)} aria-label={t('fields.default')} />;
}

/** A date's or date-time's default: none, the day (moment) a record is created, or a fixed one typed in. */
function MomentDefaultInput({ type, value, onChange }: { type: 'date' | 'datetime'; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useI18n();
  const moment = momentDefaults[type];
  const given = value === undefined || value === '' ? 'none' : value === moment ? 'moment' : 'fixed';
  // "Fixed" before a value is typed has nothing in the document to show it by, so the choice is kept here.
  const [kind, setKind] = useState<'none' | 'moment' | 'fixed'>(given);
  const shown = given === 'none' && kind === 'fixed' ? 'fixed' : given;
  const choose = (next: 'none' | 'moment' | 'fixed') => {
    setKind(next);
    onChange(next === 'moment' ? moment : undefined);
  };
  return (
    <Space.Compact block>
      <Select value={shown} onChange={choose} style={{ width: 200 }} aria-label={t('fields.defaultKind')} options={[
        { value: 'none', label: t('fields.defaultNone') },
        { value: 'moment', label: t(type === 'date' ? 'fields.defaultToday' : 'fields.defaultNow') },
        { value: 'fixed', label: t(type === 'date' ? 'fields.defaultFixedDate' : 'fields.defaultFixedTime') },
      ]} />
      {shown === 'fixed' && (
        <Input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          placeholder={type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm:ss+08:00'} aria-label={t('fields.default')} />
      )}
    </Space.Compact>
  );
}

/** Everything about one field beyond the table: type-specific options, description, default. */
export function FieldDrawer({ object, fieldKey, onClose }: { object: string; fieldKey: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const field = document.objects[object]!.fields[fieldKey]!;
  const at = ptr('objects', object, 'fields', fieldKey);
  const set = (prop: keyof FieldDefinition, value: unknown) => apply(updateField(object, fieldKey, { [prop]: value }));
  return (
    <Drawer open onClose={onClose} size={640} title={<span>{t('fields.optionsTitle', { name: fieldName(document, object, fieldKey, locale) })} <Typography.Text type="secondary">{fieldKey} · {t(`type.${field.type}`)}</Typography.Text></span>}>
      <Form layout="vertical" component="div">
        <Typography.Paragraph type="secondary">{t(`typeHelp.${field.type}`)}</Typography.Paragraph>
        <TypeOptions object={object} fieldKey={fieldKey} field={field} at={at} set={set} />
        <Item pointer={`${at}/description`} label={t('common.description')} help={t('fields.descriptionHelp')}>
          <LabelInput value={field.description} onChange={(v) => set('description', v)} />
        </Item>
        <Item pointer={`${at}/default`} label={t('fields.default')} help={t('fields.defaultHelp')}>
          <DefaultInput field={field} value={field.default} onChange={(v) => set('default', v)} />
        </Item>
      </Form>
    </Drawer>
  );
}

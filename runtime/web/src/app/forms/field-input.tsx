import { LinkOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useContext, type KeyboardEvent } from 'react';
import { contactHref } from '../../shared/contact-links.ts';
import { labelOf } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldInfo } from '../metadata/object-info.ts';
import { TenantSessionContext } from '../session/tenant-session.tsx';
import { RecordPicker } from './record-picker.tsx';
import { fromPickerValue, toPickerValue } from './zone-clock.ts';
import { zonedDatePicker } from './zoned-date-picker.ts';

export interface FieldInputProps {
  field: FieldInfo;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  id?: string;
  ariaLabel?: string;
  invalid?: boolean;
  onBlur?: () => void;
  /** A lookup offers to open the record picked. */
  openable?: boolean | undefined;
  /** The lookup of a record being created (`visit.lead`): it offers only records the caller may create it on. */
  linkFrom?: string | undefined;
}

/**
 * Enter in a date picker confirms the typed date; it must not also submit the form around it
 * (which saved a visit with half its fields empty). The picker still handles the key.
 */
const keepEnterInPicker = (event: KeyboardEvent) => {
  if (event.key === 'Enter') event.preventDefault();
};

const currencySymbols: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

/**
 * What a typed date or time may look like: shown as the first, read in any (a time typed with
 * seconds, or with slashes as a spreadsheet writes it, is taken rather than silently refused).
 */
const dateFormats = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY/M/D', 'YYYY-M-D'];
const dateTimeFormats = ['YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss', 'YYYY/MM/DD HH:mm', 'YYYY/M/D HH:mm', 'YYYY/MM/DD HH:mm:ss', 'YYYY-M-D H:mm'];

const contactIcons = { phone: <PhoneOutlined />, email: <MailOutlined />, url: <LinkOutlined /> };

/**
 * Beside a phone, e-mail or web address being edited: a button that dials, writes or opens what is
 * typed (a BD calls the contact from the lead they are updating), once it is a usable value. Always
 * there (hidden, not removed, while unusable) so typing does not remount the input and lose focus.
 */
function contactSuffix(type: 'phone' | 'email' | 'url', value: string, label: string) {
  const href = contactHref(type, value);
  return (
    <a href={href} aria-label={label} title={label} hidden={!href} className="shoal-contact-action"
      {...(type === 'url' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {contactIcons[type]}
    </a>
  );
}

/** An editor for one field by its type; empty input gives `undefined`. Used by forms and prompts. */
export function FieldInput({ field, value, onChange, disabled, id, ariaLabel, invalid, onBlur, openable, linkFrom }: FieldInputProps) {
  const { t, locale } = useI18n();
  // Date-times read and are entered in the tenant's zone, as every other screen shows them.
  const timeZone = useContext(TenantSessionContext)?.format.timeZone;
  const ZonedPicker = zonedDatePicker(timeZone);
  const def = field.definition;
  const status = invalid ? ('error' as const) : undefined;
  const common = { id, disabled, status, onBlur, 'aria-label': ariaLabel, 'aria-invalid': invalid || undefined };
  const text = typeof value === 'string' ? value : '';
  const number = typeof value === 'number' ? value : null;
  const setText = (next: string) => onChange(next === '' ? undefined : next);
  const setNumber = (next: number | string | null) => onChange(typeof next === 'number' ? next : undefined);
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: labelOf(o.label, locale, o.value) }));

  // A number pad where no minus is needed (an iPhone's has none): where the field's min allows a negative, the keyboard.
  const numberPad = (pad: 'numeric' | 'decimal') => (typeof def?.min === 'number' && def.min >= 0 ? pad : undefined);
  // Numbers bring up a phone's number pad (inputMode). They are kept as typed, not clamped to the field's min/max (antd would silently turn -500
  // into 0 on blur): the form's validation says what is wrong (不能小于 0) and nothing is saved.
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea {...common} value={text} maxLength={def?.maxLength} autoSize={{ minRows: 2, maxRows: 8 }} onChange={(e) => setText(e.target.value)} />;
    case 'email':
      return <Input {...common} type="email" inputMode="email" value={text} suffix={contactSuffix('email', text, t('writeTo', { to: text }))} onChange={(e) => setText(e.target.value)} />;
    case 'phone':
      return <Input {...common} type="tel" inputMode="tel" value={text} suffix={contactSuffix('phone', text, t('callNumber', { number: text }))} onChange={(e) => setText(e.target.value)} />;
    case 'url':
      return <Input {...common} type="url" inputMode="url" value={text} placeholder="https://" suffix={contactSuffix('url', text, t('openAddress', { url: text }))} onChange={(e) => setText(e.target.value)} />;
    case 'integer':
      return <InputNumber {...common} inputMode={numberPad('numeric')} style={{ width: '100%' }} value={number} precision={0} onChange={setNumber} />;
    case 'decimal':
      return <InputNumber {...common} inputMode={numberPad('decimal')} style={{ width: '100%' }} value={number} onChange={setNumber} />;
    case 'currency':
      return (
        <InputNumber {...common} inputMode={numberPad('decimal')} style={{ width: '100%' }} value={number} precision={def?.scale ?? 2}
          prefix={currencySymbols[def?.currency ?? 'CNY'] ?? def?.currency} onChange={setNumber} />
      );
    case 'percent':
      return <InputNumber {...common} inputMode="decimal" style={{ width: '100%' }} value={number} suffix="%" onChange={setNumber} />;
    case 'boolean':
      return <Switch id={id} aria-label={ariaLabel} disabled={disabled} checked={value === true} onChange={(checked) => onChange(checked)} />;
    case 'date':
      return (
        <ZonedPicker {...common} style={{ width: '100%' }} value={text ? dayjs(text) : null} onKeyDown={keepEnterInPicker} format={dateFormats}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />
      );
    case 'datetime':
      return (
        <ZonedPicker {...common} style={{ width: '100%' }} showTime={{ format: 'HH:mm' }} format={dateTimeFormats} onKeyDown={keepEnterInPicker} placeholder={t('pickDateTime')}
          value={text ? toPickerValue(text, timeZone) : null} onChange={(d) => onChange(d ? fromPickerValue(d, timeZone) : undefined)} />
      );
    case 'select':
    case 'stage':
      return <Select {...common} style={{ width: '100%' }} allowClear value={text || undefined} options={options} onChange={(v: string | undefined) => onChange(v)} />;
    case 'multiselect':
      return (
        <Select {...common} style={{ width: '100%' }} mode="multiple" allowClear options={options}
          value={Array.isArray(value) ? value : []} onChange={(v: string[]) => onChange(v.length ? v : undefined)} />
      );
    case 'lookup':
      return <RecordPicker target={field.target ?? ''} value={value} onChange={onChange} disabled={disabled} id={id} ariaLabel={ariaLabel} status={status} openable={openable} linkFrom={linkFrom} />;
    default:
      return <Input {...common} value={text} maxLength={def?.maxLength} onChange={(e) => setText(e.target.value)} />;
  }
}

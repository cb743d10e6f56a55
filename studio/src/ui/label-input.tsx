import { Input, Space } from 'antd';
import type { Label } from '../../../platform/metadata/metadata-types.ts';
import { useT } from '../i18n/i18n.tsx';

function parts(value: Label | undefined): { en: string; zh: string } {
  if (value === undefined) return { en: '', zh: '' };
  if (typeof value === 'string') return { en: value, zh: '' };
  return { en: value.en ?? '', zh: value.zh ?? '' };
}

/** The next label: `{ en, zh }` with empty languages left out; undefined when both are empty. */
export function nextLabel(value: Label | undefined, locale: 'en' | 'zh', text: string): Label | undefined {
  const current = typeof value === 'object' && value ? { ...value } : parts(value);
  const next: Record<string, string | undefined> = { ...current, [locale]: text };
  const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v));
  return Object.keys(cleaned).length > 0 ? (cleaned as Label) : undefined;
}

/** A label from a dialog's two inputs: `{ en, zh }` without the languages left blank; undefined when both are. */
export function labelFromInputs(en: string | undefined, zh: string | undefined): Label | undefined {
  const label = { ...(en?.trim() ? { en: en.trim() } : {}), ...(zh?.trim() ? { zh: zh.trim() } : {}) };
  return Object.keys(label).length > 0 ? label : undefined;
}

/** English and Chinese inputs for one label. */
export function LabelInput({ value, onChange, id, placeholder }: { value: Label | undefined; onChange: (label: Label | undefined) => void; id?: string; placeholder?: string }) {
  const t = useT();
  const { en, zh } = parts(value);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} aria-label={t('label.en')} prefix={<span aria-hidden style={{ color: '#999' }}>EN</span>} value={en} placeholder={placeholder} onChange={(e) => onChange(nextLabel(value, 'en', e.target.value))} />
      <Input aria-label={t('label.zh')} prefix={<span aria-hidden style={{ color: '#999' }}>中</span>} value={zh} onChange={(e) => onChange(nextLabel(value, 'zh', e.target.value))} />
    </Space.Compact>
  );
}

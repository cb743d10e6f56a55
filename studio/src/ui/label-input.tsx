import { Input, Space } from 'antd';
import type { Label } from '../../../platform/metadata/metadata-types.ts';
import { useT } from '../i18n/i18n.tsx';

function parts(value: Label | undefined): { en: string; zh: string } {
  if (value === undefined) return { en: '', zh: '' };
  if (typeof value === 'string') return { en: value, zh: '' };
  return { en: value.en ?? '', zh: value.zh ?? '' };
}

/**
 * The next label: `{ en, zh }` with empty languages left out; undefined when both are empty. A
 * language typed as spaces only is empty (the app would show a blank name), and leading spaces
 * go; a trailing one stays while the owner types the next word (`trimEnd` drops it on leaving).
 */
export function nextLabel(value: Label | undefined, locale: 'en' | 'zh', text: string, trimEnd = false): Label | undefined {
  const current = typeof value === 'object' && value ? { ...value } : parts(value);
  const trimmed = trimEnd ? text.trim() : text.trimStart();
  const next: Record<string, string | undefined> = { ...current, [locale]: trimmed };
  const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v));
  return Object.keys(cleaned).length > 0 ? (cleaned as Label) : undefined;
}

/** A label from a dialog's two inputs: `{ en, zh }` without the languages left blank; undefined when both are. */
export function labelFromInputs(en: string | undefined, zh: string | undefined): Label | undefined {
  const label = { ...(en?.trim() ? { en: en.trim() } : {}), ...(zh?.trim() ? { zh: zh.trim() } : {}) };
  return Object.keys(label).length > 0 ? label : undefined;
}

/**
 * English and Chinese inputs for one label. `of` says whose label it is ("stage 已联系"), for a
 * screen reader in a list of them: "English label of stage 已联系" (阶段 已联系 的英文名称) rather
 * than "English label" alone; the plain words stay in the name, which tests find inputs by.
 */
export function LabelInput({ value, onChange, id, placeholder, of }: { value: Label | undefined; onChange: (label: Label | undefined) => void; id?: string; placeholder?: string; of?: string }) {
  const t = useT();
  const { en, zh } = parts(value);
  const input = (locale: 'en' | 'zh', text: string) => ({
    value: text,
    'aria-label': of ? t(locale === 'en' ? 'label.enOf' : 'label.zhOf', { item: of }) : t(locale === 'en' ? 'label.en' : 'label.zh'),
    prefix: <span aria-hidden style={{ color: '#999' }}>{locale === 'en' ? 'EN' : '中'}</span>,
    onChange: (e: { target: { value: string } }) => onChange(nextLabel(value, locale, e.target.value)),
    onBlur: () => {
      if (text !== text.trim()) onChange(nextLabel(value, locale, text, true));
    },
  });
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} placeholder={placeholder} {...input('en', en)} />
      <Input {...input('zh', zh)} />
    </Space.Compact>
  );
}

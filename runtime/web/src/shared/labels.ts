import type { Label } from '../../../../platform/metadata/metadata-types.ts';

export type { Label };
export type UiLocale = 'zh' | 'en';

/** The text of a bilingual label in the UI language, falling back to the other language, then the key. */
export function labelOf(label: Label | undefined, locale: UiLocale, fallback = ''): string {
  if (label === undefined || label === null) return fallback;
  if (typeof label === 'string') return label;
  return label[locale] ?? label[locale === 'zh' ? 'en' : 'zh'] ?? Object.values(label).find(Boolean) ?? fallback;
}

/** The UI language a metadata `locale` (zh-CN, en …) asks for. */
export function uiLocaleOf(locale: string | undefined): UiLocale {
  return locale?.startsWith('en') ? 'en' : 'zh';
}

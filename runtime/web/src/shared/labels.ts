import type { Label } from '../../../../platform/metadata/metadata-types.ts';

export type { Label };
export type UiLocale = 'zh' | 'en';

/** The text of a bilingual label in the UI language, falling back to the other language, then `fallback` as it is. */
export function labelOf(label: Label | undefined, locale: UiLocale, fallback = ''): string {
  if (label === undefined || label === null) return fallback;
  if (typeof label === 'string') return label;
  return label[locale] ?? label[locale === 'zh' ? 'en' : 'zh'] ?? Object.values(label).find(Boolean) ?? fallback;
}

/**
 * The label of something metadata names by a key (an object, a field, a stage, a pool, a view),
 * falling back to the key in words, also when the label is the key itself: a field made through
 * the API without a label reads "Room nights per month", not "roomNightsPerMonth". (An option's
 * value is data, not a key: its fallback is `labelOf`'s, the value as it is.)
 */
export function keyLabel(label: Label | undefined, locale: UiLocale, key: string): string {
  const text = labelOf(label, locale, '');
  // The server describes an object or field without a label by its key (`/objects`).
  return text && text !== key ? text : keyInWords(key);
}

/**
 * A metadata key as words: `roomNightsPerMonth` → "Room nights per month", `contact_phone` →
 * "Contact phone", `vipURL` → "Vip URL". Anything that is not a plain key (an id, a text with
 * spaces, a value in Chinese) is returned as it is.
 */
export function keyInWords(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) return key;
  const words = key
    .replace(/_+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/);
  return words
    .map((word, i) => {
      // Acronyms (URL, VIP, ID) stay as they are; other words after the first are lower case.
      const kept = word.length > 1 && word === word.toUpperCase() ? word : i === 0 ? word : word.toLowerCase();
      return i === 0 ? kept.charAt(0).toUpperCase() + kept.slice(1) : kept;
    })
    .join(' ');
}

/** The UI language a metadata `locale` (zh-CN, en …) asks for. */
export function uiLocaleOf(locale: string | undefined): UiLocale {
  return locale?.startsWith('en') ? 'en' : 'zh';
}

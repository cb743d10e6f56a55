import type { UiLocale } from '../../shared/labels.ts';
import { fillTemplate } from '../../shared/fill-template.ts';
import { uiStrings, type UiKey } from './ui-strings.ts';

export type TranslateParams = Record<string, string | number>;

/** A UI string in the given language with `{name}` parameters filled in. */
export function translate(key: UiKey, locale: UiLocale, params?: TranslateParams): string {
  const text: string = uiStrings[key][locale];
  if (!params) return text;
  return fillTemplate(text, params);
}

/** A key built at run time (`reason_no_visit`), or undefined when the dictionary lacks it. */
export function maybeTranslate(key: string, locale: UiLocale): string | undefined {
  return key in uiStrings ? uiStrings[key as UiKey][locale] : undefined;
}

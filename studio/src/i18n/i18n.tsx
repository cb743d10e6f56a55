import { fillTemplate } from '../../../runtime/web/src/shared/fill-template.ts';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { labelOf, type Label } from '../../../runtime/web/src/shared/labels.ts';
import { enMessages, type MessageKey } from './en-messages.ts';
import { zhMessages } from './zh-messages.ts';

export type UiLocale = 'en' | 'zh';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<UiLocale, Record<MessageKey, string>> = { en: enMessages, zh: zhMessages };
const storageKey = 'shoal.studio.locale';
/** A language picked before signing in (sign-in page, tenant picker), until the sign-in keeps it. */
const signInKey = 'shoal.studio.signInLocale';

interface I18n {
  locale: UiLocale;
  /** The reader's choice: remembered in this browser. */
  setLocale(locale: UiLocale): void;
  /** The reader's choice before signing in: remembered, and kept with the account at sign-in. */
  pickBeforeSignIn(locale: UiLocale): void;
  /**
   * At sign-in, as the app does: a language picked on the way in is the person's latest word
   * (`keep` saves it with the account); otherwise the account's language (chosen in the app or
   * on another device) wins over what this browser showed last.
   */
  settleAccountLocale(accountLocale: UiLocale | null | undefined, keep: (locale: UiLocale) => void): void;
  t: Translate;
  /** A metadata label in the UI language. */
  label(label: Label | undefined, fallback?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): UiLocale {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.startsWith('zh') ? 'zh' : 'en';
}

export function translate(locale: UiLocale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[locale][key] ?? key;
  return vars ? fillTemplate(text, vars) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(initialLocale);
  // The page's language and the screens' together.
  const show = useCallback((next: UiLocale) => {
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(next);
  }, []);
  const setLocale = useCallback((next: UiLocale) => {
    localStorage.setItem(storageKey, next);
    show(next);
  }, [show]);
  const pickBeforeSignIn = useCallback((next: UiLocale) => {
    sessionStorage.setItem(signInKey, next);
    setLocale(next);
  }, [setLocale]);
  const settleAccountLocale = useCallback((accountLocale: UiLocale | null | undefined, keep: (locale: UiLocale) => void) => {
    const picked = sessionStorage.getItem(signInKey);
    sessionStorage.removeItem(signInKey);
    if (picked === 'en' || picked === 'zh') keep(picked);
    else if (accountLocale) setLocale(accountLocale);
  }, [setLocale]);
  const value = useMemo<I18n>(() => ({
    locale,
    setLocale,
    pickBeforeSignIn,
    settleAccountLocale,
    t: (key, vars) => translate(locale, key, vars),
    label: (l, fallback = '') => labelOf(l, locale, fallback),
  }), [locale, setLocale, pickBeforeSignIn, settleAccountLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}

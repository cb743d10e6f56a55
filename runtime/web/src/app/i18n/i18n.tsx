import { ConfigProvider } from 'antd';
// The ES builds: `antd/locale/*` is CommonJS and drags a second copy of the picker locale in.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { UiLocale } from '../../shared/labels.ts';
import { translate, type TranslateParams } from './translate.ts';
import type { UiKey } from './ui-strings.ts';

interface I18n {
  locale: UiLocale;
  t: (key: UiKey, params?: TranslateParams) => string;
  /** The user's choice, remembered in this browser (and, signed in, with their account: `LocaleSwitch`'s `onChosen`). */
  setLocale: (locale: UiLocale) => void;
  /** The tenant's default (metadata `locale`), used until the user chooses. */
  setDefaultLocale: (locale: UiLocale) => void;
}

const I18nContext = createContext<I18n | null>(null);
const storageKey = 'shoal.locale';

function storedLocale(): UiLocale | undefined {
  const value = localStorage.getItem(storageKey);
  return value === 'zh' || value === 'en' ? value : undefined;
}

function browserLocale(): UiLocale {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<UiLocale | undefined>(storedLocale);
  const [fallback, setFallback] = useState<UiLocale>(browserLocale);
  const locale = chosen ?? fallback;
  const setLocale = useCallback((next: UiLocale) => {
    localStorage.setItem(storageKey, next);
    setChosen(next);
  }, []);
  const value = useMemo<I18n>(() => ({
    locale,
    t: (key, params) => translate(key, locale, params),
    setLocale,
    setDefaultLocale: setFallback,
  }), [locale, setLocale]);
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#0f6cbd', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs <I18nProvider>');
  return i18n;
}

const signInChoiceKey = 'shoal.locale.signIn';

/** A language picked on the sign-in page, in this tab: the next sign-in keeps it with the account. */
export function rememberSignInLocale(locale: UiLocale): void {
  sessionStorage.setItem(signInChoiceKey, locale);
}

/**
 * The language picked on the sign-in page before this sign-in, once (it is forgotten as it is
 * read). Not the browser's remembered choice: on a shared computer that is someone else's.
 */
export function takeSignInLocale(): UiLocale | undefined {
  const value = sessionStorage.getItem(signInChoiceKey);
  sessionStorage.removeItem(signInChoiceKey);
  return value === 'zh' || value === 'en' ? value : undefined;
}

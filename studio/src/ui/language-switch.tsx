import { Segmented } from 'antd';
import { useI18n, type UiLocale } from '../i18n/i18n.tsx';

/**
 * 中文 / English for the studio's own UI (labels in the document stay bilingual). Signed in,
 * `onChosen` keeps the choice with the account; before signing in (no `onChosen`) the choice is
 * kept with the account at sign-in.
 */
export function LanguageSwitch({ onChosen }: { onChosen?: (locale: UiLocale) => void }) {
  const { locale, setLocale, pickBeforeSignIn, t } = useI18n();
  return (
    <Segmented<UiLocale>
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={(next) => {
        if (onChosen) {
          setLocale(next);
          onChosen(next);
        } else {
          pickBeforeSignIn(next);
        }
      }}
      options={[{ value: 'zh', label: '中文' }, { value: 'en', label: 'EN' }]}
    />
  );
}

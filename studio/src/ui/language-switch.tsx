import { Segmented } from 'antd';
import { useI18n, type UiLocale } from '../i18n/i18n.tsx';

/**
 * 中文 / English for the studio's own UI (labels in the document stay bilingual); `onChosen` may
 * keep the choice elsewhere too (with the account, once signed in).
 */
export function LanguageSwitch({ onChosen }: { onChosen?: (locale: UiLocale) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<UiLocale>
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={(next) => {
        setLocale(next);
        onChosen?.(next);
      }}
      options={[{ value: 'zh', label: '中文' }, { value: 'en', label: 'EN' }]}
    />
  );
}

import { Segmented } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** 中文 / English; the choice is remembered in this browser, and `onChosen` may keep it elsewhere (the account). */
export function LocaleSwitch({ onChosen }: { onChosen?: (locale: 'zh' | 'en') => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented
      size="small"
      aria-label={t('language')}
      value={locale}
      options={[{ value: 'zh', label: '中文' }, { value: 'en', label: 'EN' }]}
      onChange={(v) => {
        setLocale(v as 'zh' | 'en');
        onChosen?.(v as 'zh' | 'en');
      }}
    />
  );
}

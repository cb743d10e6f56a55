import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { useLocation } from './router.ts';
import { TenantPicker } from './tenant-picker.tsx';
import { TenantRoot } from './tenant-root.tsx';

function Routes() {
  const { segments } = useLocation();
  const tenant = segments[0];
  if (!tenant) return <TenantPicker />;
  return <TenantRoot key={tenant} tenant={tenant} />;
}

function Themed() {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#0e7490', borderRadius: 6 } }}>
      <AntApp style={{ height: '100%' }}>
        <Routes />
      </AntApp>
    </ConfigProvider>
  );
}

/** The studio: tenant picker at `/studio/`, a tenant's builder at `/studio/{tenant}/…`. */
export function StudioApp() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}

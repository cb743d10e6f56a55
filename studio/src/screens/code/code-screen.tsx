import { Alert, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

// Monaco is the largest dependency of the studio: its own chunk, fetched when this screen opens.
const CodeEditor = lazy(() => import('./code-editor.tsx').then((m) => ({ default: m.CodeEditor })));

/** The whole metadata document as JSON, the same draft the forms edit. */
export function CodeScreen() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.code')}</Typography.Title>
      <Alert type="info" showIcon title={t('code.intro')} style={{ marginBottom: 12 }} />
      <Suspense fallback={<Spin tip={t('code.loading')} style={{ display: 'block', marginTop: 60 }}><div style={{ height: 60 }} /></Spin>}>
        <CodeEditor />
      </Suspense>
    </div>
  );
}

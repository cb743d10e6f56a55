import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { errorText } from '../../data/api-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/tenant-session.tsx';
import { downloadExport, type ExportedList } from './csv-transfer.ts';

/**
 * 导出: the list as on screen, as a CSV file. Busy while the file comes (a large list takes a
 * while); a refusal or no connection is said in a message, and the list stays as it was.
 */
export function ExportButton({ object, list }: { object: string; list: ExportedList }) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      await downloadExport(api, object, list, locale);
    } catch (error) {
      void message.error(t('exportFailed', { reason: errorText(error, locale) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void start()} title={t('exportHint')}>
      {busy ? t('exporting') : t('exportCsv')}
    </Button>
  );
}

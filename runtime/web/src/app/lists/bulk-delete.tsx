import { DeleteOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDeletedToast } from '../records/undo-delete.tsx';
import { useSession } from '../session/tenant-session.tsx';
import type { BulkActionProps } from './bulk-bar.tsx';
import { bulkRefusals, groupRefusals, writeInBulk } from './bulk-results.ts';

interface Props extends BulkActionProps {
  /** After the delete, and after an undo. */
  onDeleted: () => void;
}

/**
 * "Delete…" the ticked records, once confirmed, in one `POST /records/{o}/bulk` delete. Deletes
 * are soft: as after deleting one record, the toast offers Undo while it shows, which restores
 * every record this delete removed; which were refused and why goes to the report.
 */
export function BulkDeleteButton({ object, selected, report, onDeleted }: Props) {
  const { api, format } = useSession();
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const deletedToast = useDeletedToast();

  const remove = async () => {
    setBusy(true);
    const targets = [...selected];
    try {
      const rows = await writeInBulk(api, object.key, 'delete', targets.map((r) => r.id));
      const deleted = rows.filter((r) => r.status < 400).map((r) => targets[r.index]!.id);
      const refused = bulkRefusals(rows, targets, object, format, locale, 'delete');
      report(refused.length > 0 ? { title: t('bulkDeletedOf', { done: deleted.length, count: targets.length, left: refused.length }), refusals: groupRefusals(refused) } : undefined);
      if (deleted.length > 0) deletedToast({ object: object.key, ids: deleted, counted: true, onUndone: onDeleted });
      onDeleted();
    } catch (error) {
      void message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    void modal.confirm({
      title: t('bulkDeleteConfirm', { count: selected.length }),
      content: t('bulkDeleteHint'),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: remove,
    });
  };

  return <Button danger icon={<DeleteOutlined />} loading={busy} onClick={confirm}>{t('bulkDelete', { count: selected.length })}</Button>;
}

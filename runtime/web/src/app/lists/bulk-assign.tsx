import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { recordTitle } from '../metadata/format-value.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { AssignDialog } from '../pools/assign-dialog.tsx';
import { ownerIdOf, poolApi, poolOfRecord } from '../pools/pool-api.ts';
import { useSession } from '../session/tenant-session.tsx';
import type { ApiRecord } from './use-record-pages.ts';

interface Props {
  object: ObjectInfo;
  selected: ApiRecord[];
  onClear: () => void;
  /** After the assignments, with the records as the server returned them. */
  onAssigned: (assigned: ApiRecord[]) => void;
}

interface Outcome {
  failures: Array<{ title: string; reason: string }>;
}

/**
 * The bar over a list with ticked rows: how many, "Assign…" to one person (public records are
 * handed out, held ones re-assigned), and which could not be assigned and why.
 */
export function BulkAssignBar({ object, selected, onClear, onAssigned }: Props) {
  const { api, format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const pool = selected[0] ? poolOfRecord(selected[0], object.pools) : object.pools[0];

  const assign = async (userId: string, name: string) => {
    setBusy(true);
    const done: ApiRecord[] = [];
    const failures: Outcome['failures'] = [];
    // Records the person holds already stay as they are (the server would call it a conflict).
    const theirs = selected.filter((r) => heldBy(r, userId));
    // One at a time: each assignment checks the assignee's limit against the ones before it.
    for (const record of selected.filter((r) => !theirs.includes(r))) {
      try {
        done.push(await poolApi(api, poolOfRecord(record, object.pools) ?? '').assign(record.id, userId));
      } catch (error) {
        failures.push({ title: recordTitle(object, record, format), reason: errorText(error, locale) });
      }
    }
    setBusy(false);
    setOpen(false);
    setOutcome(failures.length > 0 ? { failures } : undefined);
    if (done.length > 0) {
      const already = theirs.length > 0 ? ` ${t('bulkAlreadyTheirs', { count: theirs.length })}` : '';
      void message.success(`${t('bulkAssigned', { count: done.length, name })}${already}`);
    } else if (theirs.length > 0 && failures.length === 0) {
      void message.info(t('bulkAllTheirs', { name }));
    }
    onAssigned(done);
  };

  if (!pool) return null;
  return (
    <>
      {outcome && (
        <Alert type="warning" showIcon closable onClose={() => setOutcome(undefined)} style={{ marginBottom: 8 }} role="alert"
          title={t('bulkAssignFailed', { count: outcome.failures.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{outcome.failures.map((f, i) => <li key={i}>{f.title}: {f.reason}</li>)}</ul>} />
      )}
      {selected.length > 0 && (
        <div className="shoal-bulk-bar" role="region" aria-label={t('selectedCount', { count: selected.length })}>
          <Space wrap size={8}>
            <Typography.Text strong>{t('selectedCount', { count: selected.length })}</Typography.Text>
            <Button type="primary" icon={<UserSwitchOutlined />} onClick={() => setOpen(true)}>{t('assign')}…</Button>
            <Button onClick={onClear}>{t('clearSelection')}</Button>
          </Space>
        </div>
      )}
      <AssignDialog open={open} busy={busy} pool={pool} object={object.key} title={t('assignSelectedTitle', { count: selected.length })}
        onAssign={(userId, name) => void assign(userId, name)} onCancel={() => setOpen(false)} />
    </>
  );
}

/** Whether a record is privately held by the user (its owner expanded or as an id). */
export function heldBy(record: ApiRecord, userId: string): boolean {
  return record.poolState === 'private' && ownerIdOf(record) === userId;
}

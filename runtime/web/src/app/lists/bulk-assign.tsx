import { UserSwitchOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { AssignDialog } from '../pools/assign-dialog.tsx';
import { oneAfterAnother, refusalLines } from '../pools/one-after-another.ts';
import { ownerIdOf, poolApi, poolOfRecord } from '../pools/pool-api.ts';
import { useSession } from '../session/tenant-session.tsx';
import type { BulkActionProps } from './bulk-bar.tsx';
import { groupRefusals } from './bulk-results.ts';
import type { ApiRecord } from './use-record-pages.ts';

interface Props extends BulkActionProps {
  /** After the assignments, with the records as the server returned them. */
  onAssigned: (assigned: ApiRecord[]) => void;
}

/**
 * "Assign…" the ticked rows to one person (public records are handed out, held ones
 * re-assigned), for the bulk bar; which could not be assigned and why goes to its report.
 */
export function BulkAssignButton({ object, selected, report, onAssigned }: Props) {
  const { api, format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // The dialog's pool: the first ticked record's that is in one (the server refuses the others).
  const pool = selected.map((record) => poolOfRecord(record, object.pools)).find((key) => key !== undefined) ?? object.pools[0];

  const assign = async (userId: string, name: string) => {
    setBusy(true);
    // Records the person holds already stay as they are (the server would call it a conflict).
    const theirs = selected.filter((r) => heldBy(r, userId));
    // One at a time: each assignment checks the assignee's limit against the ones before it, and
    // a limit reached stops the run (the rest would be refused for it too).
    const run = await oneAfterAnother(selected.filter((r) => !theirs.includes(r)), (record) => poolApi(api, poolOfRecord(record, object.pools) ?? pool!).assign(record.id, userId));
    const failures = refusalLines(run, object, format, locale);
    const done = run.done;
    setBusy(false);
    setOpen(false);
    report(failures.length > 0 ? { title: t('bulkAssignFailed', { count: failures.length }), refusals: groupRefusals(failures) } : undefined);
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
      <Button type="primary" icon={<UserSwitchOutlined />} onClick={() => setOpen(true)}>{t('assign')}…</Button>
      <AssignDialog open={open} busy={busy} pool={pool} object={object.key} title={t('assignSelectedTitle', { count: selected.length })}
        onAssign={(userId, name) => void assign(userId, name)} onCancel={() => setOpen(false)} />
    </>
  );
}

/** Whether a record is privately held by the user (its owner expanded or as an id). */
export function heldBy(record: ApiRecord, userId: string): boolean {
  return record.poolState === 'private' && ownerIdOf(record) === userId;
}

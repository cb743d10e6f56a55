import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { UiKey } from '../i18n/ui-strings.ts';
import { offeredReleaseReasons } from '../i18n/release-reasons.ts';
import { BulkAssignButton } from '../lists/bulk-assign.tsx';
import { BulkBar, type ReportBulk } from '../lists/bulk-bar.tsx';
import { groupRefusals } from '../lists/bulk-results.ts';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { isGone, oneAfterAnother, refusalLines, type InTurn } from './one-after-another.ts';
import { poolApi } from './pool-api.ts';
import { ReleaseDialog } from './release-dialog.tsx';

interface BarProps {
  poolKey: string;
  object: ObjectInfo;
  selected: ApiRecord[];
  onClear: () => void;
  /** After an action, with the ids of the records that left the list (claimed, released, assigned, or found gone). */
  onDone: (ids: string[]) => void;
}

/** 公海's bulk bar: claim the ticked leads (who may claim), assign them (the pool's administrators). */
export function PublicPoolBulkActions({ poolKey, object, selected, onClear, onDone, claim, assign }: BarProps & { claim: boolean; assign: boolean }) {
  return (
    <BulkBar count={selected.length} onClear={onClear}>
      {(report) => (
        <>
          {claim && <BulkClaimButton poolKey={poolKey} object={object} selected={selected} report={report} onDone={onDone} />}
          {assign && <BulkAssignButton object={object} selected={selected} report={report} onAssigned={(done) => onDone(done.map((r) => r.id))} />}
        </>
      )}
    </BulkBar>
  );
}

/** 私海's bulk bar: release the ticked leads with one reason. */
export function MyPoolBulkActions({ poolKey, object, selected, onClear, onDone }: BarProps) {
  return (
    <BulkBar count={selected.length} onClear={onClear}>
      {(report) => <BulkReleaseButton poolKey={poolKey} object={object} selected={selected} report={report} onDone={onDone} />}
    </BulkBar>
  );
}

interface ButtonProps extends Omit<BarProps, 'onClear'> {
  report: ReportBulk;
}

/**
 * Runs a pool action on the ticked records one after another, then says how many went through
 * (a toast) and why the others did not (the report: 2 of 5 claimed; the limit of 200 is reached: C, D, E).
 */
function useInTurn({ object, selected, report, onDone }: ButtonProps, words: { done: UiKey; partly: UiKey }) {
  const { format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = async (act: (record: ApiRecord) => Promise<ApiRecord>) => {
    if (busy) return;
    setBusy(true);
    const targets = [...selected];
    const run: InTurn = await oneAfterAnother(targets, act);
    const refusals = refusalLines(run, object, format, locale);
    report(refusals.length > 0 ? { title: t(words.partly, { done: run.done.length, count: targets.length, left: refusals.length }), refusals: groupRefusals(refusals) } : undefined);
    if (run.done.length > 0) void message.success(t(words.done, { count: run.done.length }));
    setBusy(false);
    onDone([...run.done.map((r) => r.id), ...run.refused.filter((r) => isGone(r.error)).map((r) => r.record.id)]);
  };
  return { busy, start };
}

/**
 * 领取 N: claims the ticked leads in list order until the limit stops it; beside it, how many
 * more the caller may hold (the pool's limit less what they hold), where the pool has a limit.
 */
function BulkClaimButton(props: ButtonProps) {
  const { poolKey, selected } = props;
  const { api, me } = useSession();
  const { t } = useI18n();
  const { busy, start } = useInTurn(props, { done: 'bulkClaimed', partly: 'bulkClaimedOf' });
  const holdings = useAsync(() => poolApi(api, poolKey).holdings(), [api, poolKey]);
  const limit = holdings.data?.limit ?? undefined;
  const held = holdings.data?.data.find((h) => h.userId === me.id)?.held ?? 0;
  const room = limit === undefined ? undefined : Math.max(0, limit - held);
  return (
    <>
      <Button type="primary" loading={busy} onClick={() => void start((record) => poolApi(api, poolKey).claim(record.id))}>{t('bulkClaim', { count: selected.length })}</Button>
      {room !== undefined && (
        <Typography.Text type={selected.length > room ? 'warning' : 'secondary'}>{t('bulkClaimLeft', { count: room, held, limit: limit ?? 0 })}</Typography.Text>
      )}
    </>
  );
}

/** 释放 N…: the release dialog (the pool's usual reasons, or words typed), then each ticked lead released with that reason. */
function BulkReleaseButton(props: ButtonProps) {
  const { poolKey, selected } = props;
  const { api, document } = useSession();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { busy, start } = useInTurn(props, { done: 'bulkReleased', partly: 'bulkReleasedOf' });
  const release = async (reason: string) => {
    await start((record) => poolApi(api, poolKey).release(record.id, reason));
    setOpen(false);
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>{t('bulkRelease', { count: selected.length })}</Button>
      <ReleaseDialog open={open} busy={busy} title={t('releaseSelectedTitle', { count: selected.length })} reasons={offeredReleaseReasons(document.pools?.[poolKey])}
        onRelease={(reason) => void release(reason)} onCancel={() => setOpen(false)} />
    </>
  );
}

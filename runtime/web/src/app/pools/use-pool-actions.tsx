import { keepFocusInList } from '../../shared/focus-after-removal.ts';
import { App } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../shared/api-client.ts';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { offeredReleaseReasons } from '../i18n/release-reasons.ts';
import { dateTime, recordTitle } from '../metadata/format-value.ts';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate, wouldLoseInput } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { AssignDialog } from './assign-dialog.tsx';
import { ownerIdOf, poolApi, releaseInfo } from './pool-api.ts';
import { ReleaseDialog } from './release-dialog.tsx';

type Dialog = { kind: 'release' | 'assign'; record: ApiRecord; unsaved?: boolean } | undefined;

/**
 * Claim, release (with a reason), extend and assign on one pool, with their messages and
 * dialogs. `onChanged` gets the record as the server returns it after the action; `onGone`, a
 * record the action found no longer there to act on (claimed by someone else first, deleted),
 * which the page then drops rather than offer a button that can only fail again.
 */
export function usePoolActions(pool: string, object: string, onChanged: (before: ApiRecord, after: ApiRecord) => void, onGone?: (record: ApiRecord) => void, options: { linkClaimed?: boolean } = {}): {
  claim: (record: ApiRecord) => Promise<void>;
  extend: (record: ApiRecord) => Promise<void>;
  release: (record: ApiRecord) => void;
  assign: (record: ApiRecord) => void;
  busyId: string | undefined;
  element: ReactNode;
} {
  const { api, format, objectMap, me, tenant, document: metadata } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busyId, setBusyId] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const calls = poolApi(api, pool);

  // The control an action started from (its button, or the one that opened its dialog): where
  // the record leaves the list, the focus goes on to the next row's instead of the page's body.
  const trigger = useRef<Element | null>(null);
  const run = async (record: ApiRecord, action: () => Promise<ApiRecord>, done: (after: ApiRecord) => ReactNode, caveat?: (after: ApiRecord) => Promise<string | undefined>) => {
    setBusyId(record.id);
    const refocus = keepFocusInList(trigger.current ?? document.activeElement);
    trigger.current = null;
    try {
      const after = await action();
      onChanged(record, after);
      refocus();
      const warning = await caveat?.(after).catch(() => undefined);
      if (warning) void message.warning(warning, 8);
      else void message.success(done(after));
      setDialog(undefined);
    } catch (error) {
      const reason = systemReasonGiven(error);
      void message.error(isNotMember(error) ? t('assigneeNotMember') : reason !== undefined ? t('releaseReasonSystem', { reason })
        : errorText(error, locale, (iso) => dateTime(iso, format)));
      if (error instanceof ApiError && (error.code === 'already_claimed' || error.code === 'not_found')) {
        onGone?.(record);
        refocus();
        setDialog(undefined);
      }
    } finally {
      setBusyId(undefined);
    }
  };

  // An extension moves the hold's end, not a visit's or a win's deadline: where one of those
  // still releases the lead first, the toast says so, rather than "safe until January" beside a
  // countdown of two days.
  const extendedButSooner = async (after: ApiRecord) => {
    const owner = ownerIdOf(after);
    const info = await releaseInfo(api, pool, after.id, owner === null || owner === me.id ? undefined : owner);
    if (!info?.releaseAt || !info.releaseDueTo || info.releaseDueTo === 'hold_expired' || typeof after.holdExpiresAt !== 'string') return undefined;
    if (Date.parse(info.releaseAt) >= Date.parse(after.holdExpiresAt)) return undefined;
    return t('extendedButSooner', { at: dateTime(after.holdExpiresAt, format), release: dateTime(info.releaseAt, format), why: t(`due_${info.releaseDueTo}` as 'due_no_visit') });
  };
  // The dialogs name the record they act on: on a phone they cover its card. (The last one, while a closing dialog fades.)
  const lastDialog = useRef<Dialog>(undefined);
  if (dialog) lastDialog.current = dialog;
  const named = (record: ApiRecord) => recordTitle(objectMap.get(object), record, format);
  const element = (
    <>
      <ReleaseDialog open={dialog?.kind === 'release'} busy={busyId !== undefined} unsaved={dialog?.unsaved ?? false} onCancel={() => { trigger.current = null; setDialog(undefined); }}
        title={lastDialog.current ? t('releaseTitle', { title: named(lastDialog.current.record) }) : undefined} reasons={offeredReleaseReasons(metadata.pools?.[pool])}
        onRelease={(reason) => dialog && void run(dialog.record, () => calls.release(dialog.record.id, reason), () => t('released'))} />
      <AssignDialog open={dialog?.kind === 'assign'} busy={busyId !== undefined} pool={pool} object={object} onCancel={() => { trigger.current = null; setDialog(undefined); }}
        title={lastDialog.current ? t('assignTitle', { title: named(lastDialog.current.record) }) : undefined}
        onAssign={(userId) => dialog && void run(dialog.record, () => calls.assign(dialog.record.id, userId), () => t('assigned'))} />
    </>
  );

  return {
    // Claimed from a list, the toast offers the lead (now off that list) to open.
    claim: (record) => run(record, () => calls.claim(record.id), () => {
      if (!options.linkClaimed) return t('claimed');
      const to = paths.record(tenant, object, record.id);
      return <span>{t('claimed')} <a href={to} onClick={(e) => { e.preventDefault(); navigate(to); }}>{t('openCreated')}</a></span>;
    }),
    extend: (record) => run(record, () => calls.extend(record.id), (after) => t('extended', { at: dateTime(after.holdExpiresAt, format) }), extendedButSooner),
    // Released, the record is no longer the user's to edit: input not saved on the page would be lost.
    release: (record) => {
      trigger.current = document.activeElement;
      setDialog({ kind: 'release', record, unsaved: wouldLoseInput() });
    },
    assign: (record) => {
      trigger.current = document.activeElement;
      setDialog({ kind: 'assign', record });
    },
    busyId,
    element,
  };
}

/**
 * The reason of a release the server refused as one the system stores (it points at `/reason`):
 * the dialog holds those back, but not one typed in an app older than the server's list.
 */
function systemReasonGiven(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !error.errors.some((e) => e.path === '/reason')) return undefined;
  return typeof error.problem.reason === 'string' ? error.problem.reason : undefined;
}

/** An assignment to someone outside the pool's members (the server points at `/userId`). */
function isNotMember(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'validation_failed' && error.errors.some((e) => e.path === '/userId');
}

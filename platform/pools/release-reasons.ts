import { labelText, type ReleaseReasonDefinition } from '../metadata/metadata-types.ts';

/**
 * Why a record went back to the public pool, in people's words. The sweep stores its rule
 * (`hold_expired`, `no_visit`, `not_won`); a person picks one of the reasons their pool offers
 * (stored as its key, so the stored reason does not depend on the language of the releaser's
 * app) or types their own. A pool offers its own reasons (`releaseReasons`) or else the usual
 * four below. Used wherever a stored reason is shown: the app, and a CSV export with labels.
 * Imports only metadata-types.ts (which imports nothing): the web app uses it as it is.
 */
export const releaseReasonWords = {
  hold_expired: { en: 'hold expired', zh: '保护期到期' },
  no_visit: { en: 'no visit', zh: '未拜访' },
  not_won: { en: 'not won in time', zh: '未按期签约' },
  // The usual reasons a person releases for.
  no_interest: { en: 'No interest for now', zh: '客户暂无合作意向' },
  kp_unreachable: { en: 'Cannot reach the key person', zh: '联系不上关键人' },
  competitor_signed: { en: 'Signed with a competitor', zh: '已与竞对签约' },
  wrong_info: { en: 'Wrong information', zh: '信息有误' },
} as const satisfies Record<string, { en: string; zh: string }>;

/** The reasons the sweep stores: a pool's own reasons may not use these keys. */
export const sweepReleaseReasons = ['hold_expired', 'no_visit', 'not_won'] as const;

/**
 * What the system stores, and so what a person's reason (a pool's own key, or words a release
 * gives) may not be, with what it stands for: the sweep's reasons, and `reassigned`, stored for
 * the holder who loses a record to an assignment (their open work order then closes as
 * reassigned). A person's release giving one would be counted as the system's (the pool-health
 * panel's sweep releases, a work order's outcome).
 *
 * @example systemReleaseReason('no_visit') // 'what the sweep stores when it releases a record'
 * @example systemReleaseReason('no_interest') // undefined
 */
export function systemReleaseReason(reason: string): string | undefined {
  if ((sweepReleaseReasons as readonly string[]).includes(reason)) return 'what the sweep stores when it releases a record';
  if (reason === 'reassigned') return 'what a reassignment stores for the holder who loses a record';
  return undefined;
}

/** The usual reasons a person gives when releasing a record, offered by a pool without its own. */
export const usualReleaseReasons = ['no_interest', 'kp_unreachable', 'competitor_signed', 'wrong_info'] as const;

/** A reason a pool offers a person releasing a record: stored as its key, shown by its label. */
export type ReleaseReason = ReleaseReasonDefinition;

/** What `releaseReasonsOf` reads of the document's pools. */
type PoolReasons = Record<string, { object: string; releaseReasons?: ReleaseReason[]; removedReleaseReasons?: ReleaseReason[] }> | undefined;

/**
 * The reasons a pool offers, in its order: its own (`releaseReasons`, also none), else the usual four.
 *
 * @example offeredReleaseReasons({}).map((r) => r.key) // ['no_interest', 'kp_unreachable', 'competitor_signed', 'wrong_info']
 */
export function offeredReleaseReasons(pool: { releaseReasons?: ReleaseReason[] } | undefined): ReleaseReason[] {
  return pool?.releaseReasons ?? usualReleaseReasons.map((key) => ({ key, label: releaseReasonWords[key] }));
}

/** A pool's reasons with words: those it offers (its own or the built-in ones), then those it offered once (`removedReleaseReasons`). */
export function poolReleaseReasons(pool: { releaseReasons?: ReleaseReason[]; removedReleaseReasons?: ReleaseReason[] }): ReleaseReason[] {
  return [...offeredReleaseReasons(pool), ...(pool.removedReleaseReasons ?? [])];
}

/**
 * The reasons whose words a stored reason of a record is read by, the first that has its key
 * winning: its pool's own, then those it offered once (`removedReleaseReasons`, kept by the
 * publish that removed them), then those of its object's other pools (offered, then once
 * offered); where the record's pool is not known (kept from the reader, or a work order's
 * outcome), those of every pool of its object (or of every pool), first pool first.
 */
export function releaseReasonsOf(pools: PoolReasons, pool: string | undefined, object?: string): ReleaseReason[] {
  const own = pool !== undefined ? pools?.[pool] : undefined;
  // The record's pool first; then its object's other pools, for a reason given in another pool
  // of the object before the record moved, or one its pool no longer offers but another does.
  const of = own?.object ?? object;
  const others = Object.entries(pools ?? {}).filter(([key, p]) => key !== pool && (of === undefined || p.object === of)).map(([, p]) => p);
  // A pool without reasons of its own offers the built-in ones, in their words: another pool's
  // words for a built-in key are not its records'.
  return [
    ...(own ? poolReleaseReasons(own) : []),
    ...others.flatMap((p) => p.releaseReasons ?? []),
    ...others.flatMap((p) => p.removedReleaseReasons ?? []),
  ];
}

/** The words the release dialog offered before its reasons were keys, as they were stored. */
const storedWords: Record<string, (typeof usualReleaseReasons)[number]> = {
  客户暂无合作意向: 'no_interest', 'No interest for now': 'no_interest',
  联系不上关键人: 'kp_unreachable', 'Cannot reach the key person': 'kp_unreachable',
  已与竞对签约: 'competitor_signed', 'Signed with a competitor': 'competitor_signed',
  信息有误: 'wrong_info', 'Wrong information': 'wrong_info',
};

/**
 * The values a release for reason `key` may be stored as: the key, and for a built-in usual
 * reason also the words the dialog stored before reasons were keys.
 *
 * @example storedReleaseReasons('wrong_info') // ['wrong_info', '信息有误', 'Wrong information']
 */
export function storedReleaseReasons(key: string): string[] {
  return [key, ...Object.keys(storedWords).filter((words) => storedWords[words] === key)];
}

/** The reason a stored value stands for: an old usual reason's words give its key, anything else is itself. */
export function releaseReasonKey(reason: string): string {
  // Own keys only: a typed "constructor" is not Object.prototype's.
  return Object.hasOwn(storedWords, reason) ? storedWords[reason]! : reason;
}

/**
 * A stored release reason in a language: by the words of the record's pool (`own`, see
 * `releaseReasonsOf`) first, then a built-in key (usual or the sweep's) by its words, an old usual
 * reason stored as Chinese or English words likewise; anything else (typed words, or a key whose
 * words no version of the document kept) as it is stored.
 *
 * @example releaseReasonText('no_interest', 'en') // 'No interest for now'
 * @example releaseReasonText('客户暂无合作意向', 'en') // 'No interest for now'
 * @example releaseReasonText('shop_closed', 'zh', [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }]) // '商家已闭店'
 */
export function releaseReasonText(reason: string, lang: 'en' | 'zh', own: readonly ReleaseReason[] = []): string {
  const offered = own.find((r) => r.key === reason);
  if (offered) return labelText(offered.label, lang, reason);
  const key = releaseReasonKey(reason);
  return Object.hasOwn(releaseReasonWords, key) ? releaseReasonWords[key as keyof typeof releaseReasonWords][lang] : reason;
}

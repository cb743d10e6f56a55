/**
 * Why a record went back to the public pool, in people's words. The sweep stores its rule
 * (`hold_expired`, `no_visit`, `not_won`); a person picks one of the usual reasons (stored as
 * its key, so the stored reason does not depend on the language of the releaser's app) or types
 * their own. Used wherever a stored reason is shown: the app, and a CSV export with labels.
 * No imports: the web app uses it as it is.
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

/** The usual reasons a person gives when releasing a record, as the release dialog offers them. */
export const usualReleaseReasons = ['no_interest', 'kp_unreachable', 'competitor_signed', 'wrong_info'] as const;

/** The words the release dialog offered before its reasons were keys, as they were stored. */
const storedWords: Record<string, (typeof usualReleaseReasons)[number]> = {
  客户暂无合作意向: 'no_interest', 'No interest for now': 'no_interest',
  联系不上关键人: 'kp_unreachable', 'Cannot reach the key person': 'kp_unreachable',
  已与竞对签约: 'competitor_signed', 'Signed with a competitor': 'competitor_signed',
  信息有误: 'wrong_info', 'Wrong information': 'wrong_info',
};

/** The reason a stored value stands for: an old usual reason's words give its key, anything else is itself. */
export function releaseReasonKey(reason: string): string {
  return storedWords[reason] ?? reason;
}

/**
 * A stored release reason in a language: a reason key (usual or the sweep's) by its words, an
 * old usual reason stored as Chinese or English words likewise, anything a person typed as they
 * typed it.
 *
 * @example releaseReasonText('no_interest', 'en') // 'No interest for now'
 * @example releaseReasonText('客户暂无合作意向', 'en') // 'No interest for now'
 */
export function releaseReasonText(reason: string, lang: 'en' | 'zh'): string {
  const key = releaseReasonKey(reason);
  return Object.hasOwn(releaseReasonWords, key) ? releaseReasonWords[key as keyof typeof releaseReasonWords][lang] : reason;
}

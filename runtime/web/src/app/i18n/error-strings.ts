import type { ErrorCode } from '../../../../../platform/errors.ts';
import type { UiLocale } from '../../shared/labels.ts';
import type { RequestFailure } from '../../shared/request-failure.ts';

type Bilingual = Record<UiLocale, string>;

/**
 * What a problem `code` means, in the user's words. `detailed` is used instead when the problem
 * carries every parameter it names (`{at}` from `availableAt`, `{limit}`, `{count}` problems).
 */
export interface ErrorWords extends Bilingual {
  detailed?: Bilingual;
}

/**
 * Every code the server sends (platform/errors.ts): the compiler refuses a code without words,
 * so a new server code cannot reach the user in English only.
 */
export const errorStrings: Record<ErrorCode, ErrorWords> = {
  bad_request: { en: 'The server did not accept this request', zh: '服务器未接受此请求' },
  invalid_json: { en: 'The request was not valid JSON', zh: '请求内容不是有效的 JSON' },
  unknown_parameter: { en: 'The request has a parameter the server does not know', zh: '请求包含服务器不认识的参数' },
  invalid_filter: {
    en: 'The filter is not valid', zh: '筛选条件有误',
    detailed: { en: 'The filter has {count} {count:problem|problems}', zh: '筛选条件有 {count} 处错误' },
  },
  invalid_cursor: { en: 'This list changed meanwhile; reload it', zh: '列表已变化，请重新加载' },
  unauthenticated: { en: 'Your session has ended; sign in again', zh: '登录已失效，请重新登录' },
  csrf_failed: { en: 'This page is out of date; reload it and try again', zh: '页面已过期，请刷新后重试' },
  forbidden: { en: 'You may not do this', zh: '你无权执行此操作' },
  field_forbidden: { en: 'You may not change some of these fields', zh: '其中有你无权修改的字段' },
  not_found: { en: 'It does not exist, or you may not see it', zh: '不存在，或你无权查看' },
  method_not_allowed: { en: 'This action is not supported here', zh: '此处不支持该操作' },
  conflict: { en: 'It changed meanwhile; reload and try again', zh: '内容已被修改，请刷新后重试' },
  duplicate: { en: 'A record with the same value already exists', zh: '已存在相同值的记录' },
  already_claimed: { en: 'Someone claimed it first', zh: '已被他人领取' },
  claim_limit_reached: {
    en: 'The limit of private leads is reached', zh: '私海数量已达上限',
    detailed: { en: 'The limit of {limit} private leads is reached', zh: '私海数量已达上限（{limit} 条）' },
  },
  daily_claim_limit_reached: {
    en: 'You have claimed as many as you may today', zh: '今日领取数量已达上限',
    detailed: { en: 'You have claimed as many as you may today ({limit})', zh: '今日领取数量已达上限（{limit} 条）' },
  },
  cooldown: {
    en: 'You released it recently; wait before claiming it again', zh: '你最近释放过该线索，冷却期内不能再领取',
    detailed: { en: 'You released it recently; you can claim it again after {at}', zh: '你最近释放过该线索，{at} 之后才能再次领取' },
  },
  not_claimable: { en: 'This record cannot be claimed now', zh: '该记录当前不能领取' },
  extension_limit_reached: { en: 'No extension left', zh: '延期次数已用完' },
  view_limit_reached: {
    en: 'You have as many saved views of this list as you may keep', zh: '此列表的个人视图数量已达上限',
    detailed: { en: 'You have as many saved views of this list as you may keep ({limit})', zh: '此列表的个人视图数量已达上限（{limit} 个）' },
  },
  rule_inactive: { en: 'This assignment rule is not active; only a dry run is possible', zh: '该分配规则未启用，只能试运行' },
  run_in_progress: { en: 'A run of this rule is already under way; wait for it to end', zh: '该规则已有一次分配正在进行，请等它结束' },
  destructive_change: { en: 'This change deletes data; confirm it first', zh: '此变更会删除数据，请先确认' },
  migration_required: { en: 'This change needs a data migration first', zh: '此变更需要先迁移数据' },
  referenced: { en: 'Other records refer to this one', zh: '有其他记录引用了它' },
  refers_to_deleted: { en: 'It refers to records that were deleted; restore those first', zh: '它引用的记录已被删除，请先恢复那些记录' },
  idempotency_conflict: { en: 'This request was already sent with other content', zh: '该请求已以不同内容提交过' },
  metadata_changed: { en: 'The app was reconfigured while this was being saved; nothing was saved. Reload the page and try again', zh: '保存时应用配置已更新，未保存任何内容。请刷新页面后重试' },
  version_mismatch: { en: 'Someone changed this record meanwhile; it has been reloaded.', zh: '记录已被他人修改，已重新加载。' },
  payload_too_large: { en: 'This is too large to send', zh: '内容过大，无法提交' },
  unsupported_media_type: { en: 'This kind of content is not accepted', zh: '不支持此内容类型' },
  validation_failed: {
    en: 'Some values are not valid', zh: '部分内容不符合要求',
    detailed: { en: '{count} {count:value is|values are} not valid', zh: '有 {count} 处内容不符合要求' },
  },
  invalid_metadata: {
    en: 'The configuration is not valid', zh: '配置有误',
    detailed: { en: 'The configuration has {count} {count:problem|problems}', zh: '配置有 {count} 处错误' },
  },
  transition_not_allowed: { en: 'This move is not allowed', zh: '不允许此阶段变更' },
  stage_requirements: { en: 'Fill in what this stage needs first', zh: '请先填写进入该阶段所需的内容' },
  rate_limited: { en: 'Too many attempts; try again in a while', zh: '尝试次数过多，请稍后再试' },
  database_unavailable: { en: 'The server cannot reach its database; try again shortly', zh: '服务器暂时无法访问数据库，请稍后重试' },
  database_busy: { en: 'The server is busy; try again shortly', zh: '服务器繁忙，请稍后重试' },
  internal: { en: 'Something went wrong on the server; it has been logged', zh: '服务器出错了，已记录' },
};

/** A request the server did not answer with a problem: no answer, or a proxy's page by its status. */
export const failureStrings: Record<RequestFailure, Bilingual> = {
  offline: { en: 'No connection to the server; check the network and try again', zh: '无法连接服务器，请检查网络后重试' },
  unavailable: { en: 'The server cannot be reached right now; try again shortly', zh: '服务器暂时无法访问，请稍后重试' },
  serverFailed: { en: 'Something went wrong on the server; try again shortly', zh: '服务器出错了，请稍后重试' },
  signedOut: errorStrings.unauthenticated,
  forbidden: errorStrings.forbidden,
  notFound: errorStrings.not_found,
  tooLarge: errorStrings.payload_too_large,
  rateLimited: errorStrings.rate_limited,
  refused: errorStrings.bad_request,
};

/** The words for a code the server sent, or undefined for a code this app does not know. */
export function errorWords(code: string): ErrorWords | undefined {
  return Object.hasOwn(errorStrings, code) ? errorStrings[code as ErrorCode] : undefined;
}

import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { releaseReasonsOf, releaseReasonText } from '../i18n/release-reasons.ts';
import { translate } from '../i18n/translate.ts';
import { jobFailureText } from '../assignment/assignment-text.ts';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: Record<string, unknown>;
  object: string | null;
  recordId: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * A notification in the reader's language where its kind is known; the server's title otherwise.
 * `ruleTitle` names an assignment rule by its title (new work orders say which rule made them),
 * `personName` a colleague by name (an assignment says who assigned the record), `pools` the
 * tenant's pools (a release reason by the words of the pools of the record's object).
 */
export function notificationText(
  n: AppNotification, locale: UiLocale, formatTime: (iso: string) => string,
  ruleTitle: (rule: string) => string = (rule) => rule, personName: (id: string) => string | undefined = () => undefined, pools?: MetadataDocument['pools'],
): string {
  const reason = typeof n.body.reason === 'string' ? n.body.reason : typeof n.body.releaseDueTo === 'string' ? n.body.releaseDueTo : '';
  const reasonText = reason ? releaseReasonText(reason, locale, releaseReasonsOf(pools, undefined, n.object ?? undefined)) : '';
  switch (n.kind) {
    case 'assigned': {
      const by = assignedBy(n);
      const name = by ? personName(by) : undefined;
      return name ? translate('notice_assigned_by', locale, { name }) : translate('notice_assigned', locale);
    }
    case 'released': return reasonText ? translate('notice_released_why', locale, { reason: reasonText }) : translate('notice_released', locale);
    case 'release_warning':
      return typeof n.body.releaseAt === 'string'
        ? translate('notice_release_warning', locale, { at: formatTime(n.body.releaseAt), reason: reasonText })
        : n.title;
    case 'work_orders':
      return typeof n.body.count === 'number' && typeof n.body.rule === 'string'
        ? translate(n.body.count === 1 ? 'notice_work_orders_one' : 'notice_work_orders', locale, { count: n.body.count, rule: ruleTitle(n.body.rule) })
        : n.title;
    case 'import_finished': return importText(n, locale) ?? n.title;
    case 'assignment_finished': return runText(n, locale, ruleTitle) ?? n.title;
    default: return n.title;
  }
}

/** How a run of an assignment rule the reader started in the background ended: what it assigned to how many, or why nothing. */
function runText(n: AppNotification, locale: UiLocale, ruleTitle: (rule: string) => string): string | undefined {
  const { rule, state, allocated, users, unassigned, code, message } = n.body;
  if (typeof rule !== 'string') return undefined;
  const title = ruleTitle(rule);
  if (state === 'failed' && typeof message === 'string') {
    const reason = jobFailureText({ errors: [{ row: 0, message, ...(typeof code === 'string' ? { code } : {}) }] }, locale, (key, params) => translate(key, locale, params));
    return translate('notice_assignment_failed', locale, { rule: title, reason });
  }
  if (typeof allocated !== 'number' || typeof users !== 'number') return undefined;
  const done = translate('notice_assignment_done', locale, { rule: title, count: allocated, users });
  return typeof unassigned === 'number' && unassigned > 0 ? `${done}${translate('notice_assignment_left', locale, { count: unassigned })}` : done;
}

/** How an import the reader started ended: its counts, and the rows it refused. */
function importText(n: AppNotification, locale: UiLocale): string | undefined {
  const { state, created, updated, unchanged, refused } = n.body;
  if (typeof created !== 'number' || typeof updated !== 'number') return undefined;
  const parts = [translate(state === 'failed' ? 'notice_import_failed' : 'notice_import_done', locale, { created, updated })];
  if (typeof unchanged === 'number' && unchanged > 0) parts.push(translate('importUnchanged', locale, { unchanged }));
  if (typeof refused === 'number' && refused > 0) parts.push(`${locale === 'zh' ? '；' : '; '}${translate('importRowErrors', locale, { count: refused })}`);
  return parts.join('');
}

/** Who assigned the record of an `assigned` notification (a user id), when it says. */
export function assignedBy(n: AppNotification): string | undefined {
  return n.kind === 'assigned' && typeof n.body.by === 'string' ? n.body.by : undefined;
}

/**
 * Where a notification leads: new work orders to the work-order queue, a background run's end to
 * the assignment rules, an import's end to its results on the object's list, others to their
 * record (none without one).
 */
export function notificationTarget(n: AppNotification): { kind: 'workOrders' } | { kind: 'assignmentRules' } | { kind: 'import'; object: string; job: string } | { kind: 'record'; object: string; id: string } | undefined {
  if (n.kind === 'work_orders') return { kind: 'workOrders' };
  if (n.kind === 'assignment_finished') return { kind: 'assignmentRules' };
  if (n.kind === 'import_finished') return n.object && typeof n.body.job === 'string' ? { kind: 'import', object: n.object, job: n.body.job } : undefined;
  return n.object && n.recordId ? { kind: 'record', object: n.object, id: n.recordId } : undefined;
}

/**
 * The line under a notification: the object it is about and when, or only when for one about no
 * object (new work orders), not " · 2026-…".
 */
export function noticeDescription(objectName: string, time: string): string {
  return [objectName, time].filter(Boolean).join(' · ');
}

import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel, type UiLocale } from '../../shared/labels.ts';
import { releaseReasonsOf, releaseReasonText, type ReleaseReason } from '../i18n/release-reasons.ts';
import { translate } from '../i18n/translate.ts';
import { formatValue, type FormatContext } from '../metadata/format-value.ts';
import { fieldLabel, type FieldInfo } from '../metadata/object-info.ts';
import type { WorkOrder } from './work-order-types.ts';

/** A rule's title in the reader's language (`assignmentRules.<key>.title`), its key in words without one. */
export function ruleTitle(document: Pick<MetadataDocument, 'assignmentRules'>, rule: string, locale: UiLocale): string {
  return keyLabel(document.assignmentRules?.[rule]?.title, locale, rule);
}

/**
 * Why an order sits where it does in the queue: its rule's work-order priority field and the
 * record's value, e.g. "Room nights per month: 12,620". The API's `priority` is that value as a
 * sort key (negated when the rule orders descending). Undefined when the rule has no such field.
 *
 * @example
 * priorityReason(order, document, format) // 'Room nights per month: 12,620'
 */
export function priorityReason(order: WorkOrder, document: Pick<MetadataDocument, 'assignmentRules'>, format: FormatContext): string | undefined {
  const setting = order.rule ? document.assignmentRules?.[order.rule]?.workOrderPriority : undefined;
  if (!setting || order.priority === null) return undefined;
  const field = fieldAt(order.object, setting.field, format);
  const value = setting.order === 'desc' ? 0 - order.priority : order.priority;
  const label = fieldLabel(field, format.locale, setting.field.split('.').pop() ?? setting.field);
  return `${label}${format.locale === 'zh' ? '：' : ': '}${formatValue(field, value, format)}`;
}

/** The field a path (`hotel.roomNightsPerMonth`) names, following lookups from `object`. */
function fieldAt(object: string, path: string, format: FormatContext): FieldInfo | undefined {
  let current = format.objects.get(object);
  let field: FieldInfo | undefined;
  for (const key of path.split('.')) {
    field = current?.fieldMap.get(key);
    current = field?.target ? format.objects.get(field.target) : undefined;
  }
  return field;
}

/**
 * History notes the server writes in English, in the reader's language: the assignment it did
 * ("assignment rule <key>", with the rule's title) and the outcome of a work order it closed;
 * a release's reason by its pool's words.
 */
export function historyNote(note: string, document: Pick<MetadataDocument, 'assignmentRules' | 'pools'>, locale: UiLocale, action?: string): string {
  const reasons = releaseReasonsOf(document.pools, undefined);
  if (action === 'workOrder') return outcomeText(note, locale, reasons);
  if (action === 'release') return releaseReasonText(note, locale, reasons);
  const byRule = /^assignment rule (\S+)$/.exec(note);
  return byRule ? translate('historyByRule', locale, { rule: ruleTitle(document, byRule[1]!, locale) }) : note;
}

/** A work order's state in words ("Done" / "已完成"); anything else as it is. */
export function workOrderStateText(state: unknown, locale: UiLocale): string {
  return state === 'open' || state === 'done' || state === 'skipped' ? translate(`workOrderState_${state}`, locale) : String(state ?? '—');
}

/**
 * A work order's outcome in the reader's language. The server closes an open order itself when
 * its record leaves the assignee, with the outcome `reassigned`, `released`, or
 * `released: <reason>` (the sweep's reason code, or the words a person gave when releasing);
 * anything else is what the person who closed it wrote. `reasons`: the words of the record's
 * pool's reasons (see `releaseReasonsOf`).
 *
 * @example
 * outcomeText('released: no_visit', 'zh') // '已回收到公海：未拜访'
 */
export function outcomeText(outcome: string, locale: UiLocale, reasons: readonly ReleaseReason[] = []): string {
  if (outcome === 'reassigned') return translate('outcomeReassigned', locale);
  if (outcome === 'released') return translate('outcomeReleased', locale);
  const released = /^released: (.+)$/s.exec(outcome);
  if (!released) return outcome;
  const reason = released[1]!;
  return translate('outcomeReleasedBecause', locale, { reason: releaseReasonText(reason, locale, reasons) });
}

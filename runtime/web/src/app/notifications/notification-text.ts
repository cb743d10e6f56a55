import type { UiLocale } from '../../shared/labels.ts';
import { maybeTranslate, translate } from '../i18n/translate.ts';

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

/** A notification in the reader's language where its kind is known; the server's title otherwise. */
export function notificationText(n: AppNotification, locale: UiLocale, formatTime: (iso: string) => string): string {
  const reason = typeof n.body.reason === 'string' ? n.body.reason : typeof n.body.releaseDueTo === 'string' ? n.body.releaseDueTo : '';
  const reasonText = reason ? maybeTranslate(`reason_${reason}`, locale) ?? reason : '';
  switch (n.kind) {
    case 'assigned': return translate('notice_assigned', locale);
    case 'released': return `${translate('notice_released', locale)}${reasonText ? ` (${reasonText})` : ''}`;
    case 'release_warning':
      return typeof n.body.releaseAt === 'string'
        ? translate('notice_release_warning', locale, { at: formatTime(n.body.releaseAt), reason: reasonText })
        : n.title;
    default: return n.title;
  }
}

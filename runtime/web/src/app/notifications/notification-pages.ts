import type { AppNotification } from './notification-text.ts';

/**
 * Where the next page of notifications starts: after the last one shown, by its time and id.
 * A sweep writes dozens of notices at one instant; paging by time alone skipped the rest of
 * them once a page ended among them.
 */
export function nextNotificationCursor(page: AppNotification[], pageSize: number): string | null {
  const last = page[page.length - 1];
  return page.length === pageSize && last ? JSON.stringify([last.createdAt, last.id]) : null;
}

/** The query parameters a cursor stands for (`before`, `beforeId`). */
export function notificationCursorQuery(cursor: string | undefined): { before?: string; beforeId?: string } {
  if (!cursor) return {};
  const [before, beforeId] = JSON.parse(cursor) as [string, string];
  return { before, beforeId };
}

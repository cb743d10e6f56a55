import { describe, expect, it } from 'vitest';
import { nextNotificationCursor, notificationCursorQuery } from './notification-pages.ts';
import type { AppNotification } from './notification-text.ts';

const at = '2026-12-17T14:38:43.000Z';
const notice = (id: string): AppNotification => ({ id, kind: 'released', title: 't', body: {}, object: 'lead', recordId: id, createdAt: at, readAt: null });

describe('notification pages', () => {
  it('go on from the last one shown by its time and id (many share one instant after a sweep)', () => {
    const page = [notice('c'), notice('b')];
    const cursor = nextNotificationCursor(page, 2);
    expect(notificationCursorQuery(cursor ?? undefined)).toEqual({ before: at, beforeId: 'b' });
  });

  it('end with a short page', () => {
    expect(nextNotificationCursor([notice('a')], 2)).toBeNull();
    expect(notificationCursorQuery(undefined)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { notificationText, type AppNotification } from './notification-text.ts';

const base: AppNotification = { id: '1', kind: 'x', title: 'Server title', body: {}, object: 'lead', recordId: 'r', createdAt: '2026-01-01T00:00:00Z', readAt: null };

describe('notification text', () => {
  it('speaks the reader’s language for known kinds', () => {
    expect(notificationText({ ...base, kind: 'release_warning', body: { releaseAt: '2026-02-01T00:00:00Z', releaseDueTo: 'no_visit' } }, 'zh', (s) => s.slice(0, 10)))
      .toBe('将于 2026-02-01 回收到公海（未拜访）');
    expect(notificationText({ ...base, kind: 'released', body: { reason: 'hold_expired' } }, 'en', String)).toBe('A record you held went back to the public pool (hold expired)');
    expect(notificationText({ ...base, kind: 'released', body: { reason: 'moving on' } }, 'en', String)).toBe('A record you held went back to the public pool (moving on)');
    expect(notificationText(base, 'zh', String)).toBe('Server title');
  });
});

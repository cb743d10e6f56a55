import { describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../../api/integrations-api.ts';
import { mergeFirstPage } from './delivery-pages.ts';

const at = (n: number, id = `00000000-0000-4000-8000-00000000000${n % 10}`): WebhookDelivery => ({
  id, event: 'record.created', state: 'delivered', attempts: 1, lastStatus: 204, lastError: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), deliveredAt: null, nextAttemptAt: null, payload: {},
});
const ids = (list: WebhookDelivery[]) => list.map((d) => d.createdAt.slice(17, 19));

describe('mergeFirstPage', () => {
  it('keeps the older pages a user loaded below a fresh first page, and their cursor', () => {
    const shown = { data: [at(9), at(8), at(7), at(6), at(5)], nextCursor: 'after-5' };
    const merged = mergeFirstPage(shown, { data: [at(11), at(10), at(9)], nextCursor: 'after-9' });
    expect(ids(merged.data)).toEqual(['11', '10', '09', '08', '07', '06', '05']);
    expect(merged.nextCursor).toBe('after-5');
  });

  it('takes the fresh first page alone when nothing older was shown, or when it is the whole log', () => {
    const shown = { data: [at(9), at(8)], nextCursor: 'after-8' };
    expect(mergeFirstPage(shown, { data: [at(10), at(9), at(8)], nextCursor: 'after-8' })).toEqual({ data: [at(10), at(9), at(8)], nextCursor: 'after-8' });
    expect(mergeFirstPage(shown, { data: [at(10), at(9)], nextCursor: null })).toEqual({ data: [at(10), at(9)], nextCursor: null });
  });

  it('orders deliveries of the same moment by id, as the server pages them', () => {
    const [a, b] = [at(5, '00000000-0000-4000-8000-00000000000b'), at(5, '00000000-0000-4000-8000-00000000000a')];
    const merged = mergeFirstPage({ data: [at(6), a, b], nextCursor: 'after-b' }, { data: [at(7), at(6), a], nextCursor: 'after-a' });
    expect(merged.data).toEqual([at(7), at(6), a, b]);
  });
});

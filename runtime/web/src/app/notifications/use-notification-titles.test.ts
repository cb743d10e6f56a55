import { describe, expect, it } from 'vitest';
import type { AppNotification } from './notification-text.ts';
import { untitledRecords } from './use-notification-titles.ts';

const notice = (id: string, object: string | null, recordId: string | null): AppNotification =>
  ({ id, kind: 'release_warning', title: 't', body: {}, object, recordId, createdAt: '2026-01-01T00:00:00Z', readAt: null });

describe('notification titles', () => {
  it('asks once per object for the records whose titles are not known', () => {
    const items = [notice('1', 'lead', 'b'), notice('2', 'lead', 'a'), notice('3', 'lead', 'b'), notice('4', 'hotel', 'h'), notice('5', null, null), notice('6', 'lead', 'c')];
    expect([...untitledRecords(items, new Map([['c', 'Known Inn']]))]).toEqual([['lead', ['a', 'b']], ['hotel', ['h']]]);
    // A record already asked for and not found (no title) is not asked for again.
    expect([...untitledRecords(items, new Map([['a', 'A'], ['b', ''], ['c', 'C'], ['h', 'H']]))]).toEqual([]);
  });

  it('asks for the names of who assigned records, as users', () => {
    const assigned = { ...notice('7', 'lead', 'a'), kind: 'assigned', body: { by: 'u-1' } };
    expect([...untitledRecords([assigned, { ...assigned, id: '8', recordId: 'b' }], new Map([['a', 'A']]))]).toEqual([['user', ['u-1']], ['lead', ['b']]]);
    expect([...untitledRecords([assigned], new Map([['a', 'A'], ['u-1', '李娜']]))]).toEqual([]);
  });
});

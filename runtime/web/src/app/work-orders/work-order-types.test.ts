import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate.ts';
import { countByRule, listOrder, mayActOn, putInPlace, queueName, queueOrder, queuePlaces, rulePlaces, workOrderCount, workOrderSearch, workOrderView, type WorkOrder } from './work-order-types.ts';

const en = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) => translate(key, 'en', params);
const zh = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) => translate(key, 'zh', params);

describe('the count of loaded work orders', () => {
  it('counts work orders, not records, and says when more are to come', () => {
    expect(workOrderCount(en, 12, false)).toBe('12 work orders');
    expect(workOrderCount(en, 1, false)).toBe('1 work order');
    expect(workOrderCount(en, 50, true)).toBe('50+ work orders');
    expect(workOrderCount(zh, 12, false)).toBe('12 个工单');
    expect(workOrderCount(zh, 50, true)).toBe('50+ 个工单');
  });

  it('says the whole team\'s list is the team\'s', () => {
    expect(workOrderCount(en, 12, false, true)).toBe('12 work orders in the team');
    expect(workOrderCount(en, 1, false, true)).toBe('1 work order in the team');
    expect(workOrderCount(en, 50, true, true)).toBe('50+ work orders in the team');
    expect(workOrderCount(zh, 12, false, true)).toBe('团队共 12 个工单');
    expect(workOrderCount(zh, 50, true, true)).toBe('团队共 50+ 个工单');
  });
});

describe('the queue order', () => {
  const order = (id: string, priority: number | null, createdAt: string, more: Partial<WorkOrder> = {}): WorkOrder => ({
    id, object: 'lead', recordId: id, assignee: 'me', rule: 'r', priority, state: 'open', outcome: null, title: null, createdAt, ...more,
  });
  // Run order: `first` (priority 5), then `r` and `s` (no priority: 100, by key), then `late` (200).
  const places = rulePlaces({ assignmentRules: { late: { priority: 200 }, s: {}, first: { priority: 5 }, r: {} } as never });

  it('puts lower priorities first, orders without a priority last, then the older first', () => {
    const orders = [order('a', null, '2026-01-01'), order('b', -90, '2026-01-03'), order('c', -95, '2026-01-05'), order('d', -90, '2026-01-02'), order('e', 3, '2026-01-01')];
    expect(orders.sort(queueOrder(places)).map((o) => o.id)).toEqual(['c', 'd', 'b', 'e', 'a']);
  });

  it('goes by the rules’ run order before the priority: each rule’s priority is on its own scale', () => {
    expect([...places]).toEqual([['first', 0], ['r', 1], ['s', 2], ['late', 3]]);
    const orders = [
      order('late', -1000, '2026-01-01', { rule: 'late' }), order('none', -2000, '2026-01-01', { rule: null }), order('gone', -3000, '2026-01-01', { rule: 'unpublished' }),
      order('s', 1, '2026-01-01', { rule: 's' }), order('r', 50, '2026-01-01', { rule: 'r' }), order('first', 99, '2026-01-01', { rule: 'first' }),
    ];
    // Orders of rules no longer published, and without a rule, come last, by their own keys.
    expect(orders.sort(queueOrder(places)).map((o) => o.id)).toEqual(['first', 'r', 's', 'late', 'gone', 'none']);
  });

  it('lists all states (a record’s orders) open first in queue order, then the closed ones, the last closed first', () => {
    const orders = [
      order('old', 1, '2026-01-01', { state: 'done', closedAt: '2026-01-02' }), order('open late', -5, '2026-01-01', { rule: 'late' }),
      order('new', 1, '2026-01-01', { state: 'skipped', closedAt: '2026-01-05' }), order('open first', 7, '2026-01-01', { rule: 'first' }),
    ];
    expect(orders.sort(listOrder('all', places)).map((o) => o.id)).toEqual(['open first', 'open late', 'new', 'old']);
    expect(orders.filter((o) => o.state !== 'open').sort(listOrder('done', places)).map((o) => o.id)).toEqual(['new', 'old']);
  });

  it('puts an undone order back in its place, and takes one out of a state it left', () => {
    const queue = [order('a', 1, '2026-01-01'), order('c', 3, '2026-01-01'), order('e', 5, '2026-01-01')];
    const back = order('d', 4, '2026-01-01');
    expect(putInPlace(queue, back, 'open', places, false).map((o) => o.id)).toEqual(['a', 'c', 'd', 'e']);
    // After the last loaded of a longer queue it belongs to a later page; at the end of a whole one it is last.
    expect(putInPlace(queue, order('z', 9, '2026-01-01'), 'open', places, true).map((o) => o.id)).toEqual(['a', 'c', 'e']);
    expect(putInPlace(queue, order('z', 9, '2026-01-01'), 'open', places, false).map((o) => o.id)).toEqual(['a', 'c', 'e', 'z']);
    // Closed, it leaves the open queue; under all it moves among the closed ones.
    const closed = { ...queue[0]!, state: 'done' as const, closedAt: '2026-01-09' };
    expect(putInPlace(queue, closed, 'open', places, false).map((o) => o.id)).toEqual(['c', 'e']);
    expect(putInPlace([...queue, order('old', 1, '2026-01-01', { state: 'done', closedAt: '2026-01-02' })], closed, 'all', places, false).map((o) => o.id)).toEqual(['c', 'e', 'a', 'old']);
  });
});

describe('open orders by rule', () => {
  it('counts each rule’s orders, the rules in run order, others last', () => {
    const places = rulePlaces({ assignmentRules: { late: { priority: 200 }, first: { priority: 5 } } as never });
    const orders = [{ rule: 'late' }, { rule: null }, { rule: 'first' }, { rule: 'late' }, { rule: 'gone' }];
    expect(countByRule(orders, places)).toEqual([{ rule: 'first', count: 1 }, { rule: 'late', count: 2 }, { rule: null, count: 1 }, { rule: 'gone', count: 1 }]);
  });
});

describe('the page\'s address', () => {
  const me = '11111111-1111-4111-8111-111111111111';
  const ann = '22222222-2222-4222-8222-222222222222';

  it('reads whose orders in which state, with my open queue by default and nonsense ignored', () => {
    expect(workOrderView(new URLSearchParams(''), me)).toEqual({ assignee: me, state: 'open' });
    expect(workOrderView(new URLSearchParams(`assignee=${ann.toUpperCase()}&state=done`), me)).toEqual({ assignee: ann, state: 'done' });
    expect(workOrderView(new URLSearchParams('assignee=bob&state=closed'), me)).toEqual({ assignee: me, state: 'open' });
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(workOrderSearch({ assignee: me, state: 'open' }, me)).toBe('');
    expect(workOrderSearch({ assignee: me, state: 'skipped' }, me)).toBe('?state=skipped');
    const search = workOrderSearch({ assignee: ann, state: 'all' }, me);
    expect(search).toBe(`?assignee=${ann}&state=all`);
    expect(workOrderView(new URLSearchParams(search), me)).toEqual({ assignee: ann, state: 'all' });
  });

  it('reads and writes the whole team\'s list as assignee=team', () => {
    expect(workOrderView(new URLSearchParams('assignee=team&state=done'), me)).toEqual({ assignee: 'team', state: 'done' });
    expect(workOrderSearch({ assignee: 'team', state: 'open' }, me)).toBe('?assignee=team');
    expect(workOrderView(new URLSearchParams(workOrderSearch({ assignee: 'team', state: 'skipped' }, me)), me)).toEqual({ assignee: 'team', state: 'skipped' });
    // Only the lower-case word: anything else is no list of ours.
    expect(workOrderView(new URLSearchParams('assignee=TEAM'), me)).toEqual({ assignee: me, state: 'open' });
  });

  it('lets people act on their own orders, and admins on anyone\'s; a manager only looks', () => {
    expect(mayActOn(me, { id: me, roles: ['bd'] })).toBe(true);
    expect(mayActOn(ann, { id: me, roles: ['manager'] })).toBe(false);
    expect(mayActOn(ann, { id: me, roles: ['bd', 'admin'] })).toBe(true);
  });
});

describe('the whole team\'s list', () => {
  const me = '11111111-1111-4111-8111-111111111111';

  it('numbers each order in its own person\'s queue, not in the merged list', () => {
    const merged = [{ id: 'a1', assignee: 'ann' }, { id: 'b1', assignee: 'bob' }, { id: 'a2', assignee: 'ann' }, { id: 'm1', assignee: me }, { id: 'a3', assignee: 'ann' }, { id: 'b2', assignee: 'bob' }];
    expect([...queuePlaces(merged)]).toEqual([['a1', 0], ['b1', 0], ['a2', 1], ['m1', 0], ['a3', 2], ['b2', 1]]);
  });

  it('names whose each order is as the queue picker does', () => {
    expect(queueName(en, { userId: me, name: 'Bao Boss', active: true }, me)).toBe('Me (Bao Boss)');
    expect(queueName(en, { userId: 'ann', name: 'Ann Report', active: true }, me)).toBe('Ann Report');
    expect(queueName(en, { userId: 'bob', name: 'Bob', active: false }, me)).toBe('Bob (deactivated)');
    expect(queueName(zh, { userId: me, name: '包总', active: true }, me)).toBe('我（包总）');
  });
});

import { describe, expect, it } from 'vitest';
import { formatTotal, formatValue, recordTitle, type FormatContext } from './format-value.ts';
import type { FieldInfo, ObjectInfo } from './object-info.ts';

const field = (key: string, type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label: key, type, kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});

const hotel: ObjectInfo = {
  key: 'hotel', label: 'Hotel', pluralLabel: 'Hotels', titleField: 'name', actions: ['read'], pipeline: null, stageField: null, pools: [],
  fields: [field('name', 'text')], fieldMap: new Map([['name', field('name', 'text')]]),
};
const ctx: FormatContext = { locale: 'en', objects: new Map([['hotel', hotel]]), timeZone: 'Asia/Shanghai' };

describe('formatValue', () => {
  it('shows option labels in the UI language', () => {
    const city = field('city', 'select', { options: [{ value: 'nanjing', label: { en: 'Nanjing', zh: '南京' } }] });
    expect(formatValue(city, 'nanjing', ctx)).toBe('Nanjing');
    expect(formatValue(city, 'nanjing', { ...ctx, locale: 'zh' })).toBe('南京');
    expect(formatValue(city, 'gone', ctx)).toBe('gone');
    const tags = field('tags', 'multiselect', { options: [{ value: 'vip', label: 'VIP' }, { value: 'new' }] });
    expect(formatValue(tags, ['vip', 'new'], ctx)).toBe('VIP, new');
    // A system field with named values: the pool a record is in, by the pool's label.
    const pool = field('pool', 'system', { system: true, options: [{ value: 'leadPool', label: { en: 'Hotel leads', zh: '酒店线索' } }] });
    expect(formatValue(pool, 'leadPool', { ...ctx, locale: 'zh' })).toBe('酒店线索');
  });

  it('formats money, numbers, booleans and time', () => {
    const amount = field('amount', 'currency', { kind: 'number', definition: { type: 'currency', currency: 'CNY' } });
    expect(formatValue(amount, 12000, ctx)).toBe('CN¥12,000.00');
    // A leaderboard's sums: whole amounts without cents, others as they are.
    expect(formatTotal(amount, 8087000, { ...ctx, locale: 'zh' })).toBe('¥8,087,000');
    expect(formatTotal(amount, 8087000.5, { ...ctx, locale: 'zh' })).toBe('¥8,087,000.50');
    expect(formatValue(field('rate', 'percent', { kind: 'number' }), 12.5, ctx)).toBe('12.5%');
    const rating = field('rating', 'decimal', { kind: 'number', definition: { type: 'decimal', scale: 1 } });
    expect([4, 4.4, 5].map((v) => formatValue(rating, v, ctx))).toEqual(['4.0', '4.4', '5.0']);
    expect(formatValue(field('x', 'decimal', { kind: 'number' }), 2.25, ctx)).toBe('2.25');
    expect(formatValue(field('ok', 'boolean'), false, { ...ctx, locale: 'zh' })).toBe('否');
    expect(formatValue(field('x', 'text'), null, ctx)).toBe('—');
  });

  it('writes dates and date-times the reader\'s way, in the tenant\'s zone: digits in Chinese, the month by name in English', () => {
    const zh = { ...ctx, locale: 'zh' as const };
    const visitedAt = field('visitedAt', 'datetime', { kind: 'datetime' });
    expect(formatValue(visitedAt, '2026-12-07T06:30:00.000Z', zh)).toBe('2026-12-07 14:30');
    expect(formatValue(visitedAt, '2026-12-07T06:30:00.000Z', ctx)).toBe('Dec 7, 2026, 2:30 PM');
    // 23:30 in London is the next morning in Shanghai.
    expect(formatValue(visitedAt, '2026-11-21T17:27:00Z', ctx)).toBe('Nov 22, 2026, 1:27 AM');
    const createdAt = field('createdAt', 'system', { kind: 'timestamp', system: true });
    expect(formatValue(createdAt, '2026-01-01T00:00:00Z', zh)).toBe('2026-01-01 08:00');
    expect(formatValue(createdAt, '2026-01-01T00:00:00Z', ctx)).toBe('Jan 1, 2026, 8:00 AM');
    // A date has no zone: no zone west of UTC moves it to the day before.
    const signedOn = field('signedOn', 'date', { kind: 'date' });
    expect(formatValue(signedOn, '2026-12-07', zh)).toBe('2026-12-07');
    expect(formatValue(signedOn, '2026-12-07', { ...ctx, timeZone: 'America/Los_Angeles' })).toBe('Dec 7, 2026');
    expect(formatValue(signedOn, 'not a date', ctx)).toBe('not a date');
  });

  it('shows lookups by their title and users by name', () => {
    const lookup = field('hotel', 'lookup', { kind: 'reference', target: 'hotel' });
    expect(formatValue(lookup, { id: 'abc', name: 'Hilton' }, ctx)).toBe('Hilton');
    expect(formatValue(lookup, '0123456789ab', ctx)).toBe('#01234567');
    const owner = field('owner', 'system', { kind: 'uuid', target: 'user', system: true });
    expect(formatValue(owner, { id: 'u1', name: '张伟', email: 'a@b' }, ctx)).toBe('张伟');
    // Released by the sweep: the system, in the reader's language; by a person: their name.
    const releasedBy = field('releasedBy', 'system', { kind: 'uuid', target: 'user', system: true });
    expect(formatValue(releasedBy, 'system', { ...ctx, locale: 'zh' })).toBe('系统');
    expect(formatValue(releasedBy, 'system', ctx)).toBe('System');
    expect(formatValue(releasedBy, { id: 'u1', name: '张伟', email: 'a@b' }, ctx)).toBe('张伟');
    expect(recordTitle(hotel, { id: 'ffff0000aaaa', name: '' }, ctx)).toBe('#ffff0000');
  });

  it('keeps markup as text', () => {
    expect(formatValue(field('name', 'text'), '<img src=x onerror=alert(1)>', ctx)).toBe('<img src=x onerror=alert(1)>');
  });

  it('translates pool states and release reasons', () => {
    expect(formatValue(field('poolState', 'system', { system: true }), 'public', { ...ctx, locale: 'zh' })).toBe('公海');
    expect(formatValue(field('releaseReason', 'system', { system: true }), 'no_visit', ctx)).toBe('no visit');
  });

  it('reads a release reason by the words of its record’s pool, else of the pool that offers it, else the built-in words or as stored', () => {
    const reason = field('releaseReason', 'system', { system: true });
    const pools = {
      shopPool: { object: 'lead', releaseReasons: [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }, { key: 'no_interest', label: { zh: '商家没兴趣' } }] },
      hotelPool: { object: 'lead', releaseReasons: [{ key: 'renovation', label: { en: 'Closed for renovation', zh: '酒店装修停业' } }] },
      otherPool: { object: 'lead' },
    };
    const zh = { ...ctx, locale: 'zh' as const, pools };
    expect(formatValue(reason, 'shop_closed', zh, { pool: 'shopPool' })).toBe('商家已闭店');
    expect(formatValue(reason, 'shop_closed', { ...zh, locale: 'en' }, { pool: 'shopPool' })).toBe('Shop closed');
    // A pool's own words for a built-in key; another pool's records keep the built-in words.
    expect(formatValue(reason, 'no_interest', zh, { pool: 'shopPool' })).toBe('商家没兴趣');
    expect(formatValue(reason, 'no_interest', zh, { pool: 'otherPool' })).toBe('客户暂无合作意向');
    // A list cell, without its record: the first pool that offers the reason.
    expect(formatValue(reason, 'renovation', zh)).toBe('酒店装修停业');
    // Released for a reason its pool does not offer (given in another pool of the object before it
    // moved): that pool's words; one no pool offers any more: the key. The sweep's reasons and typed words as always.
    expect(formatValue(reason, 'renovation', zh, { pool: 'shopPool' })).toBe('酒店装修停业');
    expect(formatValue(reason, 'retired_reason', zh, { pool: 'shopPool' })).toBe('retired_reason');
    expect(formatValue(reason, 'no_visit', zh, { pool: 'shopPool' })).toBe('未拜访');
    expect(formatValue(reason, '老板换人了', zh, { pool: 'shopPool' })).toBe('老板换人了');
  });
});

import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { listAddressQuery, maxParamLength, orderFits, readListAddress, withoutListState, type ListAddress } from './list-url-state.ts';

const read = (query: string) => readListAddress(new URLSearchParams(query));
/** The query written for `shown` over `start`, read back as an address would be. */
const roundTrip = (shown: ListAddress, start: ListAddress = {}, own = '') => read(new URL(`http://x/app/t/o/lead${listAddressQuery(new URLSearchParams(own), shown, start)}`).search);

describe('a list’s state in its address', () => {
  it('reads back what it wrote: filter, search, order, columns, board and the week’s switch', () => {
    const shown: ListAddress = {
      where: { 'hotel.city': '南京', 'hotel.stars': { $gte: 4 }, $or: [{ stage: 'new' }, { owner: '$user.id' }] },
      q: '金陵 & Co #1 +50% a=b',
      orderBy: '-roomNights,name',
      columns: ['name', 'hotel.city', 'roomNights'],
      display: 'kanban',
      soon: true,
    };
    expect(roundTrip(shown)).toEqual(shown);
  });

  it('writes only what differs from what the list shows by itself, after the page’s own parameters', () => {
    const start = { orderBy: '-createdAt', columns: ['name', 'stage'], display: 'table' as const };
    expect(listAddressQuery(new URLSearchParams(), { ...start, q: '', soon: false }, start)).toBe('');
    expect(listAddressQuery(new URLSearchParams('view=my:ab&owner=any'), { ...start, orderBy: 'name' }, start)).toBe('?view=my%3Aab&owner=any&sort=name');
    // What the address said before is replaced, not repeated.
    expect(listAddressQuery(new URLSearchParams('sort=name&q=x&view=hot'), { ...start, q: 'y' }, start)).toBe('?view=hot&q=y');
  });

  it('keeps the filter readable and says when the user cleared the filter their view starts with', () => {
    const query = listAddressQuery(new URLSearchParams(), { where: { stage: { $in: ['new', 'contacted'] } } }, {});
    expect(query).toBe('?where={%22stage%22:{%22$in%22:[%22new%22,%22contacted%22]}}');
    expect(listAddressQuery(new URLSearchParams('view=my:ab'), { where: undefined }, { where: { stage: 'new' } })).toBe('?view=my%3Aab&where={}');
    expect(roundTrip({ where: {} }, { where: { stage: 'new' } })).toEqual({ where: {} });
    expect(listAddressQuery(new URLSearchParams(), { where: { stage: 'new' } }, { where: { stage: 'new' } })).toBe('');
  });

  it('leaves a value too long to carry out of the address, and the rest in', () => {
    const long = { name: { $in: Array.from({ length: 200 }, (_, i) => `hotel number ${i}`) } };
    expect(JSON.stringify(long).length).toBeGreaterThan(maxParamLength);
    expect(roundTrip({ where: long, orderBy: 'name' })).toEqual({ orderBy: 'name' });
  });

  it('reads a dashboard’s link, and ignores what is malformed', () => {
    expect(read(new URL(paths.list('hotel', 'lead', undefined, { owner: 'u-1' }), 'http://x').search).where).toEqual({ owner: 'u-1' });
    for (const bad of ['where=', 'where=%5B1%5D', 'where=null', 'where=%7Bnope', 'where=3']) expect(read(bad).where).toBeUndefined();
    expect(read('sort=name;drop&display=grid&soon=yes&cols=name,,x%20y,stage&q=')).toEqual({ columns: ['name', 'stage'] });
  });

  it('takes the list’s state off an address, leaving its view', () => {
    expect(withoutListState('/app/t/o/lead?view=hot&where={}&sort=-name&q=a')).toBe('/app/t/o/lead?view=hot');
    expect(withoutListState('/app/t/pools/leadPool/public?sort=-name')).toBe('/app/t/pools/leadPool/public');
  });
});

describe('an order from the address', () => {
  const f = (key: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
    key, label: { en: key, zh: key }, type: 'text', kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
  });
  const fields = [f('name'), f('roomNights', { type: 'number', kind: 'number' }), f('tags', { type: 'multiselect', kind: 'multi' })];
  const lead: ObjectInfo = {
    key: 'lead', label: 'Lead', pluralLabel: 'Leads', titleField: 'name', actions: ['read'], pipeline: null, stageField: null, pools: [],
    fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
  };

  it('is used where the server can sort by it, else the list’s own', () => {
    expect(orderFits(lead, '-roomNights', '-createdAt')).toBe('-roomNights');
    expect(orderFits(lead, 'name,-roomNights', '-createdAt')).toBe('name,-roomNights');
    expect(orderFits(lead, 'tags', '-createdAt')).toBe('-createdAt');
    expect(orderFits(lead, 'nope', '-createdAt')).toBe('-createdAt');
    expect(orderFits(lead, undefined, '-createdAt')).toBe('-createdAt');
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { mergeNewestFirst, visitSources } from './record-activity.ts';

const f = (key: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label: key, type: 'text', kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const info = (key: string, fields: FieldInfo[], actions = ['read']): ObjectInfo => ({
  key, label: key, titleField: null, actions, pipeline: null, stageField: null, pools: [], fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
} as unknown as ObjectInfo);

describe('a record\'s activity', () => {
  const lead = info('lead', [f('name')]);
  const visit = info('visit', [f('lead'), f('visitedAt')]);
  const document = { pools: {
    leadPool: { object: 'lead', visit: { object: 'visit', field: 'lead', at: 'visitedAt' } },
    vipPool: { object: 'lead', visit: { object: 'visit', field: 'lead', at: 'visitedAt' } },
    hotelPool: { object: 'hotel', visit: { object: 'call', field: 'hotel', at: 'calledAt' } },
  } } as unknown as MetadataDocument;

  it('takes visits from the pools the record lives in, once, where the reader may read them', () => {
    expect(visitSources(lead, document, new Map([['visit', visit]]))).toEqual([{ object: 'visit', field: 'lead', at: 'visitedAt' }]);
    expect(visitSources(lead, document, new Map())).toEqual([]);
    expect(visitSources(lead, document, new Map([['visit', info('visit', [f('lead'), f('visitedAt')], ['create'])]]))).toEqual([]);
    expect(visitSources(lead, document, new Map([['visit', info('visit', [f('lead'), f('visitedAt', { readable: false })])]]))).toEqual([]);
    expect(visitSources(info('contract', []), document, new Map([['visit', visit]]))).toEqual([]);
  });

  const h = (at: string) => ({ kind: 'history', at: `2026-12-01T${at}:00Z` });
  const v = (at: string) => ({ kind: 'visit', at: `2026-12-01T${at}:00Z` });
  const times = (items: Array<{ kind: string; at: string }>) => items.map((e) => `${e.kind} ${e.at.length > 16 ? e.at.slice(11, 16) : e.at}`);

  it('interleaves history and visits newest first, down to where a list not read to its end has reached', () => {
    const visits = { items: [v('09:00'), v('07:00')], done: true };
    expect(times(mergeNewestFirst([{ items: [h('10:00'), h('08:00')], done: false }, visits], (e) => e.at)))
      .toEqual(['history 10:00', 'visit 09:00', 'history 08:00']);
    expect(times(mergeNewestFirst([{ items: [h('10:00'), h('08:00'), h('06:00')], done: true }, visits], (e) => e.at)))
      .toEqual(['history 10:00', 'visit 09:00', 'history 08:00', 'visit 07:00', 'history 06:00']);
    // Neither read to its end: down to the newer of the two oldest loaded.
    expect(times(mergeNewestFirst([{ items: [h('10:00'), h('06:00')], done: false }, { items: [v('09:00'), v('07:00')], done: false }], (e) => e.at)))
      .toEqual(['history 10:00', 'visit 09:00', 'visit 07:00']);
    // A list with nothing loaded yet holds nothing back once it is known to be empty.
    expect(times(mergeNewestFirst([{ items: [h('10:00')], done: true }, { items: [], done: true }], (e) => e.at))).toEqual(['history 10:00']);
  });

  it('a visit without a time (empty, or hidden from the reader) neither blanks the activity nor is lost: it comes last once all is read', () => {
    const timeless = { kind: 'visit', at: 'null' };
    // The server lists it last: it sets no floor, so the history shows while more of it loads.
    expect(times(mergeNewestFirst([{ items: [h('10:00'), h('08:00')], done: false }, { items: [v('09:00'), timeless], done: false }], (e) => e.at)))
      .toEqual(['history 10:00', 'visit 09:00', 'history 08:00']);
    expect(times(mergeNewestFirst([{ items: [h('10:00'), h('08:00')], done: true }, { items: [v('09:00'), timeless], done: true }], (e) => e.at)))
      .toEqual(['history 10:00', 'visit 09:00', 'history 08:00', 'visit null']);
  });
});

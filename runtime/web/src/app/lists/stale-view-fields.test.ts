import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { pruneWhere, staleFieldsNote, withoutStaleFields } from './stale-view-fields.ts';

const f = (key: string, label: string, options: { readable?: boolean; target?: string } = {}): FieldInfo => ({
  key, label: { en: label, zh: label }, type: 'text', kind: 'text', system: false, required: false, readOnly: false,
  readable: options.readable ?? true, creatable: true, updatable: true, ...(options.target ? { target: options.target } : {}),
});
const objectOf = (key: string, fields: FieldInfo[], stageField: string | null = null): ObjectInfo => ({
  key, label: key, pluralLabel: key, titleField: 'name', actions: ['read'], pipeline: null, stageField, pools: [], fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
});
const hotel = objectOf('hotel', [f('name', 'Hotel name'), f('city', 'City'), f('revenue', 'Revenue', { readable: false })]);
const lead = objectOf('lead', [f('name', 'Lead name'), f('score', 'Score'), f('stage', 'Stage'), f('owner', 'Owner', { target: 'user' }),
  f('hotel', 'Hotel', { target: 'hotel' }), f('contactPhone', '联系电话', { readable: false })], 'stage');
const objects = new Map([['lead', lead], ['hotel', hotel]]);

describe('a personal view’s stale fields', () => {
  it('leaves a view naming only fields the user reads as it is', () => {
    const view = { id: 'a', label: 'Hot', where: { score: { $gte: 80 }, 'hotel.city': 'hz', 'owner.attributes.team': '$user.attributes.team' }, orderBy: '-score,name', columns: ['name', 'score'], display: 'kanban' as const };
    expect(withoutStaleFields(view, lead, objects, 'en')).toEqual({ view, stale: [] });
  });

  it('leaves out a removed field from columns, filter and sort, naming it once with the parts that used it', () => {
    const checked = withoutStaleFields({
      id: 'a', label: 'Referred', where: { referrer: { $null: false }, score: { $gte: 80 } }, orderBy: '-referrer,name', columns: ['name', 'referrer', 'score'],
    }, lead, objects, 'zh');
    expect(checked.view).toEqual({ id: 'a', label: 'Referred', where: { score: { $gte: 80 } }, orderBy: 'name', columns: ['name', 'score'] });
    expect(checked.stale).toEqual([{ path: 'referrer', label: 'Referrer', reason: 'gone', parts: ['columns', 'where', 'orderBy'] }]);
  });

  it('tells a field the user may no longer read from one removed, one hop into a lookup too', () => {
    const checked = withoutStaleFields({
      id: 'a', label: 'x', where: { 'hotel.revenue': { $gte: 1 }, 'hotel.stars': 5 }, orderBy: 'contactPhone', columns: ['contactPhone'],
    }, lead, objects, 'zh');
    // Nothing left to sort or show: the list's own order and columns apply.
    expect(checked.view).toEqual({ id: 'a', label: 'x' });
    expect(checked.stale).toEqual([
      { path: 'contactPhone', label: '联系电话', reason: 'hidden', parts: ['columns', 'orderBy'] },
      { path: 'hotel.revenue', label: 'Hotel · Revenue', reason: 'hidden', parts: ['where'] },
      { path: 'hotel.stars', label: 'Hotel · Stars', reason: 'gone', parts: ['where'] },
    ]);
  });

  it('shows a board as a table once the object has no stages', () => {
    const noStages = objectOf('lead', lead.fields.filter((x) => x.key !== 'stage'));
    expect(withoutStaleFields({ id: 'a', label: 'Board', display: 'kanban' }, noStages, objects, 'en')).toEqual({ view: { id: 'a', label: 'Board', display: 'table' }, stale: [] });
  });

  it('drops a condition on a stale field at the top or in an $and, and an $and left empty', () => {
    const keep = (path: string) => path !== 'gone';
    expect(pruneWhere({ gone: 1, $and: [{ gone: 3 }, { stage: 'a' }], score: 2 }, keep)).toEqual({ $and: [{ stage: 'a' }], score: 2 });
    expect(pruneWhere({ $and: [{ gone: 3 }], stage: { $in: ['a'] } }, keep)).toEqual({ stage: { $in: ['a'] } });
    expect(pruneWhere({ gone: 1 }, keep)).toBeUndefined();
  });

  it('leaves out whole an $or or $not naming a stale field, so the list never shows fewer rows than the view did', () => {
    const keep = (path: string) => path !== 'gone';
    // Without `gone`, `$not: { score }` would hide every high score the view showed.
    expect(pruneWhere({ $not: { gone: 1, score: { $gte: 80 } }, stage: 'a' }, keep)).toEqual({ stage: 'a' });
    // Without its `gone` branch, the $or would show only high scores.
    expect(pruneWhere({ $or: [{ gone: 1 }, { score: { $gte: 80 } }], stage: 'a' }, keep)).toEqual({ stage: 'a' });
    expect(pruneWhere({ $and: [{ $or: [{ score: 2 }, { $and: [{ gone: 1 }, { stage: 'b' }] }] }, { stage: 'a' }] }, keep)).toEqual({ $and: [{ stage: 'a' }] });
    expect(pruneWhere({ $not: { $or: [{ gone: 1 }] } }, keep)).toBeUndefined();
    const intact = { $or: [{ score: 2 }, { $not: { stage: 'b' } }], $not: { stage: 'c' } };
    expect(pruneWhere(intact, keep)).toEqual(intact);
  });

  it('asks about every path of a group, saying it costs the group', () => {
    const asked: Array<[string, boolean]> = [];
    pruneWhere({ score: 1, $or: [{ gone: 1 }, { other: 2 }, { stage: 3 }] }, (path, inGroup) => { asked.push([path, inGroup]); return path === 'score' || path === 'stage'; });
    expect(asked).toEqual([['score', false], ['gone', true], ['other', true], ['stage', true]]);
  });

  it('tells the user a filter group was left out with its stale field', () => {
    const checked = withoutStaleFields({ id: 'a', label: 'x', where: { score: { $gte: 80 }, $not: { referrer: 'x', stage: 'won' } }, columns: ['referrer'] }, lead, objects, 'zh');
    expect(checked.view.where).toEqual({ score: { $gte: 80 } });
    expect(checked.stale).toEqual([{ path: 'referrer', label: 'Referrer', reason: 'gone', parts: ['columns', 'whereGroup'] }]);
    expect(staleFieldsNote([{ ...checked.stale[0]!, label: '推荐人' }], 'zh')).toBe('此视图中的字段“推荐人”（列、所在的整组筛选）已不存在，已忽略。');
    expect(staleFieldsNote(checked.stale, 'en')).toBe('This view’s field “Referrer” (column, the whole filter group it is in) no longer exists and was left out.');
  });

  it('says once which fields were left out, in the user’s language', () => {
    const gone = { path: 'referrer', label: '推荐人', reason: 'gone' as const, parts: ['columns' as const, 'where' as const] };
    const hidden = { path: 'contactPhone', label: '联系电话', reason: 'hidden' as const, parts: ['orderBy' as const] };
    expect(staleFieldsNote([gone], 'zh')).toBe('此视图中的字段“推荐人”（列、筛选）已不存在，已忽略。');
    expect(staleFieldsNote([gone, hidden], 'zh')).toBe('此视图中的字段“推荐人”（列、筛选）已不存在，已忽略。此视图中的字段“联系电话”（排序）你已无权查看，已忽略。');
    expect(staleFieldsNote([{ ...gone, label: 'Referrer' }], 'en')).toBe('This view’s field “Referrer” (column, filter) no longer exists and was left out.');
    expect(staleFieldsNote([{ ...gone, label: 'Referrer' }, { ...gone, path: 'x', label: 'Source', parts: ['orderBy'] }], 'en'))
      .toBe('This view’s fields “Referrer” (column, filter), “Source” (sort) no longer exist and were left out.');
    expect(staleFieldsNote([{ ...hidden, label: 'Contact phone' }], 'en')).toBe('You may no longer see this view’s field “Contact phone” (sort); it was left out.');
  });
});

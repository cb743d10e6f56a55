import { describe, expect, it } from 'vitest';
import type { FormatContext } from '../metadata/format-value.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { historyNote, outcomeText, priorityReason, ruleTitle, workOrderStateText } from './work-order-text.ts';
import type { WorkOrder } from './work-order-types.ts';

const document = {
  assignmentRules: {
    eastChinaNewHotels: {
      title: { en: 'New hotels in East China', zh: '华东新酒店分配' }, object: 'lead', records: {}, users: {}, match: 'even' as const,
      workOrderPriority: { field: 'hotel.roomNightsPerMonth', order: 'desc' as const },
    },
    byScore: { object: 'lead', records: {}, users: {}, match: 'even' as const, workOrderPriority: { field: 'score' } },
  },
};

function objectInfo(key: string, fields: Array<Partial<FieldInfo> & { key: string }>): ObjectInfo {
  const infos = fields.map((f) => ({ type: 'integer', ...f }) as FieldInfo);
  return { key, fields: infos, fieldMap: new Map(infos.map((f) => [f.key, f])) } as unknown as ObjectInfo;
}

const objects = new Map([
  ['lead', objectInfo('lead', [{ key: 'hotel', type: 'lookup', target: 'hotel', label: { en: 'Hotel', zh: '酒店' } }, { key: 'score', label: { en: 'Score', zh: '评分' } }])],
  ['hotel', objectInfo('hotel', [{ key: 'roomNightsPerMonth', label: { en: 'Room nights per month', zh: '月间夜量' } }])],
]);
const en: FormatContext = { locale: 'en', objects };
const zh: FormatContext = { locale: 'zh', objects };
const order = (over: Partial<WorkOrder>): WorkOrder => ({
  id: 'o', object: 'lead', recordId: 'r', assignee: 'me', rule: 'eastChinaNewHotels', priority: -12620, state: 'open', outcome: null, title: null, createdAt: '2026-01-01', ...over,
});

describe('what a work order says', () => {
  it('names its rule by title in the reader’s language, by its key in words without one', () => {
    expect(ruleTitle(document, 'eastChinaNewHotels', 'zh')).toBe('华东新酒店分配');
    expect(ruleTitle(document, 'eastChinaNewHotels', 'en')).toBe('New hotels in East China');
    expect(ruleTitle(document, 'shanghaiPremium', 'zh')).toBe('Shanghai premium');
  });

  it('says why it comes where it does: the rule’s priority field and the value, through a lookup', () => {
    expect(priorityReason(order({}), document, en)).toBe('Room nights per month: 12,620');
    expect(priorityReason(order({}), document, zh)).toBe('月间夜量：12,620');
    expect(priorityReason(order({ rule: 'byScore', priority: 78 }), document, en)).toBe('Score: 78');
    expect(priorityReason(order({ priority: null }), document, en)).toBeUndefined();
    expect(priorityReason(order({ rule: null }), document, en)).toBeUndefined();
  });

  it('says why the server closed an order whose record left its assignee, and keeps what a person wrote', () => {
    expect(outcomeText('reassigned', 'zh')).toBe('已关闭：记录已转给他人');
    expect(outcomeText('released', 'en')).toBe('Closed: the record went back to the public pool');
    expect(outcomeText('released: no_visit', 'zh')).toBe('已关闭：记录已回收到公海（未拜访）');
    expect(outcomeText('released: not a fit for us', 'en')).toBe('Closed: the record went back to the public pool (not a fit for us)');
    expect(outcomeText('Signed a one-year deal', 'zh')).toBe('Signed a one-year deal');
  });

  it('puts the history of the assignment and of the work order into words', () => {
    expect(historyNote('assignment rule eastChinaNewHotels', document, 'zh')).toBe('由分配规则「华东新酒店分配」分配');
    expect(historyNote('assignment rule eastChinaNewHotels', document, 'en')).toBe('by assignment rule “New hotels in East China”');
    // A work order the server closed when its record left the assignee; a person's own words stay theirs.
    expect(historyNote('released: no_visit', document, 'zh', 'workOrder')).toBe('已关闭：记录已回收到公海（未拜访）');
    expect(historyNote('met the GM', document, 'en', 'workOrder')).toBe('met the GM');
    expect(historyNote('reassigned', document, 'en', 'release')).toBe('reassigned');
    expect(historyNote('Called the GM', document, 'zh')).toBe('Called the GM');
    expect(workOrderStateText('open', 'zh')).toBe('待处理');
    expect(workOrderStateText('done', 'zh')).toBe('已完成');
    expect(workOrderStateText('skipped', 'en')).toBe('Skipped');
  });

});

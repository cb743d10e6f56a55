import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { translate } from '../i18n/translate.ts';
import { jobFailureText, outcomeSummary, reasonText, ruleCapValues } from './assignment-text.ts';

const document = {
  pools: { leadPool: { object: 'lead', maxPerOwner: 50 } },
  assignmentRules: { east: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { maxPerDay: 20, maxTotal: 200 } } },
} as unknown as MetadataDocument;

describe('assignment rule words', () => {
  const zh = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) => translate(key, 'zh', params);
  const en = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) => translate(key, 'en', params);

  it('reads the caps of a rule and of its pool', () => {
    expect(ruleCapValues(document, 'east')).toEqual({ maxPerDay: 20, maxTotal: 200, maxPerOwner: 50 });
    expect(ruleCapValues(document, 'gone')).toEqual({});
  });

  it('says which cap left a record unassigned, with its value, in the user\'s language', () => {
    const caps = ruleCapValues(document, 'east');
    expect(reasonText({ reason: 'no_capacity', caps: ['maxPerDay'] }, caps, zh)).toBe('所有人都已达到每日上限（每人每天 20 条）');
    expect(reasonText({ reason: 'no_capacity', caps: ['maxTotal'] }, caps, en)).toBe('Everyone has reached the total cap (200 per person)');
    expect(reasonText({ reason: 'no_capacity', caps: ['maxPerDay', 'maxPerOwner'] }, caps, en))
      .toBe('Everyone recalled has reached a cap: the daily cap (20 new per day); the pool’s limit (50 private records)');
    expect(reasonText({ reason: 'no_capacity', caps: ['maxPerDay', 'maxTotal'] }, caps, zh)).toBe('召回的人员都已达到上限：每日上限（每天 20 条）；总量上限（200 条）');
    // A cap the document no longer has (changed since): no number to show.
    expect(reasonText({ reason: 'no_capacity', caps: ['maxPerDay'] }, {}, zh)).toBe('召回的人员都没有余量');
    expect(reasonText({ reason: 'no_users' }, caps, zh)).toBe('没有符合人员条件的用户');
    expect(reasonText({ reason: 'cooldown' }, caps, zh)).toBe('有余量的人近期都释放过该记录（再领取冷却期）');
    expect(reasonText({ reason: 'claimed_meanwhile' }, caps, en)).toBe('Someone claimed it during the run');
    expect(reasonText({ reason: 'new_reason' }, caps, en)).toBe('Other reason (new_reason)');
  });

  it('says why a run in the background failed: known codes in the user\'s words, anything else as the server put it', () => {
    const failed = (code: string | undefined, message: string) => ({ errors: [{ row: 0, message, ...(code ? { code } : {}) }] });
    expect(jobFailureText(failed('rule_inactive', 'Assignment rule off is disabled; only a dry run is possible'), 'zh', zh)).toBe('分配未完成，未分配任何记录：该分配规则未启用，只能试运行');
    expect(jobFailureText(failed('run_interrupted', 'The process running it stopped before the run ended; nothing was assigned'), 'zh', zh)).toBe('运行该分配的服务器在完成前停止了，未分配任何记录，请重新运行。');
    expect(jobFailureText(failed('user_inactive', 'The person who started the run is no longer active; nothing was assigned'), 'zh', zh)).toBe('发起人已被停用，未分配任何记录');
    expect(jobFailureText({ errors: [{ row: 0, code: 'run_failed', message: 'The run stopped and assigned nothing: deadlock detected', detail: 'deadlock detected' }] }, 'zh', zh)).toBe('分配未完成，未分配任何记录：deadlock detected');
    expect(jobFailureText(failed('something_new', 'Something the app has no words for'), 'en', en)).toBe('Something the app has no words for');
  });

  it('tells a manager how evenly the people hold their records after the run (the variance the matching evens out), not only this run\'s spread', () => {
    const stats = {
      candidates: 10, allocated: 8, spread: 1, variance: 2.6667, unassigned: 2,
      unassignedByReason: [{ reason: 'no_capacity', caps: ['maxPerDay' as const], count: 2 }],
      perUser: { a: { allocated: 3, totalAfter: 10 }, b: { allocated: 3, totalAfter: 8 }, c: { allocated: 2, totalAfter: 6 } },
    };
    expect(outcomeSummary(stats, 'zh', zh)).toBe('10 条候选，分配 8 条给 3 人 · 本次每人分配数最大差：1 · 分配后持有量方差：2.67 · 未分配：2 条');
    expect(outcomeSummary(stats, 'en', en)).toBe('8 of 10 records to 3 people · Most − fewest per person in this run: 1 · Variance of holdings after: 2.67 · Not assigned: 2');
    // All hold alike: 0, said as such; one person alone has no variance to speak of.
    expect(outcomeSummary({ ...stats, variance: 0, unassignedByReason: [] }, 'en', en)).toContain('Variance of holdings after: 0');
    expect(outcomeSummary({ candidates: 1, allocated: 1, spread: 0, variance: 0, perUser: { a: { allocated: 1, totalAfter: 1 } } }, 'en', en)).toBe('1 of 1 record to 1 person · Most − fewest per person in this run: 0');
  });
});

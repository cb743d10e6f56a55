import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { validateMetadata } from '../../../platform/metadata/validate-metadata.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { translate, type MessageKey } from '../i18n/i18n.tsx';
import { problemMessage, problemNames } from './problem-words.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

/** What the server's validator says about testDocument() changed by `change`. */
function problemsOf(change: (d: any) => void): Array<{ path: string; message: string }> {
  const document = structuredClone(testDocument()) as any;
  change(document);
  return validateMetadata(document);
}

/** Mistakes an owner can make in the studio's forms, each with the server's own message. */
const mistakes: Array<[string, (d: any) => void]> = [
  ['a no-visit release without a visit object', (d) => { delete d.pools.leadPool.visit; }],
  ['a pool whose where tests pool', (d) => { d.pools.leadPool.where = { pool: 'leadPool' }; }],
  ['a visit link that is no lookup, a visit time that is no date', (d) => { d.pools.leadPool.visit = { object: 'visit', field: 'outcome', at: 'outcome' }; }],
  ['a system field key', (d) => { d.objects.hotel.fields.owner = { type: 'text' }; }],
  ['two stage fields', (d) => { d.objects.lead.fields.phase = { type: 'stage', pipeline: 'leadFunnel' }; }],
  ['a required auto number', (d) => { d.objects.contract.fields.number.required = true; }],
  ['a required lookup cleared on delete', (d) => { d.objects.contract.fields.lead.required = true; }],
  ['min above max', (d) => { d.objects.hotel.fields.stars.min = 9; }],
  ['a repeated option', (d) => { d.objects.hotel.fields.city.options.push('beijing'); }],
  ['a bad pattern', (d) => { d.objects.hotel.fields.code.pattern = '(['; }],
  ['a pipeline with no won stage', (d) => { d.pipelines.leadFunnel.stages = d.pipelines.leadFunnel.stages.filter((s: any) => s.kind !== 'won'); d.pools.leadPool.exempt = undefined; }],
  ['a stage that requires a missing field', (d) => { d.pipelines.leadFunnel.stages[1].requires = ['wechat']; }],
  ['a kanban over an object without stages', (d) => { d.views = { hotels: { object: 'hotel', display: 'kanban' } }; }],
  ['a filter on a field the object lacks, a bad variable, a value that is no option', (d) => { d.roles.bd[0].where = { wechat: 'x', city: 'paris', name: '$me' }; }],
  ['variables where none are allowed', (d) => { d.pools.leadPool.exempt = { owner: '$user.id' }; }],
  ['an unknown role', (d) => { d.pools.leadPool.admins = { roles: 'boss' }; }],
  ['a rule on pooled records without the pool', (d) => { d.assignmentRules = { daily: { object: 'lead', records: {}, users: {}, match: 'even' } }; }],
  ['an invalid time zone and cron', (d) => { d.pools.leadPool.timeZone = 'Mars/Base'; d.pools.leadPool.sweepSchedule = 'every day'; }],
  ['an object key that is no key', (d) => { d.objects['Lead Two'] = { label: 'x', fields: {} }; }],
];

describe('problemMessage', () => {
  const names = problemNames([testDocument()], zh, 'zh');

  it.each(mistakes)('gives the server’s problem in Chinese: %s', (_, change) => {
    const problems = problemsOf(change);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      const words = problemMessage(p.message, zh, names);
      expect(words, `${p.path}: ${p.message}`).not.toBe(p.message);
      expect(words, `${p.path}: ${p.message}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names objects and pools by their labels, in the UI language', () => {
    expect(problemMessage('a kanban needs a stage field; hotel has none', zh, names)).toBe('看板需要阶段字段；酒店没有阶段字段');
    const labelled: MetadataDocument = { ...testDocument(), pools: { leadPool: { ...testDocument().pools!.leadPool!, label: { en: 'Unfollowed leads', zh: '未跟进公海' } } } };
    const message = 'lead records live in pool leadPool: a rule that gives them out must name it (pool: leadPool)';
    expect(problemMessage(message, zh, problemNames([labelled], zh, 'zh'))).toBe('线索的记录在公海“未跟进公海”中：分配这些记录的规则必须选择该公海');
    expect(problemMessage(message, en, problemNames([labelled], en, 'en'))).toBe('Lead records live in the pool Unfollowed leads: a rule that gives them out must name it');
  });

  it('says what a key must look like without the server’s English example', () => {
    const [problem] = problemsOf((d) => { d.objects['Lead Two'] = { label: 'x', fields: {} }; });
    expect(problemMessage(problem!.message, zh, names)).toBe('不是有效的标识（Lead Two）：以小写字母开头，只能包含字母和数字');
  });

  it('leaves a message of a shape it does not know as the server wrote it', () => {
    expect(problemMessage('something new went wrong', zh, names)).toBe('something new went wrong');
  });
});

import { describe, expect, it } from 'vitest';
import { checkMigrations, type DataMigration } from '../../../platform/metadata/data-migrations.ts';
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
  ['release reasons with a key given twice, a key of the sweep, no words', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed', label: '商家已闭店' }, { key: 'shop_closed', label: 'x' }, { key: 'no_visit', label: 'y' }, { key: 'moved', label: { en: ' ' } }]; }],
  ['an invalid time zone and cron', (d) => { d.pools.leadPool.timeZone = 'Mars/Base'; d.pools.leadPool.sweepSchedule = 'every day'; }],
  ['an object key that is no key', (d) => { d.objects['Lead Two'] = { label: 'x', fields: {} }; }],
  ['a fixed date default that is no date, a fixed date-time one that is no time', (d) => { d.objects.lead.fields.dueOn.default = '31/01/2026'; d.objects.lead.fields.nextCallAt.default = 'tomorrow 9am'; }],
  ['a stage default where no record may start (won)', (d) => { d.objects.lead.fields.stage.default = 'signed'; }],
  ['a next-date rule on itself, on a field of another type', (d) => { d.objects.lead.fields.dueOn.notBefore = 'dueOn'; d.objects.lead.fields.nextCallAt.notBefore = 'dueOn'; }],
  ['a list sorted by a field the object lacks, by one twice, by a list of values', (d) => { d.layouts = { lead: { list: { columns: ['name'], orderBy: '-wechat,name,name,tags' } } }; }],
  ['a list sort with two signs, with a sign and no field', (d) => { d.layouts = { lead: { list: { columns: ['name'], orderBy: '--name,-' } } }; }],
  ['a list sort by six fields', (d) => { d.layouts = { lead: { list: { columns: ['name'], orderBy: 'name,score,stage,source,dueOn,nextCallAt' } } }; }],
  ['an auto number format without zeros in braces, a currency that is no code', (d) => { d.objects.contract.fields.number.format = 'HC-'; d.objects.contract.fields.amount.currency = 'yuan'; }],
  ['a no-visit release with visits switched off', (d) => { d.components = { enabled: ['pools'] }; }],
  ['a release reason blank in one language', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'moved', label: { en: ' ', zh: '客户已搬走' } }]; }],
  ['a tenant name of spaces', (d) => { d.name = '  '; }],
  ['a setting typed by hand in the code view: a misspelt property, a number for the time zone, a language that is none', (d) => { d.objects.lead.fields.notes.lable = 'x'; d.timeZone = 8; d.locale = 'fr'; }],
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

  it('says how a fixed date default is written and where a new record may start', () => {
    const said = problemsOf((d) => { d.objects.lead.fields.dueOn.default = '31/01/2026'; d.objects.lead.fields.stage.default = 'signed'; })
      .map((p) => [p.path, problemMessage(p.message, zh, names)]);
    expect(said).toEqual([
      ['/objects/lead/fields/stage/default', '必须是不创建记录的进行中阶段，新记录才能从这里开始（new, contacted, negotiating）'],
      ['/objects/lead/fields/dueOn/default', '不是有效的日期：请填写如 2026-01-31 的日期，或选择“创建当天”'],
    ]);
  });

  it('leaves a message of a shape it does not know as the server wrote it', () => {
    expect(problemMessage('something new went wrong', zh, names)).toBe('something new went wrong');
  });
});

describe('problemMessage for a publish’s data migrations', () => {
  /** The live version, with the labels an owner gives; the draft is it changed by `change`. */
  const live = (): any => {
    const d = structuredClone(testDocument()) as any;
    d.objects.lead.fields.notes.label = { en: 'Notes', zh: '备注' };
    d.objects.lead.fields.source.label = { en: 'Source', zh: '来源' };
    return d;
  };
  /** Mistakes in a publish's migrations, each with what checkMigrations says of it. */
  const mistakes: Array<[string, (d: any) => void, DataMigration[]]> = [
    ['an object that is not there', () => undefined, [{ op: 'renameField', object: 'shop', from: 'phone', to: 'mobile' }]],
    ['a rename that changes the type too', (d) => { d.objects.lead.fields.remarks = { type: 'integer', label: { zh: '备注二' } }; delete d.objects.lead.fields.notes; }, [{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }]],
    ['a rename from a field the draft still has, to a live one', () => undefined, [{ op: 'renameField', object: 'lead', from: 'notes', to: 'contactName' }]],
    ['a rename of the stage field', (d) => { d.objects.lead.fields.phase = d.objects.lead.fields.stage; delete d.objects.lead.fields.stage; }, [{ op: 'renameField', object: 'lead', from: 'stage', to: 'phase' }]],
    ['a conversion of a field whose type did not change', () => undefined, [{ op: 'changeType', object: 'lead', field: 'notes' }]],
    ['a conversion into an auto number', (d) => { d.objects.lead.fields.notes = { type: 'autonumber', format: 'N-{000}' }; }, [{ op: 'changeType', object: 'lead', field: 'notes' }]],
    ['an option rename on a text field', () => undefined, [{ op: 'renameOption', object: 'lead', field: 'notes', from: 'a', to: 'b' }]],
    ['an option rename to a value the field does not have', () => undefined, [{ op: 'renameOption', object: 'lead', field: 'source', from: 'crowd', to: 'crowdsourced' }]],
    ['a release reason move in a pool that is not there', () => undefined, [{ op: 'moveReleaseReason', pool: 'shopPool', from: 'no_interest', to: 'wrong_info' }]],
    ['a release reason move from a reason still offered, to one not offered', () => undefined, [{ op: 'moveReleaseReason', pool: 'leadPool', from: 'no_interest', to: 'budget_frozen' }]],
  ];

  it.each(mistakes)('gives the refusal in Chinese: %s', (_, change, migrations) => {
    const draft = live();
    change(draft);
    const problems = checkMigrations(live(), draft, migrations);
    expect(problems.length).toBeGreaterThan(0);
    const names = problemNames([draft, live()], zh, 'zh', migrations);
    for (const p of problems) {
      const words = problemMessage(p.message, zh, names, p.path);
      expect(words, `${p.path}: ${p.message}`).not.toBe(p.message);
      expect(words, `${p.path}: ${p.message}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names the migration’s fields by their labels, as the draft or the live version has them', () => {
    const draft = live();
    const migrations: DataMigration[] = [{ op: 'renameOption', object: 'lead', field: 'source', from: 'crowd', to: 'crowdsourced' }, { op: 'renameField', object: 'lead', from: 'notes', to: 'contactName' }];
    const problems = checkMigrations(live(), draft, migrations);
    const say = (locale: 'zh' | 'en') => problems.map((p) => problemMessage(p.message, locale === 'zh' ? zh : en, problemNames([draft, live()], locale === 'zh' ? zh : en, locale, migrations), p.path));
    expect(say('zh')).toEqual(['“crowdsourced”不是草稿中“来源”的选项', '改名前的字段“备注”必须是线上版本有、草稿中已没有的字段', '新名称“contactName”必须是草稿中新增的字段', '改名的字段不能同时改类型（原为多行文本）：请先发布改名，再改类型']);
    expect(say('en')[0]).toBe('crowdsourced is not an option of Source in the draft');
  });

  it('names a moved release reason and its pool by their words', () => {
    const draft = live();
    draft.pools.leadPool.label = { zh: '酒店公海' };
    const migrations: DataMigration[] = [{ op: 'moveReleaseReason', pool: 'leadPool', from: 'wrong_info', to: 'budget_frozen' }];
    const problems = checkMigrations(live(), draft, migrations);
    expect(problems.map((p) => problemMessage(p.message, zh, problemNames([draft, live()], zh, 'zh', migrations), p.path))).toEqual([
      '迁出的释放原因“信息有误”必须是“酒店公海”线上版本有、草稿中已不再提供的原因',
      '“budget_frozen”不是草稿中“酒店公海”提供的释放原因',
    ]);
  });
});

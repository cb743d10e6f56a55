import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/i18n.tsx';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { changeDetail, describeMigration, itemName, migrationNames, objectName, refusalTitle, sectionName } from './change-words.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const named = (item: string) => ({ item, object: (k: string) => k });
const ruleChange = (detail: string, action: 'changed' | 'added' | 'removed' = 'changed') => ({ section: 'assignmentRules', action, key: 'shanghaiPremium', detail });

describe('publish review words', () => {
  it('names the section in the UI language, not by its document key', () => {
    expect(sectionName('assignmentRules', zh)).toBe('分配规则');
    expect(sectionName('assignmentRules', en)).toBe('Assignment rule');
  });

  it('says which parts of a rule changed in Chinese, with the rule editor’s names', () => {
    expect(changeDetail(ruleChange('users changed'), zh)).toBe('已修改：人员召回');
    expect(changeDetail(ruleChange('records, users changed'), zh)).toBe('已修改：账户召回, 人员召回');
    expect(changeDetail(ruleChange('records, users changed'), en)).toBe('Changed: Account recall, Personnel recall');
  });

  it('names an added or removed rule by its title', () => {
    expect(changeDetail(ruleChange('shanghaiPremium added', 'added'), zh, named('上海高端酒店'))).toBe('新增 上海高端酒店');
    expect(changeDetail(ruleChange('shanghaiPremium removed', 'removed'), en, named('Shanghai premium'))).toBe('Shanghai premium removed');
  });

  it('says what the server wrote about objects and fields in Chinese, naming them by their labels', () => {
    const change = (section: string, key: string, detail: string, action: 'changed' | 'added' | 'removed' = 'changed') => ({ section, action, key, detail });
    expect(changeDetail(change('objects', 'prospect', 'new object prospect', 'added'), zh, named('会员意向'))).toBe('新对象 会员意向');
    expect(changeDetail(change('fields', 'mobile', 'new phone field mobile', 'added'), zh, named('手机'))).toBe('新字段 手机（电话）');
    expect(changeDetail(change('fields', 'mobile', 'label, required changed'), zh, named('手机'))).toBe('已修改：名称, 必填');
    expect(changeDetail(change('fields', 'lead:order', 'fields reordered'), zh)).toBe('字段顺序已调整');
    expect(changeDetail(change('pools', 'lead:order', 'pools of lead reordered; a record goes to the first it matches'), zh, { item: 'lead:order', object: (k) => (k === 'lead' ? '线索' : k) }))
      .toBe('线索的公海顺序已调整：记录进入第一个条件匹配的公海，发布时现有记录重新归入');
    expect(changeDetail(change('document', 'document', 'name, language or time zone changed'), zh)).toBe('名称、语言或时区已修改');
    expect(changeDetail(change('fields', 'size', 'type integer → decimal (every value stays valid)'), zh)).toBe('类型 整数 → 小数（所有值仍然有效）');
    expect(changeDetail(change('fields', 'club', 'club now points at gym; its values point at club records'), en, { item: 'Club', object: (k) => (k === 'gym' ? 'Gym' : 'Club') }))
      .toBe('Club now points at Gym; its values point at Club records');
    expect(changeDetail(change('pools', 'leadPool', 'holdDays, maxPerOwner changed'), en)).toBe('Changed: Hold lasts, Private leads per BD');
    expect(changeDetail(change('pools', 'leadPool', 'releaseReasons changed'), zh)).toBe('已修改：释放原因');
    expect(changeDetail(change('pools', 'leadPool', 'holdDays, releaseReasons changed'), en)).toBe('Changed: Hold lasts, Release reasons');
    expect(changeDetail(change('objects', 'prospect', 'new object prospect', 'added'), en, named('Prospect'))).toBe('New object Prospect');
  });

  it('says that a changed hold re-dates the holds already taken, in either language', () => {
    const redated = { section: 'pools', action: 'changed' as const, key: 'leadPool', detail: 'holdDays, maxPerOwner changed; private holds in it expire by the new holdDays, counted from their claim plus the days they were extended' };
    expect(changeDetail(redated, zh)).toBe('已修改：保护期, 每人私海上限；已有私海记录的回收时间按新的保护期重算：领取时间 + 保护期 + 已延期天数（清空保护期则不再按期回收）');
    expect(changeDetail(redated, en)).toBe('Changed: Hold lasts, Private leads per BD; existing private holds are re-dated: each expires at its claim plus the new hold and the days it was extended (never, once the hold is cleared)');
  });

  it('names a removed release reason of a pool by its words, kept or moved, in either language', () => {
    const removed = { section: 'releaseReasons', action: 'removed' as const, key: 'keHuPool:budget_frozen', detail: 'release reason budget_frozen of keHuPool removed; records released for it keep it, read by its last words' };
    expect(sectionName('releaseReasons', zh)).toBe('释放原因');
    expect(sectionName('releaseReasons', en)).toBe('Release reason');
    expect(changeDetail(removed, zh, named('预算冻结'))).toBe('删除释放原因 预算冻结；因此释放的记录保留该原因，仍显示为“预算冻结”');
    expect(changeDetail(removed, en, named('Budget frozen'))).toBe('Release reason Budget frozen removed; records released for it keep it and still read “Budget frozen”');
    const moved = { ...removed, action: 'renamed' as const, detail: 'release reason budget_frozen of keHuPool moved to moved_away' };
    expect(changeDetail(moved, zh, named('预算冻结'))).toBe('删除释放原因 预算冻结；因此释放的记录改为所选原因');
    expect(changeDetail(moved, en, named('Budget frozen'))).toBe('Release reason Budget frozen removed; records released for it move to the reason chosen');
    expect(changeDetail({ section: 'pools', action: 'changed', key: 'keHuPool', detail: 'releaseReasons, removedReleaseReasons changed' }, zh)).toBe('已修改：释放原因, 已移除的释放原因');
  });

  it('keeps details of unknown shapes as the server wrote them', () => {
    expect(changeDetail({ section: 'fields', action: 'changed', key: 'x', detail: 'something new happened' }, zh)).toBe('something new happened');
  });
});

describe('the names of changed items', () => {
  const draft = {
    name: 'Gym',
    objects: {
      prospect: { label: { en: 'Prospect', zh: '会员意向' }, fields: { mobile: { type: 'phone', label: { zh: '手机' } } } },
    },
    pipelines: { prospectFunnel: { object: 'prospect', field: 'stage', label: { zh: '会籍漏斗' }, stages: [{ key: 'trial', label: { en: 'Trial', zh: '体验' }, kind: 'open' }] } },
    pools: { prospectPool: { object: 'prospect', label: { zh: '会籍公海' } } },
  } as unknown as MetadataDocument;
  const live = { name: 'Gym', objects: { club: { label: { en: 'Club', zh: '门店' }, fields: {} } } } as unknown as MetadataDocument;

  it('are their labels in the UI language, from the live version when removed from the draft', () => {
    expect(itemName({ section: 'objects', key: 'prospect' }, [draft, live], 'zh')).toBe('会员意向');
    expect(itemName({ section: 'fields', key: 'mobile', object: 'prospect' }, [draft, live], 'zh')).toBe('手机');
    expect(itemName({ section: 'fields', key: 'prospect:order', object: 'prospect' }, [draft, live], 'en')).toBe('Prospect');
    expect(itemName({ section: 'stages', key: 'prospectFunnel:trial' }, [draft, live], 'zh')).toBe('体验');
    expect(itemName({ section: 'pipelines', key: 'prospectFunnel' }, [draft, live], 'zh')).toBe('会籍漏斗');
    expect(itemName({ section: 'pools', key: 'prospectPool' }, [draft, live], 'zh')).toBe('会籍公海');
    expect(itemName({ section: 'layouts', key: 'prospect' }, [draft, live], 'zh')).toBe('会员意向');
    expect(itemName({ section: 'objects', key: 'club' }, [draft, live], 'zh')).toBe('门店');
    expect(objectName([draft, live], 'en')('club')).toBe('Club');
  });

  it('name a release reason by its pool’s words: offered, offered once (kept by a publish), or built in', () => {
    const pools = (reasons: unknown, removed?: unknown) => ({ ...draft, pools: { prospectPool: { object: 'prospect', releaseReasons: reasons, ...(removed ? { removedReleaseReasons: removed } : {}) } } }) as unknown as MetadataDocument;
    const budget = { key: 'budget_frozen', label: { en: 'Budget frozen', zh: '预算冻结' } };
    const reason = (key: string) => ({ section: 'releaseReasons', key: `prospectPool:${key}` });
    expect(itemName(reason('budget_frozen'), [pools([]), pools([budget])], 'zh')).toBe('预算冻结');
    expect(itemName(reason('budget_frozen'), [pools([], [budget])], 'en')).toBe('Budget frozen');
    expect(itemName(reason('wrong_info'), [pools(undefined)], 'zh')).toBe('信息有误');
    expect(itemName(reason('gone'), [pools([])], 'zh')).toBe('gone');
  });

  it('fall back to the key', () => {
    expect(itemName({ section: 'roles', key: 'coach' }, [draft, live], 'zh')).toBe('coach');
    expect(itemName({ section: 'views', key: 'gone' }, [draft, live], 'zh')).toBe('gone');
  });

  it('gives a publish refusal’s headline in the UI language by its code, not the server’s English', () => {
    expect(refusalTitle('invalid_metadata', 'The metadata has 1 problem', zh)).toBe('草稿有问题，请先修正后再发布（见顶部的“问题”）。');
    expect(refusalTitle('conflict', 'Version 3 was published meanwhile; review the changes again', zh)).toBe('期间已有人发布了新版本，请重新检查变更。');
    expect(refusalTitle('validation_failed', 'The data migrations do not fit this change', en)).toBe('The data migrations do not fit this change.');
    expect(refusalTitle('teapot', 'I am a teapot', zh)).toBe('I am a teapot');
  });

  it('describes a data migration by the names the owner gave, keys only where the keys are what changes', () => {
    const live = {
      name: 'T', objects: { xueYuan: { label: { zh: '学员线索' }, fields: {
        jiaZhang: { type: 'text', label: { zh: '家长姓名' } },
        keCheng: { type: 'select', label: { zh: '课程意向' }, options: [{ value: 'shaoEr', label: { zh: '少儿英语' } }, 'art'] },
      } } },
    } as unknown as MetadataDocument;
    const draft = structuredClone(live) as any;
    draft.objects.xueYuan.fields.jiaZhangXingMing = draft.objects.xueYuan.fields.jiaZhang;
    delete draft.objects.xueYuan.fields.jiaZhang;
    draft.objects.xueYuan.fields.keCheng.options = [{ value: 'shaoErYingYu', label: { zh: '少儿英语' } }, 'art'];
    const names = migrationNames([draft, live], 'zh');
    expect(describeMigration(zh, { op: 'renameField', object: 'xueYuan', from: 'jiaZhang', to: 'jiaZhangXingMing' }, names))
      .toBe('学员线索：字段“家长姓名” jiaZhang → jiaZhangXingMing（数据随之迁移）');
    expect(describeMigration(zh, { op: 'renameOption', object: 'xueYuan', field: 'keCheng', from: 'shaoEr', to: 'shaoErYingYu' }, names))
      .toBe('学员线索 · 课程意向：少儿英语 (shaoEr) → 少儿英语 (shaoErYingYu)（记录随之迁移）');
    expect(describeMigration(zh, { op: 'changeType', object: 'xueYuan', field: 'keCheng', clearInvalid: true }, names)).toBe('学员线索 · 课程意向：转换值，无法转换的清空');
    expect(describeMigration(en, { op: 'renameOption', object: 'xueYuan', field: 'keCheng', from: 'art', to: 'shaoErYingYu' }, migrationNames([draft, live], 'en')))
      .toBe('学员线索 · 课程意向: art → 少儿英语 (shaoErYingYu) (records move)');
  });

  it('describes moving a removed release reason’s records by the pool’s and the reasons’ words', () => {
    const live = {
      name: 'T', objects: { keHu: { fields: {} } },
      pools: { keHuPool: { object: 'keHu', label: { zh: '客户公海', en: 'Customer pool' }, releaseReasons: [{ key: 'budget_frozen', label: { zh: '预算冻结', en: 'Budget frozen' } }, { key: 'moved_away', label: { zh: '客户已搬走' } }] } },
    } as unknown as MetadataDocument;
    const draft = structuredClone(live) as any;
    draft.pools.keHuPool.releaseReasons.shift();
    const move = { op: 'moveReleaseReason' as const, pool: 'keHuPool', from: 'budget_frozen', to: 'moved_away' };
    expect(describeMigration(zh, move, migrationNames([draft, live], 'zh'))).toBe('客户公海 · 释放原因：预算冻结 (budget_frozen) → 客户已搬走 (moved_away)（记录随之迁移）');
    expect(describeMigration(en, move, migrationNames([draft, live], 'en'))).toBe('Customer pool · release reason: Budget frozen (budget_frozen) → 客户已搬走 (moved_away) (records move)');
  });
});

import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/i18n.tsx';
import { changeDetail, sectionName } from './change-words.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
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
    expect(changeDetail(ruleChange('shanghaiPremium added', 'added'), zh, '上海高端酒店')).toBe('新增 上海高端酒店');
    expect(changeDetail(ruleChange('shanghaiPremium removed', 'removed'), en, 'Shanghai premium')).toBe('Shanghai premium removed');
  });

  it('keeps details of other shapes as the server wrote them', () => {
    expect(changeDetail({ section: 'fields', action: 'changed', key: 'lead:x', detail: 'type text → number' }, zh)).toBe('type text → number');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../../../platform/filter/parse-filter.ts';
import { CompiledMetadata } from '../../../../../platform/metadata/compile-metadata.ts';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../../../platform/testing/fixtures.ts';
import { buildObjectInfos, type ObjectDescription } from '../metadata/object-info.ts';
import { fieldProblemsText, fieldProblemText, fieldSentence, rowProblemText } from './problem-words.ts';

const field = (key: string, zh: string, extra: Record<string, unknown> = {}) => ({
  key, label: { en: key === 'averageOrderValue' ? 'Average order' : key[0]!.toUpperCase() + key.slice(1), zh }, type: 'text', kind: 'text', system: false,
  required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const described: ObjectDescription = {
  key: 'restaurant', label: 'Restaurant', pluralLabel: 'Restaurants', titleField: 'name', actions: ['read', 'import'],
  pipeline: null, stageField: null, pools: [],
  fields: [
    field('name', '门店名称'), field('visitedAt', '拜访时间', { type: 'datetime' }), field('nextVisitAt', '下次拜访', { type: 'datetime' }), field('cuisine', '品类'), field('averageOrderValue', '客单价', { type: 'currency' }), field('openedOn', '开业日期', { type: 'date' }),
    field('city', '城市', { type: 'select', options: [{ value: 'beijing', label: { en: 'Beijing', zh: '北京' } }, { value: 'shanghai', label: { en: 'Shanghai', zh: '上海' } }] }),
    field('area', '配送范围', { type: 'lookup', target: 'area' }),
  ],
};
const [restaurant] = buildObjectInfos([described], {} as MetadataDocument);

describe('a refused import row as its reader says it', () => {
  it('says a row refused as a whole (a record not the importer\'s to change, or not found) in the reader\'s language', () => {
    expect(rowProblemText('You may not change this restaurant', restaurant!, 'zh')).toBe('这条Restaurant你可以查看但无权修改，而此行改动了它');
    expect(rowProblemText('You may not change this restaurant', restaurant!, 'en')).toBe('you may see this Restaurant but not change it; the row changes it');
    expect(rowProblemText('restaurant 0b6c2f4e-1111-4000-8000-000000000000 was not found', restaurant!, 'zh')).toBe('没有此 ID 的Restaurant（已删除，或你无权查看）');
    expect(rowProblemText('This change would take the restaurant outside what you may edit', restaurant!, 'en')).toBe('the change would move this Restaurant out of what you may edit');
  });

  it('names fields and options by their labels and says the usual problems in Chinese', () => {
    expect(rowProblemText('averageOrderValue: "abc" is not a number', restaurant!, 'zh')).toBe('客单价：“abc”不是数字');
    expect(rowProblemText('name: is required; cuisine: is required', restaurant!, 'zh')).toBe('门店名称：必填；品类：必填');
    expect(rowProblemText('city: must be one of "beijing", "shanghai"; cuisine: is required', restaurant!, 'zh')).toBe('城市：应为以下之一：北京、上海；品类：必填');
    expect(rowProblemText('openedOn: "2026-13-01" is not a date (YYYY-MM-DD)', restaurant!, 'zh')).toBe('开业日期：“2026-13-01”不是日期（格式 YYYY-MM-DD）');
    expect(rowProblemText('area: no area called "望京"', restaurant!, 'zh')).toBe('配送范围：找不到名为“望京”的记录');
    expect(rowProblemText('area: 2 area records are called "望京"; use the id', restaurant!, 'zh')).toBe('配送范围：有多条记录名为“望京”，请改填 ID');
    expect(rowProblemText('name: must be unique', restaurant!, 'zh')).toBe('门店名称：已有记录使用了这个值，不能重复');
  });

  it('in English, does not name a field twice where the server already did', () => {
    expect(fieldSentence('Contact name', 'Contact name is required to enter contacted')).toBe('Contact name is required to enter contacted');
    expect(fieldSentence('Contact name', 'is required')).toBe('Contact name is required');
  });

  it('in English, names fields and options by their labels too', () => {
    expect(rowProblemText('city: must be one of "beijing", "shanghai"; averageOrderValue: "abc" is not a number', restaurant!, 'en'))
      .toBe('City must be one of Beijing, Shanghai; Average order: "abc" is not a number');
  });

  it('keeps what it does not know as the server said it, after the field\'s label or key', () => {
    // (Every message the import itself makes is translated: import-words.test.ts.) A tenant's own rule text stays.
    expect(rowProblemText('Closed on public holidays', restaurant!, 'zh')).toBe('Closed on public holidays');
    expect(rowProblemText('name: must match the pattern', restaurant!, 'zh')).toBe('门店名称：must match the pattern');
    // A field the reader cannot see is named by its key.
    expect(rowProblemText('ghost: is required', restaurant!, 'zh')).toBe('ghost：必填');
  });
});

describe('a field\'s problem in a record\'s form', () => {
  it('says a duplicate name, a required value and a bound in Chinese', () => {
    const name = restaurant!.fieldMap.get('name')!;
    expect(fieldProblemText('must be unique', name, 'zh')).toBe('已有记录使用了这个值，不能重复');
    expect(fieldProblemText('is required and cannot be cleared', name, 'zh')).toBe('必填');
    expect(fieldProblemText('must be <= 100', restaurant!.fieldMap.get('averageOrderValue')!, 'zh')).toBe('不能大于 100');
    expect(fieldProblemText('must be one of "shanghai"', restaurant!.fieldMap.get('city')!, 'zh')).toBe('应为以下之一：上海');
    expect(fieldProblemText('must look like a phone number', name, 'zh')).toBe('must look like a phone number');
    // A phone number the server's pattern refuses, in the words the form says it (not the regex).
    const phone = { ...name, key: 'contactPhone', type: 'phone' };
    expect(fieldProblemText('must match pattern "^\\+?[0-9][0-9 ()-]{2,30}$"', phone, 'zh')).toBe('应为至少 3 位数字的电话号码，如 13800138000 或 +86 21 6888 8888');
    expect(fieldProblemText('must match pattern "^[A-Z]{3}$"', name, 'zh')).toBe('格式不符合此字段的要求');
    expect(fieldProblemText('is hidden until the record is claimed', phone, 'zh')).toBe('领取后才能填写');
  });
});

describe('a list\'s filter the server refuses (a link or saved view naming a value a field does not take)', () => {
  it('says the parser\'s problems in Chinese, and keeps words it does not know', () => {
    const scope = new CompiledMetadata('00000000-0000-4000-8000-000000000001', 1, testDocument()).objects.get('lead')!.scope;
    const words = (where: unknown) => parseFilter(where, scope).errors.map((p) => `${p.path} ${fieldProblemText(p.message, undefined, 'zh')}`);
    expect(words({ score: { $in: [1, 'x'] } })).toEqual(['/score/$in/1 应为数字']);
    expect(words({ roomz: 1 })).toEqual(['/roomz 不是此处的字段']);
    expect(words({ active: { $eq: 'maybe' } })).toEqual(['/active/$eq 应为“是”或“否”']);
    expect(words({ score: { $in: [] } })).toEqual(['/score/$in 不能为空']);
    expect(fieldProblemText('follows more than one lookup (only one hop is allowed)', undefined, 'zh')).toBe('follows more than one lookup (only one hop is allowed)');
  });
});

describe('dates out of order, as the server refuses them', () => {
  it('says it at the field the server names, naming the other field by its label, as the form does', () => {
    const moved = { byField: { visitedAt: ['must not be later than nextVisitAt'] }, general: [] };
    expect(fieldProblemsText(moved, restaurant!, 'zh').byField).toEqual({ visitedAt: ['不能晚于下次拜访'] });
    expect(fieldProblemsText(moved, restaurant!, 'en').byField).toEqual({ visitedAt: ['VisitedAt must not be later than NextVisitAt'] });
    expect(rowProblemText('nextVisitAt: must not be earlier than visitedAt', restaurant!, 'zh')).toBe('下次拜访：不能早于拜访时间');
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { buildObjectInfos, type ObjectDescription } from '../metadata/object-info.ts';
import { fileRefusalText, rowProblemText } from './problem-words.ts';

const field = (key: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({
  key, label: { en, zh }, type: 'text', kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const described: ObjectDescription = {
  key: 'restaurant', label: { en: 'Restaurant', zh: '餐厅' }, pluralLabel: { en: 'Restaurants', zh: '餐厅' }, titleField: 'name', actions: ['read', 'import'],
  pipeline: null, stageField: null, pools: [],
  fields: [
    field('name', 'Name', '门店名称'), field('phone', 'Phone', '电话'), field('email', 'E-mail', '邮箱'), field('score', 'Score', '评分', { type: 'number' }),
    field('openedOn', 'Opened on', '开业日期', { type: 'date' }), field('open', 'Open', '营业中', { type: 'boolean' }), field('visitAt', 'Visit at', '拜访时间', { type: 'datetime' }),
    field('city', 'City', '城市', { type: 'select', options: [{ value: 'beijing', label: { en: 'Beijing', zh: '北京' } }] }),
    field('area', 'Area', '配送范围', { type: 'lookup', target: 'area' }), field('tags', 'Tags', '标签', { type: 'multi' }),
  ],
};
const [restaurant] = buildObjectInfos([described], {} as MetadataDocument);

/**
 * Every message a row or a job of a CSV import can carry (GET /jobs/{job} `errors[].message`),
 * as the server writes it: platform/records/csv-import.ts (NUL, unreadable CSV, lookups by
 * title, a job that cannot run), csv-values.ts (cells), and the record writer's refusals
 * (write-records.ts, write-checks.ts, the metadata validator's field problems through ajv).
 */
const rowMessages = [
  'name: is required', 'name: is required and cannot be blank', 'name: must be unique', 'name: must NOT have more than 200 characters',
  'name: must NOT have fewer than 2 characters', 'name: contains a NUL character', 'id: contains a NUL character', 'id: must be a UUID', 'id: is already taken',
  'score: "abc" is not a number', 'score: must be >= 0', 'score: must be <= 100', 'score: must be > 0', 'score: must be < 10', 'score: must be integer',
  'score: must be multiple of 5', 'score: must have at most 2 decimal places', 'open: "maybe" is not yes or no',
  'openedOn: "2026-13-01" is not a date (YYYY-MM-DD)', 'openedOn: must be a real calendar date', 'visitAt: "soon" is not a date and time',
  'visitAt: must be an ISO 8601 date-time', 'city: must be one of "beijing"', 'email: must match format "email"', 'phone: must match pattern "^[0-9+ -]+$"',
  'tags: must NOT have more than 10 items', 'tags: must NOT have fewer than 1 item', 'score: must be number', 'area: no area called "望京"',
  'area: 2 area records are called "望京"; use the id', 'area: refers to a area that does not exist', 'phone: is not writable for you',
  'ghost: is not a field of restaurant', 'ghost: is not a known property', 'name: is invalid',
  'You may not change this restaurant', 'restaurant 0b6c2f4e-1111-4000-8000-000000000000 was not found',
  'This change would take the restaurant outside what you may edit', 'You may not create restaurant records',
  'Your roles do not let you create this restaurant (its values are outside what you may create)',
  '2 records have name = 老王烧烤; upsert needs a unique key',
  'Changed since the file was exported (the record is at version 5, the row\'s is 3); export again and make this row\'s change in the new file',
  'version: "v3" is not a version (a whole number, as the export wrote it; empty for none)',
  'The CSV cannot be read from this row on: Quote Not Closed: the parsing is finished with an opening quote at line 5',
  'The CSV cannot be read from this row on: Invalid Record Length: expect 3, got 4 on line 7',
  'restaurant no longer exists', 'The user who started the import is no longer active', 'failed',
];

/** Every refusal of the upload itself (POST /records/{o}/import): detail and problems. */
const fileRefusals = [
  { message: 'The CSV is empty; send a header row and data rows', errors: [] },
  { message: 'The CSV header cannot be read: Quote Not Closed: the parsing is finished with an opening quote at line 1', errors: [] },
  { message: 'The CSV is not UTF-8 text: save it as "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited) / CSV UTF-8（逗号分隔）) or convert it, then upload it again', errors: [{ path: '/', message: 'row 3 holds bytes that are not UTF-8' }] },
  { message: '2 columns are not fields of restaurant: colour, size', errors: [{ path: '/header/2', message: '"colour" is not a field key or label of restaurant' }, { path: '/header/5', message: '"size" is not a field key or label of restaurant' }] },
  { message: '1 column is not fields of restaurant: colour', errors: [{ path: '/header/0', message: '"colour" is not a field key or label of restaurant' }] },
  { message: 'The CSV has no phone column to upsert by', errors: [{ path: '?upsertKey', message: 'is not a column of the CSV' }] },
  { message: 'Row 12 of the CSV is larger than 8 MB (a quote left open makes the rest of the file one row)', errors: [] },
  { message: 'The file is larger than 512 MB', errors: [] },
  { message: 'Send the file as text/csv', errors: [] },
  { message: 'The CSV began as GBK text but holds bytes further down that are not GBK: save it as "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited) / CSV UTF-8（逗号分隔）) or convert it, then upload it again', errors: [{ path: '/', message: 'the file holds bytes that are neither UTF-8 nor GBK' }] },
];

/** Chinese text with no English sentence left in it (a value, a number, CSV, UTF-8, ID or MB may stay). */
function readsInChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]{2,}[ ,:;]+[A-Za-z]{2,}/.test(text.replace(/“[^”]*”|"[^"]*"|UTF-8|CSV|MB|ID|YYYY-MM-DD|NUL/g, ''));
}

describe('every problem a CSV import reports reads in the UI language', () => {
  it.each(rowMessages)('a row or job: %s', (message) => {
    const zh = rowProblemText(message, restaurant!, 'zh');
    const en = rowProblemText(message, restaurant!, 'en');
    expect(readsInChinese(zh), zh).toBe(true);
    expect(en, en).not.toMatch(/[\u4e00-\u9fff]/.test(message) ? /^$/ : /[\u4e00-\u9fff]/);
    expect(en.length).toBeGreaterThan(0);
  });

  it.each(fileRefusals)('a refused file: $message', (error) => {
    const zh = fileRefusalText(error, restaurant!, 'zh')!;
    const en = fileRefusalText(error, restaurant!, 'en')!;
    expect(zh, error.message).toBeDefined();
    for (const text of [zh.title, ...zh.problems]) expect(readsInChinese(text), text).toBe(true);
    for (const text of [en.title, ...en.problems]) expect(text.replace(/“[^”]*”|"[^"]*"/g, ''), text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('names columns by position and fields by label', () => {
    expect(fileRefusalText(fileRefusals[3]!, restaurant!, 'zh')).toEqual({ title: '有 2 列不是餐厅的字段', problems: ['第 3 列：“colour”不是任何字段的名称或标签', '第 6 列：“size”不是任何字段的名称或标签'] });
    expect(fileRefusalText(fileRefusals[5]!, restaurant!, 'en')).toEqual({ title: 'The file has no Phone column to match rows by', problems: [] });
    expect(rowProblemText('id: must be a UUID; score: must be integer', restaurant!, 'zh')).toBe('ID：不是有效的 ID；评分：必须是整数');
    expect(rowProblemText('The CSV cannot be read from this row on: Quote Not Closed: x', restaurant!, 'zh')).toBe('从这一行起无法读取 CSV：有引号（"）未闭合，或出现在单元格中间');
  });

  it('leaves a refusal the import does not make to the error words of its code', () => {
    expect(fileRefusalText({ message: 'Import is not enabled for this tenant', errors: [] }, restaurant!, 'zh')).toBeUndefined();
  });
});

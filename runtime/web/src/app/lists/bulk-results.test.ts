import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { buildObjectInfos, type ObjectDescription } from '../metadata/object-info.ts';
import { bulkEditableFields } from './bulk-edit.tsx';
import type { ApiClient } from '../../shared/api-client.ts';
import { bulkRowReason, groupRefusals, inChunks, writeInBulk } from './bulk-results.ts';

const field = (key: string, zh: string, extra: Record<string, unknown> = {}) => ({
  key, label: { en: key[0]!.toUpperCase() + key.slice(1), zh }, type: 'text', kind: 'text', system: false,
  required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const described: ObjectDescription = {
  key: 'lead', label: { en: 'Lead', zh: '线索' }, pluralLabel: { en: 'Leads', zh: '线索' }, titleField: 'name', actions: ['read', 'update'],
  pipeline: null, stageField: null, pools: [],
  fields: [
    field('name', '名称'), field('code', '编号'), field('score', '评分', { type: 'integer' }), field('owner', '负责人', { system: true, updatable: false }),
    field('priority', '优先级', { type: 'select', options: [{ value: 'high', label: { en: 'High', zh: '高' } }] }),
  ],
};
const [lead] = buildObjectInfos([described], { objects: { lead: { fields: { code: { type: 'text', unique: true } } } } } as unknown as MetadataDocument);

describe('bulk actions on a list', () => {
  it('offers the fields the caller may update, not a unique one (one value on many records is refused on all but one)', () => {
    expect(bulkEditableFields(lead!).map((f) => f.key)).toEqual(['name', 'score', 'priority']);
  });

  it('says why a row was refused in the reader\'s language', () => {
    expect(bulkRowReason({ index: 0, status: 403, error: { code: 'forbidden', detail: 'You may not change this lead' } }, lead!, 'zh', 'update')).toBe('这条线索你可以查看但无权修改');
    expect(bulkRowReason({ index: 0, status: 403, error: { code: 'forbidden', detail: 'You may not delete this lead' } }, lead!, 'en', 'delete')).toBe('you may not delete this Lead');
    expect(bulkRowReason({ index: 0, status: 404, error: { code: 'not_found', detail: 'lead x was not found' } }, lead!, 'en', 'update')).toBe('no longer there (deleted, or not yours to see)');
    expect(bulkRowReason({ index: 0, status: 422, error: { code: 'validation_failed', detail: '1 field', errors: [{ path: '/score', message: 'must be <= 100' }] } }, lead!, 'zh', 'update')).toBe('评分：不能大于 100');
    expect(bulkRowReason({ index: 0, status: 422, error: { code: 'validation_failed', detail: '1 field', errors: [{ path: '/score', message: 'must be <= 100' }] } }, lead!, 'en', 'update')).toBe('Score must be at most 100');
    expect(bulkRowReason({ index: 0, status: 409, error: { code: 'referenced', detail: 'Other records refer to this lead' } }, lead!, 'zh', 'delete')).toBe('有其他记录引用了它');
  });

  it('groups refused records by reason, and splits long selections into calls the API takes', () => {
    expect(groupRefusals([{ title: 'A', reason: 'r1' }, { title: 'B', reason: 'r2' }, { title: 'C', reason: 'r1' }]))
      .toEqual([{ reason: 'r1', titles: ['A', 'C'] }, { reason: 'r2', titles: ['B'] }]);
    expect(inChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inChunks([])).toEqual([]);
  });

  it('writes more rows than one call takes in several calls, each row\'s result at its index in the whole', async () => {
    const calls: number[] = [];
    const api = { post: async (_path: string, body: { records: unknown[] }) => {
      calls.push(body.records.length);
      return { results: body.records.map((_r, index) => ({ index, status: 200 })) };
    } } as unknown as ApiClient;
    const results = await writeInBulk(api, 'lead', 'delete', Array.from({ length: 2500 }, (_r, i) => `id-${i}`));
    expect(calls).toEqual([1000, 1000, 500]);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 2500 }, (_r, i) => i));
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { pipelineChoices, roleChoices } from './choices.ts';

describe('pipeline choices', () => {
  it('names the pipelines a stage field may follow by their labels in the studio language, with the key beside them, and only those of its object', () => {
    const document = {
      objects: {},
      pipelines: {
        xiaoShouLiuCheng: { object: 'kehu', field: 'stage', label: { zh: '销售流程', en: 'Sales' }, stages: [] },
        dispatch: { object: 'kehu', field: 'stage2', stages: [] },
        orders: { object: 'dingdan', field: 'stage', label: { en: 'Orders' }, stages: [] },
      },
    } as unknown as MetadataDocument;
    expect(pipelineChoices(document, 'kehu', 'zh')).toEqual([{ value: 'xiaoShouLiuCheng', label: '销售流程 (xiaoShouLiuCheng)' }, { value: 'dispatch', label: 'Dispatch (dispatch)' }]);
    expect(pipelineChoices(document, 'kehu', 'en').map((c) => c.label)).toEqual(['Sales (xiaoShouLiuCheng)', 'Dispatch (dispatch)']);
  });
});

describe('role choices', () => {
  it('names a role by its label with the key beside it, a role without one by its key, admin first', () => {
    const document = {
      objects: {},
      roles: { bd: [], zhuGuan: { label: { zh: '主管', en: 'Supervisor' }, rules: [] }, boss: { all: true, label: '老板' } },
    } as unknown as MetadataDocument;
    expect(roleChoices(document, 'zh')).toEqual([
      { value: 'admin', label: 'admin' }, { value: 'bd', label: 'bd' }, { value: 'zhuGuan', label: '主管 (zhuGuan)' }, { value: 'boss', label: '老板 (boss)' },
    ]);
    expect(roleChoices(document, 'en')[2]!.label).toBe('Supervisor (zhuGuan)');
  });
});

import { describe, expect, it } from 'vitest';
import { filterFieldsFor } from './filter-fields.ts';
import type { FieldInfo, ObjectInfo } from './object-info.ts';

const field = (key: string, label: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label, type: 'text', kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});

describe('filterFieldsFor', () => {
  it('offers the object\'s own fields before the system ones: typing 阶段 finds the stage before 进入阶段时间', () => {
    const fields = [
      field('version', '版本', { system: true, kind: 'number' }),
      field('owner', '负责人', { system: true, kind: 'uuid', target: 'user' }),
      field('stageEnteredAt', '进入阶段时间', { system: true, kind: 'timestamp' }),
      field('name', '名称'),
      field('stage', '阶段', { type: 'stage' }),
      field('secret', '机密', { readable: false }),
    ];
    const lead: ObjectInfo = { key: 'lead', label: '线索', pluralLabel: '线索', titleField: 'name', actions: ['read'], pipeline: 'leadFunnel', stageField: 'stage', pools: [], fields, fieldMap: new Map(fields.map((f) => [f.key, f])) };
    const offered = filterFieldsFor(lead, new Map([['lead', lead]]), 'zh').map((f) => f.label);
    expect(offered).toEqual(['名称', '阶段', '负责人', '进入阶段时间']);
    expect(offered.find((label) => String(label).includes('阶段'))).toBe('阶段');
  });
});

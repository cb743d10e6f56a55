import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { translate, type MessageKey } from '../i18n/i18n.tsx';
import { describeTarget } from './item-names.ts';
import { pointerTarget } from './pointer-route.ts';

const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const zh = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const draft = {
  name: 'Dealership',
  objects: { vehicle: { label: { en: 'Vehicle', zh: '车辆' }, fields: { listPrice: { type: 'currency', label: { en: 'List price' } } } } },
  pools: { leadPool: { object: 'lead', label: { zh: '未跟进公海' } } },
  pipelines: { leadFunnel: { object: 'lead', field: 'stage', label: { en: 'Lead funnel', zh: '线索漏斗' }, stages: [{ key: 'new', label: { en: 'New', zh: '新线索' }, kind: 'open' }, { key: 'tasting', kind: 'open' }] } },
} as unknown as MetadataDocument;

describe('where a problem or a missing label is, in words', () => {
  it('names objects, fields, pipelines and stages by their labels, in the UI language', () => {
    expect(describeTarget(en, pointerTarget('/objects/vehicle/fields/listPrice/label'), [draft], 'en')).toBe('Objects & fields › Vehicle › List price › Label');
    expect(describeTarget(zh, pointerTarget('/objects/vehicle/fields/listPrice/label'), [draft], 'zh')).toBe('对象与字段 › 车辆 › List price › 名称');
    expect(describeTarget(zh, pointerTarget('/pipelines/leadFunnel/stages/0/label'), [draft], 'zh')).toBe('阶段流程 › 线索漏斗 › 阶段 › 新线索 › 名称');
  });

  it('falls back to keys where there is no name', () => {
    expect(describeTarget(en, pointerTarget('/pipelines/leadFunnel/stages/1/label'), [draft], 'en')).toBe('Pipelines › Lead funnel › Stages › tasting › Label');
    expect(describeTarget(en, pointerTarget('/roles/bd/2/where'), [draft], 'en')).toBe('Roles › bd › #3 › where');
  });

  it('names a pool’s or the tenant’s setting as its editor does, not by its key', () => {
    expect(describeTarget(zh, pointerTarget('/pools/leadPool/releaseIfNoVisitDays'), [draft], 'zh')).toBe('线索公海 › 未跟进公海 › 未拜访释放');
    expect(describeTarget(zh, pointerTarget('/pools/leadPool/visit/field'), [draft], 'zh')).toBe('线索公海 › 未跟进公海 › 关联字段');
    expect(describeTarget(en, pointerTarget('/pools/leadPool/where/owner'), [draft], 'en')).toBe('Lead pools › 未跟进公海 › Records in this pool › owner');
    expect(describeTarget(en, pointerTarget('/timeZone'), [draft], 'en')).toBe('Settings › Time zone');
  });
});

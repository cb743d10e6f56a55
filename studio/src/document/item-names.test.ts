import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { translate, type MessageKey } from '../i18n/i18n.tsx';
import { describeTarget, nameChange } from './item-names.ts';
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

describe('a renamed item, from what to what', () => {
  const renamed = structuredClone(draft) as MetadataDocument & { objects: Record<string, { label: unknown; fields: Record<string, { label: unknown }> }> };
  renamed.objects.vehicle!.label = { en: 'Car', zh: '车辆' };
  renamed.objects.vehicle!.fields.listPrice!.label = { en: 'Sticker price' };
  renamed.pipelines!.leadFunnel!.stages[0]!.label = { en: 'Fresh', zh: '新线索' };

  it('gives the old and new name in the UI language, for objects, fields and stages', () => {
    expect(nameChange({ section: 'objects', key: 'vehicle' }, [renamed, draft], 'en')).toEqual({ from: 'Vehicle', to: 'Car' });
    expect(nameChange({ section: 'fields', key: 'listPrice', object: 'vehicle' }, [renamed, draft], 'en')).toEqual({ from: 'List price', to: 'Sticker price' });
    expect(nameChange({ section: 'stages', key: 'leadFunnel:new' }, [renamed, draft], 'en')).toEqual({ from: 'New', to: 'Fresh' });
  });

  it('says nothing where the name reads the same in this language, or the item is in one version only', () => {
    expect(nameChange({ section: 'objects', key: 'vehicle' }, [renamed, draft], 'zh')).toBeUndefined();
    expect(nameChange({ section: 'pools', key: 'leadPool' }, [renamed, draft], 'zh')).toBeUndefined();
    expect(nameChange({ section: 'objects', key: 'vehicle' }, [renamed, undefined], 'en')).toBeUndefined();
    // A layout is named after its object; the object's rename is its own change.
    expect(nameChange({ section: 'layouts', key: 'vehicle' }, [renamed, draft], 'en')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { fieldChoices } from '../ui/choices.ts';
import { defaultChoices, fieldChoiceLabel, fieldName } from './field-names.ts';

const document: MetadataDocument = {
  name: 'Food',
  objects: {
    restaurant: { label: { en: 'Restaurant', zh: '餐厅' }, fields: { name: { type: 'text', label: { en: 'Name', zh: '名称' } }, monthlyOrders: { type: 'integer', label: { en: 'Orders / month', zh: '月订单' } } } },
    supplier: { label: 'Supplier', fields: { companyName: { type: 'text' }, restaurant: { type: 'lookup', object: 'restaurant', label: { en: 'Restaurant', zh: '餐厅' } } } },
  },
  pools: { supplierPool: { object: 'supplier' } },
};

describe('field names', () => {
  it('names system fields as the filter builder does, in both languages', () => {
    expect(fieldName(document, 'supplier', 'owner', 'en')).toBe('Owner');
    expect(fieldName(document, 'supplier', 'owner', 'zh')).toBe('负责人');
    expect(fieldName(document, 'supplier', 'updatedAt', 'en')).toBe('Updated');
    expect(fieldName(document, 'supplier', 'updatedAt', 'zh')).toBe('更新时间');
    expect(fieldName(document, 'supplier', 'holdExpiresAt', 'zh')).toBe('保护期至');
  });

  it('names a path through a lookup by both labels, a field without a label by its key in words', () => {
    expect(fieldName(document, 'supplier', 'restaurant.monthlyOrders', 'en')).toBe('Restaurant › Orders / month');
    expect(fieldName(document, 'supplier', 'restaurant.monthlyOrders', 'zh')).toBe('餐厅 › 月订单');
    expect(fieldName(document, 'supplier', 'companyName', 'zh')).toBe('Company name');
    expect(fieldName(document, 'supplier', 'gone', 'en')).toBe('gone');
  });

  it('lists system fields with their names beside the custom ones, key kept', () => {
    const choices = fieldChoices(document, 'supplier', 'zh', { system: true });
    expect(choices).toContainEqual({ value: 'owner', label: '负责人 (owner)' });
    expect(choices).toContainEqual({ value: 'updatedAt', label: '更新时间 (updatedAt)' });
    expect(choices).toContainEqual({ value: 'restaurant', label: '餐厅 (restaurant)' });
    expect(choices.every((c) => c.label !== c.value)).toBe(true);
    expect(fieldChoiceLabel({ en: 'Restaurant › Orders / month' }, 'restaurant.monthlyOrders', 'en')).toBe('Restaurant › Orders / month (restaurant.monthlyOrders)');
  });

  it('offers a default by the names the owner gave: options typed in Chinese and stages by their labels, not their stored keys', () => {
    const cleaning: MetadataDocument = {
      name: '家政服务',
      objects: {
        keHuXianSuo: {
          label: { zh: '客户线索' },
          fields: {
            fuWuLeiXing: { type: 'select', options: [{ value: 'riChangBaoJie', label: { zh: '日常保洁' } }, { value: 'deep', label: { en: 'Deep clean' } }, 'other'] },
            jieDuan: { type: 'stage', pipeline: 'funnel' },
          },
        },
      },
      pipelines: { funnel: { object: 'keHuXianSuo', field: 'jieDuan', stages: [
        { key: 'new', label: { en: 'New', zh: '待跟进' }, kind: 'open' }, { key: 'quoted', kind: 'open' },
        { key: 'won', label: { zh: '成交' }, kind: 'won' }, { key: 'lost', kind: 'lost' },
      ] } },
    };
    const fields = cleaning.objects.keHuXianSuo!.fields;
    expect(defaultChoices(cleaning, fields.fuWuLeiXing!, 'zh')).toEqual([
      { value: 'riChangBaoJie', label: '日常保洁 (riChangBaoJie)' }, { value: 'deep', label: 'Deep clean (deep)' }, { value: 'other', label: 'other' },
    ]);
    // A new record starts in an open stage: won and lost are not offered.
    expect(defaultChoices(cleaning, fields.jieDuan!, 'zh')).toEqual([{ value: 'new', label: '待跟进 (new)' }, { value: 'quoted', label: 'Quoted (quoted)' }]);
    expect(defaultChoices(cleaning, fields.jieDuan!, 'en')).toEqual([{ value: 'new', label: 'New (new)' }, { value: 'quoted', label: 'Quoted (quoted)' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { missingLabels } from './missing-labels.ts';

const live: MetadataDocument = {
  name: 'Food',
  objects: { restaurant: { label: { en: 'Restaurant' }, fields: { name: { type: 'text', label: { en: 'Name', zh: '名称' } } } } },
};

describe('labels missing in the tenant language', () => {
  it('lists the items this draft adds without a Chinese label, not the ones already live', () => {
    const draft: MetadataDocument = {
      ...structuredClone(live),
      objects: { ...structuredClone(live.objects), supplier: { label: { en: 'Supplier', zh: '供应商' }, fields: { capacity: { type: 'integer', label: { en: 'Capacity' } }, note: { type: 'text', label: 'Note' } } } },
      pools: { supplierPool: { object: 'supplier' }, zhPool: { object: 'supplier', label: { zh: '供应商公海' } } },
      assignmentRules: { firstRule: { object: 'supplier', records: {}, users: {}, match: 'even', title: { en: 'First' } } },
    };
    expect(missingLabels(draft, live)).toEqual({
      language: 'zh',
      pointers: ['/objects/supplier/fields/capacity/label', '/pools/supplierPool/label', '/assignmentRules/firstRule/title'],
    });
  });

  it('lists a live item whose label the draft changes, and checks English for an English tenant', () => {
    const draft = structuredClone(live);
    draft.objects.restaurant!.fields.name!.label = { en: 'Shop name' };
    expect(missingLabels(draft, live).pointers).toEqual(['/objects/restaurant/fields/name/label']);
    draft.objects.restaurant!.fields.name!.label = { zh: '店名' };
    expect(missingLabels(draft, live).pointers).toEqual([]);
    expect(missingLabels({ ...draft, locale: 'en-US' }, live)).toEqual({ language: 'en', pointers: ['/objects/restaurant/fields/name/label'] });
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { moveTargets } from './move-targets.ts';

const draft: MetadataDocument = {
  name: 'Freight broker',
  objects: {
    shipment: {
      label: { en: 'Shipment', zh: '货运单' },
      fields: {
        status: { type: 'stage', pipeline: 'shipmentFunnel' },
        origin: { type: 'select', options: [{ value: 'shanghai', label: { en: 'Shanghai', zh: '上海' } }, 'ningbo', { value: 'option2' }] },
      },
    },
  },
  pipelines: {
    shipmentFunnel: {
      object: 'shipment', field: 'status', transitions: 'forward',
      stages: [{ key: 'booked', label: { zh: '已预约' }, kind: 'open' }, { key: 'delivered', label: { en: 'Delivered', zh: '已送达' }, kind: 'won' }, { key: 'lost', kind: 'lost' }],
    },
  },
};

describe('where a removed stage or option’s records may go', () => {
  it('names the stages as the app does, in the studio’s language, with their keys', () => {
    expect(moveTargets(draft, 'stages', 'shipment', 'shipmentFunnel', 'zh')).toEqual({
      field: 'status',
      targets: [{ value: 'booked', label: '已预约 · booked' }, { value: 'delivered', label: '已送达 · delivered' }, { value: 'lost', label: 'lost' }],
    });
    expect(moveTargets(draft, 'stages', 'shipment', 'shipmentFunnel', 'en').targets[1]).toEqual({ value: 'delivered', label: 'Delivered · delivered' });
  });

  it('names the options by their labels, and an unlabelled one by its value', () => {
    expect(moveTargets(draft, 'fields', 'shipment', 'origin', 'zh')).toEqual({
      field: 'origin',
      targets: [{ value: 'shanghai', label: '上海 · shanghai' }, { value: 'ningbo', label: 'ningbo' }, { value: 'option2', label: 'option2' }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { moveTargets, reasonTargets } from './move-targets.ts';

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

  it('offers the reasons the draft’s pool offers, by their words with their keys (the built-in four when it has none of its own)', () => {
    const pools = { shipmentPool: { object: 'shipment', releaseReasons: [{ key: 'moved_away', label: { zh: '客户已搬走' } }, { key: 'other', label: 'other' }] }, builtIn: { object: 'shipment' } };
    const document = { ...draft, pools } as MetadataDocument;
    expect(reasonTargets(document, 'shipmentPool', 'zh')).toEqual([{ value: 'moved_away', label: '客户已搬走 · moved_away' }, { value: 'other', label: 'other' }]);
    expect(reasonTargets(document, 'builtIn', 'en')[0]).toEqual({ value: 'no_interest', label: 'No interest for now · no_interest' });
    expect(reasonTargets(document, 'gone', 'zh')).toEqual([]);
  });
});

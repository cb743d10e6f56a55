import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../../platform/testing/fixtures.ts';
import { recordFunnels } from './record-funnels.ts';

describe('the funnels a record page draws', () => {
  const document = testDocument();

  it('gives a record with a stage its own pipeline', () => {
    expect(recordFunnels(document, 'lead')).toEqual([{ kind: 'own', pipeline: 'leadFunnel', object: 'lead', stageField: 'stage' }]);
  });

  it('gives a parent the funnel of the records with a stage that point at it', () => {
    expect(recordFunnels(document, 'hotel')).toEqual([{ kind: 'related', pipeline: 'leadFunnel', object: 'lead', stageField: 'stage', field: 'hotel' }]);
  });

  it('has one funnel per lookup, and none where nothing with a stage points at the record', () => {
    const twoLinks = testDocument();
    twoLinks.objects.lead!.fields.referredBy = { type: 'lookup', object: 'hotel' };
    expect(recordFunnels(twoLinks, 'hotel').map((f) => f.kind === 'related' && f.field)).toEqual(['hotel', 'referredBy']);
    expect(recordFunnels(document, 'contract')).toEqual([]);
    expect(recordFunnels(document, 'visit')).toEqual([]);
    expect(recordFunnels(document, 'nothing')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { heldWhere } from './held-counts.ts';

describe('held counts', () => {
  it('count private records, leaving out won ones as the pool’s limit does', () => {
    const document = { name: 'x', objects: {}, pipelines: { funnel: { object: 'lead', field: 'stage', stages: [{ key: 'new', kind: 'open' }, { key: 'signed', kind: 'won' }] } } } as unknown as MetadataDocument;
    expect(heldWhere({ stageField: 'stage', pipeline: 'funnel' }, document)).toEqual({ poolState: 'private', stage: { $nin: ['signed'] } });
    expect(heldWhere({ stageField: null, pipeline: null }, document)).toEqual({ poolState: 'private' });
  });
});

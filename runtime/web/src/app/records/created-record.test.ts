import { describe, expect, it } from 'vitest';
import { splitCreated } from './created-record.ts';

describe('what a stage move created', () => {
  it('is taken out of the record moved', () => {
    expect(splitCreated({ id: 'l1', version: 4, stage: 'signed', $created: { object: 'contract', id: 'c1' } }))
      .toEqual({ record: { id: 'l1', version: 4, stage: 'signed' }, created: { object: 'contract', id: 'c1' } });
  });

  it('is nothing for a move that created nothing, or an answer that does not say what', () => {
    expect(splitCreated({ id: 'l1', stage: 'contacted' })).toEqual({ record: { id: 'l1', stage: 'contacted' }, created: undefined });
    expect(splitCreated({ id: 'l1', $created: { object: 'contract' } })).toEqual({ record: { id: 'l1' }, created: undefined });
    expect(splitCreated({ id: 'l1', $created: null })).toEqual({ record: { id: 'l1' }, created: undefined });
  });
});

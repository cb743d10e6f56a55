import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { freeKey, keyFromLabel, moveKey, sameAsLive } from './draft-state.ts';

describe('keys from labels', () => {
  it('makes a camel-case key of an English label', () => {
    expect(keyFromLabel('Room nights / month')).toBe('roomNightsMonth');
    expect(keyFromLabel('My test drives board')).toBe('myTestDrivesBoard');
    expect(keyFromLabel('我的看板')).toBe('');
  });

  it('numbers a taken key, shortening it to stay within the key length', () => {
    expect(freeKey('stage', ['stage', 'stage2'])).toBe('stage3');
    expect(freeKey('a'.repeat(40), ['a'.repeat(40)])).toBe(`${'a'.repeat(39)}2`);
  });
});

describe('a draft with nothing to discard', () => {
  const live = { name: 'Hotels', objects: { hotel: { label: 'Hotel', fields: {} }, lead: { label: 'Lead', fields: {} } } } as unknown as MetadataDocument;
  it('is the live document as it is, with no data migration', () => {
    expect(sameAsLive({ document: structuredClone(live), migrations: [] }, live)).toBe(true);
    expect(sameAsLive({ document: { ...live, name: 'Hotels 2' }, migrations: [] }, live)).toBe(false);
    expect(sameAsLive({ document: { ...live, objects: moveKey(live.objects, 1, 0) }, migrations: [] }, live)).toBe(false);
    expect(sameAsLive({ document: structuredClone(live), migrations: [{ kind: 'copyField' } as never] }, live)).toBe(false);
    expect(sameAsLive({ document: structuredClone(live), migrations: [] }, undefined)).toBe(false);
  });
});

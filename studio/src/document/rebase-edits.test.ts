import { describe, expect, it } from 'vitest';
import { rebaseEdits } from './rebase-edits.ts';

const hotel = (fields: Record<string, unknown>, label = 'Hotel') => ({ name: 'CRM', objects: { hotel: { label, fields } } });

describe('re-applying edits on a draft changed elsewhere', () => {
  it('keeps a field another admin added while the owner relabelled the object', () => {
    const base = hotel({ name: { type: 'text' } });
    const mine = hotel({ name: { type: 'text' } }, 'Hotel (chain)');
    const theirs = hotel({ name: { type: 'text' }, wifi: { type: 'boolean' } });
    expect(rebaseEdits(base, mine, theirs)).toEqual(hotel({ name: { type: 'text' }, wifi: { type: 'boolean' } }, 'Hotel (chain)'));
  });

  it('puts fields the owner added after theirs, removes what either side removed, and lets the owner win a clash', () => {
    const base = hotel({ name: { type: 'text', label: 'Name' }, stars: { type: 'integer' }, old: { type: 'text' } });
    const mine = hotel({ name: { type: 'text', label: 'Hotel name' }, stars: { type: 'integer' }, parking: { type: 'boolean' } });
    const theirs = hotel({ wifi: { type: 'boolean' }, name: { type: 'text', label: 'Title' }, old: { type: 'text' } });
    const merged = rebaseEdits(base, mine, theirs);
    expect(Object.keys(merged.objects.hotel.fields)).toEqual(['wifi', 'name', 'parking']);
    expect(merged.objects.hotel.fields.name).toEqual({ type: 'text', label: 'Hotel name' });
  });

  it('answers their document when the owner changed nothing, and the owner\'s when they changed nothing', () => {
    const base = hotel({ a: { type: 'text' } });
    const changed = hotel({ a: { type: 'text' }, b: { type: 'text' } });
    expect(rebaseEdits(base, base, changed)).toBe(changed);
    expect(rebaseEdits(base, changed, base)).toBe(changed);
  });
});

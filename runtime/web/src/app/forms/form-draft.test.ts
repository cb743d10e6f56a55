import { describe, expect, it } from 'vitest';
import { offerTyped, rebaseDraft, sameData, typedFor } from './form-draft.ts';

describe('unsaved input over a reloaded record', () => {
  const before = { name: 'Hilton', notes: 'old', score: 10 };

  it('keeps what was typed over the reloaded record, which brings its other changes', () => {
    const after = { name: 'Hilton', notes: 'old', score: 10, stage: 'contacted' };
    const rebased = rebaseDraft(before, after, { ...before, notes: '下周二再访' });
    expect(rebased.data).toEqual({ ...after, notes: '下周二再访' });
    expect([...rebased.edited]).toEqual(['notes']);
    expect(rebased.replaced).toEqual([]);
  });

  it('lets the reload win on a field it changed too, and says what was typed', () => {
    const after = { name: 'Hilton', notes: 'by the prompt', score: 20 };
    const rebased = rebaseDraft(before, after, { ...before, notes: 'typed', name: 'Hilton Pudong' });
    expect(rebased.data).toEqual({ name: 'Hilton Pudong', notes: 'by the prompt', score: 20 });
    expect([...rebased.edited]).toEqual(['name']);
    expect(rebased.replaced).toEqual([{ key: 'notes', typed: 'typed' }]);
  });

  it('keeps a field the user emptied, and forgets input the record now holds or a save sent', () => {
    const after = { name: 'Hilton', notes: ' saved ', score: 12 };
    const rebased = rebaseDraft(before, after, { name: 'Hilton', notes: 'saved', score: 12, extra: undefined }, { notes: 'saved' });
    expect(rebased.data).toEqual(after);
    expect(rebased.edited.size).toBe(0);
    expect(rebased.replaced).toEqual([]);
    const emptied = rebaseDraft(before, { ...before, stage: 'x' }, { name: 'Hilton', score: 10 });
    expect(emptied.data).toEqual({ name: 'Hilton', score: 10, stage: 'x' });
    expect([...emptied.edited]).toEqual(['notes']);
  });

  it('compares data by value, missing as null', () => {
    expect(sameData({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameData({ a: [1] }, { a: [2] })).toBe(false);
  });
});

describe('what a record\'s form holds typed, for a prompt about the same record', () => {
  it('is offered while registered, for that record only, and gone after', () => {
    let typed: Record<string, unknown> = { contactPhone: '13700000003' };
    const stop = offerTyped('lead-1', () => typed);
    expect(typedFor('lead-1')).toEqual({ contactPhone: '13700000003' });
    typed = { contactPhone: '13700000004', notes: '前台转总机' };
    expect(typedFor('lead-1')).toEqual({ contactPhone: '13700000004', notes: '前台转总机' });
    expect(typedFor('lead-2')).toEqual({});
    stop();
    expect(typedFor('lead-1')).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { chooseEvents } from './event-choice.ts';

describe('chooseEvents', () => {
  it('keeps “every event” alone', () => {
    expect(chooseEvents(['record.created'], ['record.created', '*'])).toEqual(['*']);
    expect(chooseEvents(['*'], ['*', 'record.updated'])).toEqual(['record.updated']);
  });

  it('adds and removes single events as picked', () => {
    expect(chooseEvents([], ['record.created'])).toEqual(['record.created']);
    expect(chooseEvents(['record.created'], ['record.created', 'record.updated'])).toEqual(['record.created', 'record.updated']);
    expect(chooseEvents(['record.created', 'record.updated'], ['record.updated'])).toEqual(['record.updated']);
    expect(chooseEvents(['*'], [])).toEqual([]);
  });
});

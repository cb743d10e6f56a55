import { describe, expect, it } from 'vitest';
import { standingDelete, type HistoryEntry } from './record-history.ts';

const entry = (id: string, action: string): HistoryEntry => ({ id, at: `2026-12-07T0${id}:00:00Z`, actor: 'u1', actorName: 'Ann', action });

describe('standingDelete', () => {
  it('finds the delete a record stands deleted by, also under entries written after it', () => {
    expect(standingDelete([entry('3', 'delete'), entry('2', 'update'), entry('1', 'create')])?.id).toBe('3');
    // A work order closed from a queue loaded before the delete.
    expect(standingDelete([entry('4', 'workOrder'), entry('3', 'delete'), entry('1', 'create')])?.id).toBe('3');
  });

  it('finds none for a record restored since, or never deleted, or without history', () => {
    expect(standingDelete([entry('5', 'restore'), entry('3', 'delete'), entry('1', 'create')])).toBeUndefined();
    expect(standingDelete([entry('2', 'update'), entry('1', 'create')])).toBeUndefined();
    expect(standingDelete([])).toBeUndefined();
  });
});

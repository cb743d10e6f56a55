import { describe, expect, it } from 'vitest';
import { problemsByField, toErrorSchema } from './problem-errors.ts';

describe('server problems at their fields', () => {
  it('maps JSON pointers to fields and keeps the rest general', () => {
    const problems = problemsByField([
      { path: '/score', message: 'must be <= 100' },
      { path: '/values/contactPhone', message: 'is required' },
      { path: '/tags/1', message: 'is not an option' },
      { path: '/note', message: 'a note is required' },
      { path: '/', message: 'too many fields' },
      { path: '/hidden', message: 'cannot be written' },
    ], new Set(['score', 'contactPhone', 'tags', 'note']));
    expect(problems.byField).toEqual({
      score: ['must be <= 100'], contactPhone: ['is required'], tags: ['is not an option'], note: ['a note is required'],
    });
    expect(problems.general).toEqual(['too many fields', 'hidden: cannot be written']);
    expect(toErrorSchema(problems).score).toEqual({ __errors: ['must be <= 100'] });
  });
});

import { describe, expect, it } from 'vitest';
import { toProblem } from './problem.ts';

/** A failed statement as node-postgres reports it: an Error with the SQLSTATE in `code`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('problems for database failures', () => {
  it('answers a statement timeout, a deadlock or a serialization failure with 503 and Retry-After, not 500', () => {
    for (const code of ['57014', '40P01', '40001', '55P03']) {
      const problem = toProblem(pgError(code, 'canceling statement due to statement timeout'), '/api/t/x/assignment-rules/r/run');
      expect(problem.status, code).toBe(503);
      expect(problem.body.code).toBe('database_busy');
      expect(problem.headers['retry-after']).toBe('2');
    }
  });

  it('keeps a lost connection apart (database_unavailable) and anything unknown a 500 without details', () => {
    expect(toProblem(pgError('57P01', 'terminating connection due to administrator command')).body.code).toBe('database_unavailable');
    const unknown = toProblem(pgError('XX000', 'internal error: secret detail'));
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(unknown.body)).not.toContain('secret detail');
  });
});

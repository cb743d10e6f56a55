import { describe, expect, it } from 'vitest';
import { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { testDocument } from '../testing/fixtures.ts';
import { compiledRules, isActive } from './compiled-rules.ts';

describe('compiled assignment rules', () => {
  it('never runs a rule that gives out pooled records without naming their pool (published before the validator refused it)', () => {
    const compiled = new CompiledMetadata('00000000-0000-4000-8000-000000000001', 1, testDocument({
      assignmentRules: {
        noPool: { object: 'lead', match: 'even', records: {}, users: {} },
        pooled: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: {} },
        hotels: { object: 'hotel', match: 'even', records: {}, users: {} },
      },
    }));
    const rules = Object.fromEntries(compiledRules(compiled).map((r) => [r.key, r]));
    const now = new Date();
    expect(rules.noPool).toMatchObject({ missingPool: 'leadPool' });
    expect(isActive(rules.noPool!, now)).toBe(false);
    expect(isActive(rules.pooled!, now)).toBe(true);
    expect(rules.hotels!.missingPool).toBeUndefined();
    expect(isActive(rules.hotels!, now)).toBe(true);
  });
});

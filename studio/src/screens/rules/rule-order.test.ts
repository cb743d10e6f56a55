import { describe, expect, it } from 'vitest';
import type { AssignmentRuleDefinition, MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../../platform/testing/fixtures.ts';
import { poolChoices, poolOfObject, priorityNeighbours } from './rule-order.ts';

const rule = (object: string, priority?: number): AssignmentRuleDefinition => ({
  object, records: {}, users: {}, match: 'even', ...(priority !== undefined ? { priority } : {}),
});
const withRules = (rules: Record<string, AssignmentRuleDefinition>): MetadataDocument => ({ ...testDocument(), assignmentRules: rules });

describe('priorityNeighbours', () => {
  it('treats a rule without a priority as 100, like the server (compiled-rules.ts)', () => {
    const document = withRules({ unset: rule('lead'), fifty: rule('lead', 50), late: rule('lead', 150) });
    // 50 < 100 (unset) < 150: the rule with priority 50 runs first.
    expect(priorityNeighbours(document, 'unset')).toEqual({ after: ['fifty'], before: ['late'] });
    expect(priorityNeighbours(document, 'fifty')).toEqual({ after: [], before: ['unset', 'late'] });
    expect(priorityNeighbours(document, 'late')).toEqual({ after: ['fifty', 'unset'], before: [] });
  });

  it('orders equal priorities by rule key, as the conflict report picks its winner', () => {
    const document = withRules({ beta: rule('lead', 20), alpha: rule('lead', 20), gamma: rule('lead', 20), zeta: rule('lead') });
    expect(priorityNeighbours(document, 'beta')).toEqual({ after: ['alpha'], before: ['gamma', 'zeta'] });
    expect(priorityNeighbours(document, 'alpha')).toEqual({ after: [], before: ['beta', 'gamma', 'zeta'] });
  });

  it('an explicit 100 ties with a missing priority and is ordered by key', () => {
    const document = withRules({ b: rule('lead'), a: rule('lead', 100), c: rule('lead', 100) });
    expect(priorityNeighbours(document, 'b')).toEqual({ after: ['a'], before: ['c'] });
  });

  it('compares tied keys by code unit like the server, not by locale', () => {
    const document = withRules({ leada: rule('lead', 5), leadB: rule('lead', 5) });
    expect(priorityNeighbours(document, 'leada')).toEqual({ after: ['leadB'], before: [] });
  });

  it('lists the neighbours in run order', () => {
    const document = withRules({ mine: rule('lead', 1), z: rule('lead', 10), unset: rule('lead'), b: rule('lead', 10), a: rule('lead', 30) });
    expect(priorityNeighbours(document, 'mine')).toEqual({ after: [], before: ['b', 'z', 'a', 'unset'] });
  });

  it('ignores rules of other objects and unknown rules', () => {
    const document = withRules({ mine: rule('lead', 10), other: rule('hotel', 5) });
    expect(priorityNeighbours(document, 'mine')).toEqual({ after: [], before: [] });
    expect(priorityNeighbours(document, 'missing')).toEqual({ after: [], before: [] });
  });
});

describe('poolOfObject', () => {
  it('names the pool that holds an object, for new rules and a change of object', () => {
    expect(poolOfObject(testDocument(), 'lead')).toBe('leadPool');
    expect(poolOfObject(testDocument(), 'hotel')).toBeUndefined();
  });
});

describe('poolChoices', () => {
  it('names the pools a rule can give records out from by their names in the UI language, keeping the key beside it', () => {
    const document: MetadataDocument = { ...testDocument(), pools: {
      leadPool: { ...testDocument().pools!.leadPool!, label: { en: 'Unfollowed leads', zh: '未跟进公海' } },
      plainPool: { object: 'lead' },
      hotelPool: { object: 'hotel', label: 'Hotels' },
    } };
    expect(poolChoices(document, 'lead', 'zh')).toEqual([{ value: 'leadPool', label: '未跟进公海 (leadPool)' }, { value: 'plainPool', label: 'plainPool' }]);
    expect(poolChoices(document, 'lead', 'en')[0]).toEqual({ value: 'leadPool', label: 'Unfollowed leads (leadPool)' });
  });
});

import { describe, expect, it } from 'vitest';
import { validateMetadata } from '../../../platform/metadata/validate-metadata.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { readOrderBy, sortableFields, writeOrderBy } from './sort-keys.ts';

const document = testDocument();

describe('sort keys', () => {
  it('reads every key of a sort with its direction, and writes them back unchanged', () => {
    expect(readOrderBy('-updatedAt, name,+score,')).toEqual([
      { field: 'updatedAt', descending: true }, { field: 'name', descending: false }, { field: 'score', descending: false },
    ]);
    expect(writeOrderBy(readOrderBy('-updatedAt,name'))).toBe('-updatedAt,name');
    expect(writeOrderBy([])).toBeUndefined();
  });

  it('offers a list only the fields the server sorts by: no multi-select, no path through a lookup', () => {
    const keys = sortableFields(document, 'lead').map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['name', 'score', 'stage', 'hotel', 'updatedAt', 'owner']));
    expect(keys).not.toContain('tags');
    expect(keys.filter((k) => k.includes('.'))).toEqual([]);
  });

  it('offers a work-order priority one hop to a plain field, never to a lookup or a list, and the validator accepts each', () => {
    const keys = sortableFields(document, 'lead', { allowPaths: true }).map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['score', 'hotel.roomNights', 'hotel.createdAt']));
    expect(keys).not.toContain('hotel.owner');
    expect(keys).not.toContain('tags');
    expect(keys.filter((k) => k.startsWith('owner.'))).toEqual([]);
    // One rule per key, so the validator is asked once.
    const rules = Object.fromEntries(keys.map((field, i) => [`r${i}`, { object: 'lead', pool: 'leadPool', records: {}, users: {}, match: 'even' as const, workOrderPriority: { field } }]));
    expect(validateMetadata(testDocument({ assignmentRules: rules })).filter((p) => p.path.startsWith('/assignmentRules'))).toEqual([]);
  });
});

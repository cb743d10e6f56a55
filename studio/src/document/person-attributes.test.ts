import { describe, expect, it } from 'vitest';
import { attributeKeyPattern, attributeRows, attributesFromRows } from './person-attributes.ts';

describe('person attributes as rows', () => {
  it('shows each attribute as a key and its values', () => {
    expect(attributeRows({ team: 'north', makes: ['BMW', 'Tesla'], weight: 3, senior: true })).toEqual([
      { key: 'team', values: ['north'] },
      { key: 'makes', values: ['BMW', 'Tesla'] },
      { key: 'weight', values: ['3'] },
      { key: 'senior', values: ['true'] },
    ]);
  });

  it('saves one value as itself and several as a list', () => {
    expect(attributesFromRows([{ key: 'team', values: ['north'] }, { key: 'makes', values: ['BMW', 'Tesla'] }])).toEqual({ team: 'north', makes: ['BMW', 'Tesla'] });
  });

  it('keeps a list a list and a number a number when a person is edited', () => {
    const previous = { qualifications: ['hotel', 'food'], weight: 3, senior: false };
    const rows = [{ key: 'qualifications', values: ['hotel'] }, { key: 'weight', values: ['5'] }, { key: 'senior', values: ['true'] }];
    expect(attributesFromRows(rows, previous)).toEqual({ qualifications: ['hotel'], weight: 5, senior: true });
  });

  it('drops rows without a key or without values, and trims both', () => {
    expect(attributesFromRows([{ key: ' team ', values: [' north '] }, { key: '', values: ['x'] }, { key: 'city', values: [' '] }])).toEqual({ team: 'north' });
  });

  it('accepts the keys a $user.attributes condition can name', () => {
    expect(attributeKeyPattern.test('makes')).toBe(true);
    expect(attributeKeyPattern.test('team-2')).toBe(true);
    expect(attributeKeyPattern.test('2team')).toBe(false);
    expect(attributeKeyPattern.test('a.b')).toBe(false);
  });
});

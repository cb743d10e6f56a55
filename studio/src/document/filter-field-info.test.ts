import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { objectFilterFields } from './filter-field-info.ts';

const document = {
  name: 'T',
  objects: { lead: { label: { en: 'Lead', zh: '线索' }, titleField: 'name', fields: { name: { type: 'text', label: 'Name' } } } },
  pools: { leadPool: { object: 'lead' } },
} as unknown as MetadataDocument;

describe('objectFilterFields', () => {
  it('names the pool states as the app does (公海 / 私海), not by their stored values', () => {
    const poolState = objectFilterFields(document, 'lead').find((f) => f.key === 'poolState');
    expect(poolState?.options).toEqual([
      { value: 'public', label: { en: 'Public', zh: '公海' } },
      { value: 'private', label: { en: 'Private', zh: '私海' } },
    ]);
  });
});

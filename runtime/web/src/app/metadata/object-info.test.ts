import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { buildObjectInfos, fieldLabel, objectLabel, type ObjectDescription } from './object-info.ts';
import { optionLabel } from './format-value.ts';

const field = (key: string, type: string, extra: Record<string, unknown> = {}) => ({
  key, label: key, type, kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});

// What /objects sends for a tenant whose document gives no labels: labels are the keys.
const described = [{
  key: 'roomBlock', label: 'roomBlock', pluralLabel: 'roomBlock', titleField: 'name', actions: ['read'], pipeline: 'blockFunnel', stageField: 'stage', pools: [],
  fields: [
    field('name', 'text'),
    field('roomNightsPerMonth', 'integer', { kind: 'number' }),
    field('stage', 'stage', { options: [{ value: 'proposalSent' }, { value: 'won', label: { en: 'Signed', zh: '已签约' } }] }),
    field('brand', 'select', { options: [{ value: 'iPhone' }] }),
  ],
}] as unknown as ObjectDescription[];

describe('object infos', () => {
  it('names objects, fields and stages without labels by their keys in words, and leaves option values (data) alone', () => {
    const [block] = buildObjectInfos(described, { objects: {} } as unknown as MetadataDocument);
    expect(objectLabel(block, 'zh')).toBe('Room block');
    expect(objectLabel(block, 'en', true)).toBe('Room block');
    expect(fieldLabel(block!.fieldMap.get('roomNightsPerMonth'), 'en')).toBe('Room nights per month');
    expect(optionLabel(block!.fieldMap.get('stage')!, 'proposalSent', 'en')).toBe('Proposal sent');
    expect(optionLabel(block!.fieldMap.get('stage')!, 'won', 'zh')).toBe('已签约');
    expect(optionLabel(block!.fieldMap.get('brand')!, 'iPhone', 'en')).toBe('iPhone');
  });
});

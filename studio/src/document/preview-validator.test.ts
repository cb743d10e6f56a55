import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { previewForms } from './form-schema.ts';
import { previewValidator } from './preview-validator.ts';

describe('form preview', () => {
  const [form] = previewForms(testDocument(), 'lead', 'en');

  it('generates one section with every field when there is no layout', () => {
    expect(Object.keys((form!.schema as { properties: object }).properties)).toContain('source');
    expect(form!.schema).toMatchObject({ required: ['name'] });
  });

  it('validates without eval: required, ranges, options', () => {
    const bad = previewValidator.validateFormData({ score: 120, source: 'nope' }, form!.schema);
    expect(bad.errors.map((e) => `${e.property}:${e.name}`).sort()).toEqual(['.name:required', '.score:maximum', '.source:enum']);
    expect(bad.errorSchema).toHaveProperty('score');
    expect(previewValidator.validateFormData({ name: 'A', score: 50, source: 'bd', tags: ['vip'] }, form!.schema).errors).toEqual([]);
    expect(previewValidator.isValid({ type: 'integer', minimum: 1 }, 0, {})).toBe(false);
  });
});

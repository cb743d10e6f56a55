import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { fieldSchema, previewDefaults, previewForms } from './form-schema.ts';
import { previewValidator } from './preview-validator.ts';

/** The values a preview form starts with, as rjsf computes them. */
function startValues(document: ReturnType<typeof testDocument>): Record<string, unknown> {
  const schema = previewForms(document, 'lead', 'en')[0]!.schema as RJSFSchema;
  return getDefaultFormState(previewValidator, schema, undefined, schema, false, previewDefaults) as Record<string, unknown>;
}

describe('form preview start values', () => {
  it('leaves a select without a default empty (not its first option)', () => {
    const document = testDocument();
    expect(document.objects.lead!.fields.source!.default).toBeUndefined();
    expect(startValues(document).source).toBeUndefined();
  });

  it('shows a field’s own default', () => {
    const document = testDocument();
    document.objects.lead!.fields.source!.default = 'bd';
    expect(startValues(document).source).toBe('bd');
  });

  it('shows today and now as the date and moment a record created now would start with, in the tenant\'s zone', () => {
    const document = testDocument();
    document.timeZone = 'Asia/Shanghai';
    const shanghaiDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const before = shanghaiDay();
    const day = fieldSchema(document, 'signedOn', { type: 'date', default: 'today' }, 'zh').schema.default;
    expect([before, shanghaiDay()]).toContain(day);
    const moment = fieldSchema(document, 'visitedAt', { type: 'datetime', default: 'now' }, 'zh').schema.default as string;
    expect(Math.abs(Date.parse(moment) - Date.now())).toBeLessThan(60_000);
  });
});

describe('form preview of a lookup', () => {
  it('names its target, a person as 用户 (not the key user)', () => {
    const document = testDocument();
    expect(fieldSchema(document, 'coach', { type: 'lookup', object: 'user' }, 'zh').ui['ui:placeholder']).toBe('→ 用户');
    expect(fieldSchema(document, 'coach', { type: 'lookup', object: 'user' }, 'en').ui['ui:placeholder']).toBe('→ User');
    expect(fieldSchema(document, 'hotel', { type: 'lookup', object: 'hotel' }, 'zh').ui['ui:placeholder']).toMatch(/^→ (?!hotel$)/);
  });
});

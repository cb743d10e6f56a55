import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from '@rjsf/utils';
import type { UiLocale } from '../../shared/labels.ts';
import type { FlatSchema } from './form-schema.ts';
import { validateFlat } from './form-validator.ts';

type Data = Record<string, unknown>;

/**
 * rjsf's validator for the generated forms. The forms are flat, so a small checker replaces
 * ajv: it keeps ajv's code generation out of the app (the CSP forbids eval) and its weight out
 * of the bundle. The server stays the judge; its problems arrive as `extraErrors`.
 */
export function flatValidator(locale: UiLocale): ValidatorType<Data, RJSFSchema> {
  const validate = (formData: Data | undefined, schema: RJSFSchema): ValidationData<Data> => {
    const problems = validateFlat(schema as unknown as FlatSchema, formData ?? {}, locale);
    const errors: RJSFValidationError[] = problems.map((p) => {
      const key = p.path.slice(1);
      return { name: 'shoal', property: `.${key}`, message: p.message, stack: `${key} ${p.message}` };
    });
    const errorSchema: Record<string, { __errors: string[] }> = {};
    for (const p of problems) (errorSchema[p.path.slice(1)] ??= { __errors: [] }).__errors.push(p.message);
    return { errors, errorSchema: errorSchema as ErrorSchema<Data> };
  };
  return {
    validateFormData: (formData, schema) => validate(formData, schema),
    isValid: (schema, formData) => schema.type !== 'object' || validate(formData, schema).errors.length === 0,
    rawValidation: <Result>(schema: RJSFSchema, formData?: Data) => ({ errors: validate(formData, schema).errors as unknown as Result[] }),
  };
}

import { linearRegExp } from '../../../platform/validation/linear-regexp.ts';
import { toErrorSchema, type RJSFSchema, type RJSFValidationError, type ValidationData, type ValidatorType } from '@rjsf/utils';

type Schema = Record<string, unknown>;

/**
 * Checks a value against the small JSON Schemas the form preview generates (flat objects of
 * typed fields). Written without code generation: the studio's Content-Security-Policy forbids
 * `eval`, which ajv needs.
 */
export function checkValue(schema: Schema, value: unknown, property: string): RJSFValidationError[] {
  if (value === undefined || value === null || value === '') return [];
  const errors: RJSFValidationError[] = [];
  const add = (name: string, message: string, params: Record<string, unknown> = {}) =>
    errors.push({ name, message, params, property, stack: `${property} ${message}`, schemaPath: '' });
  const type = schema.type;
  const actual = Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  const typeOk = type === undefined || type === actual || (type === 'number' && actual === 'integer');
  if (!typeOk) {
    add('type', `must be ${String(type)}`, { type });
    return errors;
  }
  const choices = Array.isArray(schema.enum) ? schema.enum : Array.isArray(schema.oneOf) ? (schema.oneOf as Schema[]).map((o) => o.const) : undefined;
  if (choices && !Array.isArray(value) && !choices.includes(value)) add('enum', 'must be one of the options', { allowedValues: choices });
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add('minimum', `must be >= ${schema.minimum}`, { limit: schema.minimum });
    if (typeof schema.maximum === 'number' && value > schema.maximum) add('maximum', `must be <= ${schema.maximum}`, { limit: schema.maximum });
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) add('maxLength', `must NOT have more than ${schema.maxLength} characters`, { limit: schema.maxLength });
    if (typeof schema.pattern === 'string') {
      try {
        if (!linearRegExp(schema.pattern).test(value)) add('pattern', `must match pattern "${schema.pattern}"`, { pattern: schema.pattern });
      } catch {
        // An invalid pattern is the validator's problem to report in the studio, not the preview's.
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add('maxItems', `must NOT have more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add('uniqueItems', 'must NOT have duplicate items');
    const items = schema.items as Schema | undefined;
    if (items) value.forEach((v, i) => errors.push(...checkValue(items, v, `${property}.${i}`)));
  }
  return errors;
}

function checkObject(schema: Schema, data: unknown): RJSFValidationError[] {
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const errors: RJSFValidationError[] = [];
  for (const key of (schema.required as string[] | undefined) ?? []) {
    const value = record[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      errors.push({ name: 'required', message: 'must have required property', params: { missingProperty: key }, property: `.${key}`, stack: `.${key} is required`, schemaPath: '' });
    }
  }
  for (const [key, propertySchema] of Object.entries(properties)) errors.push(...checkValue(propertySchema, record[key], `.${key}`));
  return errors;
}

/** rjsf's validator interface over `checkObject`. */
export const previewValidator: ValidatorType = {
  validateFormData(formData, schema, _customValidate, transformErrors, uiSchema): ValidationData<unknown> {
    let errors = checkObject(schema as Schema, formData);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    return { errors, errorSchema: toErrorSchema(errors) };
  },
  isValid(schema: RJSFSchema, formData: unknown): boolean {
    const s = schema as Schema;
    return (s.type === 'object' ? checkObject(s, formData) : checkValue(s, formData, '')).length === 0;
  },
  rawValidation(schema: RJSFSchema, formData?: unknown) {
    return { errors: checkObject(schema as Schema, formData) as never[] };
  },
};

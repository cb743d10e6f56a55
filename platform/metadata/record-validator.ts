import type { ProblemItem } from '../errors.ts';
import { createAjv, escapePointer, toProblemItems, type ValidateFunction } from '../validation/ajv.ts';
import { isEarlier } from './date-order.ts';
import { fieldTypeSpecs } from './field-types.ts';
import type { ModelField, ObjectModel } from './object-model.ts';

/**
 * Checks the custom-field values of a record write against the object's metadata: types,
 * formats, options, bounds, scale and required fields. Database facts (unique values, lookup
 * targets) are checked by the records service.
 */
export interface RecordValidator {
  validateCreate(values: Record<string, unknown>): ProblemItem[];
  validateUpdate(patch: Record<string, unknown>): ProblemItem[];
  /** The stored form of valid values (date-times normalised, empty multi-selects removed). */
  normalize(values: Record<string, unknown>): Record<string, unknown>;
  /** JSON Schema of one field's non-null value. */
  valueSchema(fieldKey: string): Record<string, unknown> | undefined;
  /**
   * The `notBefore` rules a record's stored values break (下次拜访 earlier than 拜访时间), for the
   * rules whose fields are in `changed` (every rule when it is absent: a new record), and whose
   * fields the writer may read (`readable`): a refusal would otherwise tell them about a value
   * they may not see, one guess at a time. Each is at the later field, or at the earlier one when
   * only that one changed (`/visitedAt`: must not be later than nextVisitAt).
   */
  checkOrder(data: Record<string, unknown>, changed?: ReadonlySet<string>, readable?: (key: string) => boolean): ProblemItem[];
}

const ajv = createAjv({ coerceTypes: false, useDefaults: false });

export function compileRecordValidator(model: ObjectModel): RecordValidator {
  const fields = model.customFields.filter((f) => f.definition && !fieldTypeSpecs[f.definition.type]?.generated);
  const schemas = new Map<string, Record<string, unknown>>();
  for (const f of fields) schemas.set(f.key, fieldTypeSpecs[f.definition!.type].valueSchema(f.definition!));
  if (model.stageField) schemas.set(model.stageField.key, { type: 'string', enum: [...(model.stageField.options ?? [])] });

  // Compiled on first use: compiling every object's schema up front made compiling a 50-object
  // version take about a second (twice per publish), for objects most requests never touch.
  let compiled: ValidateFunction | undefined;
  const validateValues = (values: Record<string, unknown>): ValidateFunction => {
    compiled ??= ajv.compile({ type: 'object', properties: Object.fromEntries(schemas) });
    compiled(values);
    return compiled;
  };
  const requiredOnCreate = fields.filter((f) => f.definition?.required && f.definition.default === undefined);
  const requiredAlways = new Set(fields.filter((f) => f.definition?.required).map((f) => f.key));
  const byKey = new Map<string, ModelField>(fields.map((f) => [f.key, f]));
  // Fields that may not be earlier than another (metadata makes sure it is a field of the same type).
  const ordered = fields.flatMap((f) => (f.definition?.notBefore && byKey.has(f.definition.notBefore) ? [{ key: f.key, before: f.definition.notBefore }] : []));

  const checkValues = (values: Record<string, unknown>): ProblemItem[] => {
    const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    const problems: ProblemItem[] = [];
    const validate = validateValues(present);
    if (validate.errors) problems.push(...toProblemItems(validate.errors));
    for (const [key, value] of Object.entries(present)) {
      const field = byKey.get(key);
      const message = field?.definition ? fieldTypeSpecs[field.definition.type].check?.(field.definition, value) : undefined;
      if (message && !problems.some((p) => p.path === `/${escapePointer(key)}`)) problems.push({ path: `/${escapePointer(key)}`, message });
    }
    for (const [key, value] of Object.entries(values)) {
      if (value === null && requiredAlways.has(key)) problems.push({ path: `/${escapePointer(key)}`, message: 'is required and cannot be cleared' });
      // A blank text is no value: a required name of "" or "   " would leave a record without a title.
      else if (typeof value === 'string' && value.trim() === '' && requiredAlways.has(key)) problems.push({ path: `/${escapePointer(key)}`, message: 'is required and cannot be blank' });
    }
    return problems;
  };

  return {
    validateCreate(values) {
      const problems = checkValues(values);
      for (const f of requiredOnCreate) {
        if (values[f.key] === undefined) problems.push({ path: `/${escapePointer(f.key)}`, message: 'is required' });
      }
      return problems;
    },
    validateUpdate(patch) {
      return checkValues(patch);
    },
    normalize(values) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) {
        const field = byKey.get(key);
        const normalize = field?.definition ? fieldTypeSpecs[field.definition.type].normalize : undefined;
        out[key] = value === null || !normalize ? value : normalize(value);
      }
      return out;
    },
    valueSchema: (key) => schemas.get(key),
    checkOrder(data, changed, readable) {
      const problems: ProblemItem[] = [];
      for (const { key, before } of ordered) {
        if (changed && !changed.has(key) && !changed.has(before)) continue;
        if (readable && (!readable(key) || !readable(before))) continue;
        const value = data[key];
        const limit = data[before];
        if (typeof value !== 'string' || typeof limit !== 'string' || !isEarlier(value, limit)) continue;
        // At the field the write changed: moving 拜访时间 past 下次拜访 is that write's mistake, and
        // a writer who may change 拜访时间 but not 下次拜访 would be told at a field they cannot change.
        if (changed && !changed.has(key)) problems.push({ path: `/${escapePointer(before)}`, message: `must not be later than ${key}` });
        else problems.push({ path: `/${escapePointer(key)}`, message: `must not be earlier than ${before}` });
      }
      return problems;
    },
  };
}


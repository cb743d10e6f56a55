import { createAjv, type ValidateFunction } from '../../validation/ajv.ts';
import { patternProblem } from '../../validation/linear-regexp.ts';
import { startingStages } from '../../pipelines/stage-requirements.ts';
import { isMomentDefault, momentDefaults } from '../field-defaults.ts';
import { commonFieldOptions, fieldTypeSpecs, optionValues } from '../field-types.ts';
import { isReservedFieldKey, type FieldDefinition } from '../metadata-types.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';

const defaultsAjv = createAjv();

/** Objects and fields: reserved keys, type options, references, defaults. */
export function checkObjects(ctx: ValidationContext): void {
  for (const [objectKey, object] of entries(ctx.document.objects)) {
    const at = ptr('objects', objectKey);
    if (objectKey === 'user') ctx.add(at, '"user" is reserved for the users of the tenant');
    const fields = entries(object.fields);
    if (object.titleField !== undefined && !Object.hasOwn(object.fields ?? {}, object.titleField)) {
      ctx.add(`${at}/titleField`, `must be one of the object's fields (${object.titleField} is not)`);
    }
    let stageFields = 0;
    for (const [fieldKey, field] of fields) {
      const fieldAt = `${at}/fields/${fieldKey}`;
      if (isReservedFieldKey(fieldKey, field.type)) {
        ctx.add(fieldAt, `"${fieldKey}" is a system field; choose another key`);
      }
      if (field.type === 'stage') stageFields++;
      checkField(ctx, objectKey, fieldKey, field, fieldAt);
    }
    if (stageFields > 1) ctx.add(`${at}/fields`, 'an object can have only one stage field');
  }
}

function checkField(ctx: ValidationContext, objectKey: string, fieldKey: string, field: FieldDefinition, at: string): void {
  const spec = fieldTypeSpecs[field.type];
  if (!spec) return; // the schema already reported the unknown type
  const allowed = new Set([...commonFieldOptions, ...spec.options]);
  for (const option of Object.keys(field)) {
    if (!allowed.has(option)) ctx.add(`${at}/${option}`, `does not apply to ${/^[aeiou]/.test(field.type) ? 'an' : 'a'} ${field.type} field`);
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    ctx.add(`${at}/min`, `must not be greater than max (${field.min} > ${field.max})`);
  }
  const badPattern = field.pattern === undefined ? undefined : patternProblem(field.pattern);
  if (badPattern) ctx.add(`${at}/pattern`, badPattern);
  if (field.options) {
    const seen = new Set<string>();
    optionValues(field).forEach((value, i) => {
      if (seen.has(value)) ctx.add(`${at}/options/${i}`, `repeats the option "${value}"`);
      seen.add(value);
    });
  }
  if (field.type === 'lookup' && field.object && field.object !== 'user' && !Object.hasOwn(ctx.document.objects ?? {}, field.object)) {
    ctx.add(`${at}/object`, `refers to an object that does not exist (${field.object})`);
  }
  if (field.type === 'stage' && field.pipeline) {
    const pipeline = ctx.document.pipelines?.[field.pipeline];
    if (!pipeline) ctx.add(`${at}/pipeline`, `refers to a pipeline that does not exist (${field.pipeline})`);
    else if (pipeline.object !== objectKey || pipeline.field !== fieldKey) {
      ctx.add(`${at}/pipeline`, `pipeline ${field.pipeline} belongs to ${pipeline.object}.${pipeline.field}, not to this field`);
    }
  }
  if (field.notBefore !== undefined) {
    const other = ctx.document.objects?.[objectKey]?.fields?.[field.notBefore];
    if (field.notBefore === fieldKey) ctx.add(`${at}/notBefore`, 'must name another field, not this one');
    else if (!other) ctx.add(`${at}/notBefore`, `must be a field of ${objectKey} (${field.notBefore} is not)`);
    else if (other.type !== field.type) ctx.add(`${at}/notBefore`, `must be a ${field.type} field like this one (${field.notBefore} is a ${other.type} field)`);
  }
  if (field.type === 'autonumber' && field.required) ctx.add(`${at}/required`, 'an autonumber is always assigned; it cannot be required');
  if (field.type === 'lookup' && field.onDelete === 'clear' && field.required) {
    ctx.add(`${at}/onDelete`, 'a required lookup cannot be cleared when its target is deleted; use restrict');
  }
  if (field.type === 'stage' && field.default !== undefined && field.pipeline) {
    const stages = (ctx.document.pipelines?.[field.pipeline]?.stages ?? []).map((s) => s.key);
    const pipeline = ctx.document.pipelines?.[field.pipeline];
    const starts = pipeline ? startingStages(pipeline).map((s) => s.key) : [];
    if (!stages.includes(String(field.default))) ctx.add(`${at}/default`, `must be a stage of ${field.pipeline} (${stages.join(', ')})`);
    // A record starts where a create may put it: an open stage that converts nothing (won, lost and converting stages are entered by a transition).
    else if (!starts.includes(String(field.default))) ctx.add(`${at}/default`, `must be an open stage that creates no record, where a new record may start (${starts.join(', ')})`);
  }
  // A default cannot be checked against a pattern that was refused: that problem is the pattern's.
  if (field.default !== undefined && field.default !== null && !isMomentDefault(field) && !badPattern) {
    const ok = isValidValue(spec.valueSchema(field), field.default) && !spec.check?.(field, field.default);
    const moment = field.type === 'date' ? ` (a date such as 2026-01-31, or ${momentDefaults.date}: the day a record is created)`
      : field.type === 'datetime' ? ` (an ISO 8601 date-time, or ${momentDefaults.datetime}: the moment a record is created)` : '';
    if (!ok) ctx.add(`${at}/default`, `is not a valid value for this ${field.type} field${moment}`);
  }
}

/**
 * Checks a default against its field's value schema. Compiled validators are kept by schema
 * text: ajv holds on to every schema it ever compiles, so compiling afresh on each validation
 * (the studio validates as you type) would grow the process without bound.
 */
const defaultValidators = new Map<string, ValidateFunction>();
function isValidValue(schema: Record<string, unknown>, value: unknown): boolean {
  const key = JSON.stringify(schema);
  let validate = defaultValidators.get(key);
  if (!validate) {
    validate = defaultsAjv.compile(schema);
    defaultValidators.set(key, validate);
  }
  return validate(value) as boolean;
}

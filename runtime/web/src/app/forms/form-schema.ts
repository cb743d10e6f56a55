import { isMomentDefault, startingValue } from '../../../../../platform/metadata/field-defaults.ts';
import { startingStages } from '../../../../../platform/pipelines/stage-requirements.ts';
import type { LayoutDefinition, PipelineDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel, labelOf, type UiLocale } from '../../shared/labels.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';

/** A flat JSON Schema (one level of properties), as the generated record forms use. */
export interface FlatSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required: string[];
}

export interface PropertySchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  title?: string;
  description?: string;
  maxLength?: number;
  pattern?: string;
  /** What a value failing `pattern` should look like, said in the message (phone numbers, web addresses). */
  patternOf?: 'phone' | 'url';
  format?: 'email' | 'date' | 'date-time' | 'uuid';
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { type: 'string'; enum?: string[] };
  uniqueItems?: boolean;
  default?: unknown;
  readOnly?: boolean;
  /** A date or date-time that may not be earlier than this other field of the record (metadata `notBefore`). */
  notBefore?: string;
  /** That field's label, for a form that leaves it out. */
  notBeforeTitle?: string;
}

export interface FormSectionModel {
  title?: string;
  columns: number;
  fields: string[];
}

export interface FormModel {
  schema: FlatSchema;
  uiSchema: Record<string, unknown>;
  sections: FormSectionModel[];
  fields: string[];
  /** The fields the reader may fill in here (create) or change (edit): neither read-only to them nor hidden by the record's pool. */
  editable: string[];
}

export type FormMode = 'create' | 'edit';

/**
 * The rjsf form of an object: fields from the layout's sections (or every readable field),
 * limited to what the caller may create or read, read-only where they may not update. In
 * create mode, required fields the layout leaves out get a section of their own. `masked`: the
 * fields the record's pool hides from this reader while it is public (read-only, said so).
 */
export function buildFormModel(object: ObjectInfo, layout: LayoutDefinition | undefined, mode: FormMode, locale: UiLocale, masked: ReadonlySet<string> = new Set()): FormModel {
  const usable = (f: FieldInfo | undefined): f is FieldInfo => !!f && f.readable && (mode === 'edit' || (f.creatable && !f.system && f.type !== 'autonumber'));
  const declared = layout?.form?.sections ?? [{ fields: object.fields.filter((f) => !f.system).map((f) => f.key) }];
  const sections: FormSectionModel[] = declared.map((s) => ({
    ...(s.title !== undefined ? { title: labelOf(s.title, locale) } : {}),
    columns: Math.min(Math.max(s.columns ?? 1, 1), 4),
    fields: s.fields.filter((k) => usable(object.fieldMap.get(k))),
  }));
  if (mode === 'create') {
    const placed = new Set(sections.flatMap((s) => s.fields));
    const missing = object.fields.filter((f) => f.required && usable(f) && !placed.has(f.key)).map((f) => f.key);
    if (missing.length > 0) sections.push({ columns: 1, fields: missing });
  }
  const kept = sections.filter((s) => s.fields.length > 0);
  const fields = [...new Set(kept.flatMap((s) => s.fields))];
  const properties: Record<string, PropertySchema> = {};
  const uiSchema: Record<string, unknown> = { 'ui:order': fields, 'ui:options': { sections: kept } };
  const required: string[] = [];
  const editableFields: string[] = [];
  for (const key of fields) {
    const field = object.fieldMap.get(key)!;
    // A field the record's pool hides until it is claimed reads as such, and is not the reader's to fill in.
    const editable = (mode === 'create' ? field.creatable : field.updatable) && !masked.has(key);
    // Read-only in the schema too: the form's checks then say nothing the reader cannot act on (form-validator).
    properties[key] = { ...propertyOf(object, field, locale, mode), ...(editable ? {} : { readOnly: true }) };
    if (editable) editableFields.push(key);
    if (field.required && editable) required.push(key);
    uiSchema[key] = {
      'ui:widget': 'shoalField',
      'ui:options': { fieldKey: key, ...(masked.has(key) ? { masked: true } : {}) },
      ...(editable ? {} : { 'ui:readonly': true }),
    };
  }
  return { schema: { type: 'object', properties, required }, uiSchema, sections: kept, fields, editable: editableFields };
}

function propertyOf(object: ObjectInfo, field: FieldInfo, locale: UiLocale, mode: FormMode): PropertySchema {
  const def = field.definition;
  const title = keyLabel(field.label, locale, field.key);
  const description = def?.description !== undefined ? labelOf(def.description, locale) : undefined;
  const base = { title, ...(description ? { description } : {}), ...(mode === 'create' && def?.default !== undefined && !isMomentDefault(def) ? { default: def.default } : {}) };
  const bounds = { ...(def?.min !== undefined ? { minimum: def.min } : {}), ...(def?.max !== undefined ? { maximum: def.max } : {}) };
  const values = (field.options ?? []).map((o) => o.value);
  const order = def?.notBefore ? { notBefore: def.notBefore, notBeforeTitle: keyLabel(object.fieldMap.get(def.notBefore)?.label, locale, def.notBefore) } : {};
  switch (field.type) {
    case 'text': return { ...base, type: 'string', maxLength: def?.maxLength ?? 255, ...(def?.pattern ? { pattern: def.pattern } : {}) };
    case 'textarea': return { ...base, type: 'string', maxLength: def?.maxLength ?? 10000 };
    case 'email': return { ...base, type: 'string', format: 'email', maxLength: 254 };
    case 'phone': return { ...base, type: 'string', pattern: '^\\+?[0-9][0-9 ()-]{2,30}$', patternOf: 'phone', maxLength: 32 };
    case 'url': return { ...base, type: 'string', pattern: '^https?://', patternOf: 'url', maxLength: 2048 };
    case 'integer': return { ...base, type: 'integer', ...bounds };
    case 'decimal': case 'currency': return { ...base, type: 'number', ...bounds };
    case 'percent': return { ...base, type: 'number', minimum: 0, maximum: 100 };
    case 'boolean': return { ...base, type: 'boolean' };
    case 'date': return { ...base, type: 'string', format: 'date', ...order };
    case 'datetime': return { ...base, type: 'string', format: 'date-time', ...order };
    case 'select': case 'stage': return { ...base, type: 'string', ...(values.length ? { enum: values } : {}) };
    case 'multiselect': return { ...base, type: 'array', items: { type: 'string', ...(values.length ? { enum: values } : {}) }, uniqueItems: true };
    case 'lookup': return { ...base, type: 'string', format: 'uuid' };
    default: return { ...base, type: 'string', readOnly: true };
  }
}

/**
 * What a create form starts with for fields whose default is a moment (`today`, `now`): the
 * tenant's date, or this minute (pickers work in minutes), when the form opens. The server fills
 * the same for a field the form leaves out; shown here, the user sees and may change it.
 */
export function momentStartingValues(object: ObjectInfo, model: FormModel, now: Date, timeZone: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  for (const key of model.editable) {
    const def = object.fieldMap.get(key)?.definition;
    if (def && isMomentDefault(def)) values[key] = startingValue(def, minute, timeZone);
  }
  return values;
}

/**
 * The object as a create form offers it: its stage field's choices are the stages a new record
 * may start in (open, converting nothing), as the server takes them; won and lost are reached by
 * a stage move.
 */
export function withStartingStages(object: ObjectInfo, pipeline: Pick<PipelineDefinition, 'stages'> | undefined): ObjectInfo {
  const stageField = object.stageField ? object.fieldMap.get(object.stageField) : undefined;
  if (!pipeline || !stageField?.options) return object;
  const starts = new Set(startingStages(pipeline).map((s) => s.key));
  const field = { ...stageField, options: stageField.options.filter((o) => starts.has(o.value)) };
  const fields = object.fields.map((f) => (f.key === field.key ? field : f));
  return { ...object, fields, fieldMap: new Map(fields.map((f) => [f.key, f])) };
}

/** Record → form data: lookups as ids, empty values left out. */
export function toFormData(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of fields) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    data[key] = typeof value === 'object' && !Array.isArray(value) && 'id' in value ? (value as { id: unknown }).id : value;
  }
  return data;
}

/** The PATCH body: only updatable fields whose value changed; cleared ones as null. */
export function changedValues(original: Record<string, unknown>, edited: Record<string, unknown>, updatable: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of updatable) {
    const before = original[key] ?? null;
    const after = edited[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(after)) patch[key] = after;
  }
  return patch;
}

/** The POST body: values that were filled in. */
export function createValues(edited: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((k) => edited[k] !== undefined && edited[k] !== null && edited[k] !== '').map((k) => [k, edited[k]]));
}

import type { Experimental_DefaultFormStateBehavior } from '@rjsf/utils';
import { fieldTypeSpecs } from '../../../platform/metadata/field-types.ts';
import { startingValue } from '../../../platform/metadata/field-defaults.ts';
import { defaultTimeZone, labelText, type FieldDefinition, type Label, type MetadataDocument, type SelectOption } from '../../../platform/metadata/metadata-types.ts';

/**
 * How the preview fills an empty form: with a field's own `default` and nothing else. rjsf would
 * otherwise take a select's first option (the first `const` of its `oneOf`) as its value, so an
 * owner would read "new records start as the first option" where the app's form stays empty.
 */
export const previewDefaults: Experimental_DefaultFormStateBehavior = { constAsDefaults: 'never' };

export interface PreviewForm {
  title: string;
  columns: number;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

const userLabel: Label = { en: 'User', zh: '用户' };

function choices(document: MetadataDocument, field: FieldDefinition, locale: string): Array<{ const: string; title: string }> | undefined {
  if (field.type === 'stage') {
    return (document.pipelines?.[field.pipeline ?? '']?.stages ?? []).map((s) => ({ const: s.key, title: labelText(s.label, locale, s.key) }));
  }
  return field.options?.map((o: string | SelectOption) => (typeof o === 'string' ? { const: o, title: o } : { const: o.value, title: labelText(o.label, locale, o.value) }));
}

/** The JSON Schema (and rjsf uiSchema) of one field, as the generated screens' forms use it. */
export function fieldSchema(document: MetadataDocument, key: string, field: FieldDefinition, locale: string): { schema: Record<string, unknown>; ui: Record<string, unknown> } {
  const title = labelText(field.label, locale, key);
  const description = field.description ? labelText(field.description, locale) : undefined;
  const base = { title, ...(description ? { description } : {}) };
  const options = choices(document, field, locale);
  const ui: Record<string, unknown> = {};
  let schema: Record<string, unknown>;
  if (field.type === 'select' || field.type === 'stage') schema = { type: 'string', oneOf: options ?? [] };
  else if (field.type === 'multiselect') {
    schema = { type: 'array', uniqueItems: true, items: { type: 'string', oneOf: options ?? [] } };
    ui['ui:widget'] = 'checkboxes';
  } else {
    const value = { ...fieldTypeSpecs[field.type].valueSchema(field) };
    delete value.format; // previews accept anything typed; the server checks formats on save
    schema = value;
  }
  if (field.type === 'textarea') ui['ui:widget'] = 'textarea';
  if (field.type === 'date') ui['ui:widget'] = 'date';
  if (field.type === 'lookup') {
    // A person is no object of the document: named as the field dialog names it (用户), not `user`.
    const target = field.object === 'user' ? userLabel : document.objects[field.object ?? '']?.label;
    ui['ui:placeholder'] = `→ ${labelText(target, locale, field.object ?? '')}`;
  }
  if (field.type === 'autonumber') {
    ui['ui:readonly'] = true;
    ui['ui:placeholder'] = field.format ?? '';
  }
  if (field.readOnly) ui['ui:readonly'] = true;
  // `today` and `now` preview as they would start a record created now.
  if (field.default !== undefined) schema.default = startingValue(field, new Date(), document.timeZone ?? defaultTimeZone);
  return { schema: { ...schema, ...base }, ui };
}

/** One preview form per layout section (or one with every field when there is no layout). */
export function previewForms(document: MetadataDocument, object: string, locale: string): PreviewForm[] {
  const definition = document.objects[object];
  if (!definition) return [];
  const sections = document.layouts?.[object]?.form?.sections ?? [{ fields: Object.keys(definition.fields), columns: 1 }];
  return sections.map((section, i) => {
    const properties: Record<string, unknown> = {};
    const uiSchema: Record<string, unknown> = { 'ui:order': section.fields };
    const required: string[] = [];
    for (const key of section.fields) {
      const field = definition.fields[key];
      if (!field) continue;
      const { schema, ui } = fieldSchema(document, key, field, locale);
      properties[key] = schema;
      if (Object.keys(ui).length > 0) uiSchema[key] = ui;
      if (field.required) required.push(key);
    }
    uiSchema['ui:order'] = section.fields.filter((f) => properties[f]);
    const title = section.title ? labelText(section.title as Label, locale) : `#${i + 1}`;
    return { title, columns: section.columns ?? 1, schema: { type: 'object', properties, required }, uiSchema };
  });
}

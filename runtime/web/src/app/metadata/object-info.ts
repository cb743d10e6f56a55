import type { FieldDefinition, MetadataDocument, PipelineDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import type { FieldDescription, ObjectDescription } from '../../../../../platform/records/describe-objects.ts';
import { keyInWords, keyLabel, type UiLocale } from '../../shared/labels.ts';

export type { FieldDescription, ObjectDescription };

/** A field as the screens need it: what `/objects` says the caller may do, plus its definition's limits. */
export interface FieldInfo extends FieldDescription {
  definition?: FieldDefinition;
}

export interface ObjectInfo extends Omit<ObjectDescription, 'fields'> {
  fields: FieldInfo[];
  fieldMap: Map<string, FieldInfo>;
}

/** Joins `/objects` (permissions) with the live document (limits, formats, currencies). */
export function buildObjectInfos(described: ObjectDescription[], document: MetadataDocument): ObjectInfo[] {
  return described.map((object) => {
    const definitions = document.objects?.[object.key]?.fields ?? {};
    const fields = object.fields.map((f): FieldInfo => {
      // A stage's options are the pipeline's keys: one without a label reads in words ("Proposal
      // sent") in cells, forms and filters, as on the stage bar. A select's options are data.
      const field = f.type === 'stage' && f.options ? { ...f, options: f.options.map((o) => ({ ...o, label: o.label ?? keyInWords(o.value) })) } : f;
      return definitions[f.key] ? { ...field, definition: definitions[f.key] } : field;
    });
    return { ...object, fields, fieldMap: new Map(fields.map((f) => [f.key, f])) };
  });
}

export function objectLabel(object: ObjectInfo | undefined, locale: UiLocale, plural = false): string {
  if (!object) return '';
  return keyLabel(plural ? object.pluralLabel ?? object.label : object.label, locale, object.key);
}

export function fieldLabel(field: FieldInfo | undefined, locale: UiLocale, fallback = ''): string {
  return field ? keyLabel(field.label, locale, field.key) : fallback;
}

/** The pipeline of an object with a stage field, if any. */
export function pipelineOf(object: ObjectInfo, document: MetadataDocument): PipelineDefinition | undefined {
  return object.pipeline ? document.pipelines?.[object.pipeline] : undefined;
}

/** Custom fields the caller may read, in document order. */
export function readableCustomFields(object: ObjectInfo): FieldInfo[] {
  return object.fields.filter((f) => !f.system && f.readable);
}

/** Columns when a layout names none: the title, then the first few readable fields, then the owner. */
export function defaultColumns(object: ObjectInfo): string[] {
  const custom = readableCustomFields(object).filter((f) => f.type !== 'textarea');
  const title = object.titleField && object.fieldMap.get(object.titleField)?.readable ? [object.titleField] : [];
  const rest = custom.map((f) => f.key).filter((k) => !title.includes(k)).slice(0, 4);
  return [...title, ...rest, 'owner'];
}

/** Columns that exist and are readable, in the order asked for. */
export function visibleColumns(object: ObjectInfo, wanted: string[] | undefined): string[] {
  const keys = wanted && wanted.length > 0 ? wanted : defaultColumns(object);
  return keys.filter((k) => object.fieldMap.get(k)?.readable);
}

/** Whether a component (pools, workOrders, reports …) is switched on; no list means all are. */
export function componentEnabled(document: MetadataDocument, component: string): boolean {
  const enabled = document.components?.enabled;
  return !enabled || enabled.includes(component);
}

import { buildObjectModels, type ModelField } from '../../../platform/metadata/object-model.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { formatValue } from '../../../runtime/web/src/app/metadata/format-value.ts';
import type { FieldInfo, ObjectInfo } from '../../../runtime/web/src/app/metadata/object-info.ts';
import type { UiLocale } from '../i18n/i18n.tsx';

function fieldInfo(field: ModelField): FieldInfo {
  return {
    key: field.key, label: field.label, type: field.type, kind: field.kind, system: field.system,
    required: Boolean(field.definition?.required), readOnly: Boolean(field.definition?.readOnly),
    ...(field.choices ? { options: field.choices } : {}), ...(field.target ? { target: field.target } : {}),
    readable: true, creatable: true, updatable: true,
    ...(field.definition ? { definition: field.definition } : {}),
  };
}

/**
 * A list cell of `object` as the app writes it (the app's own formatter): money with its
 * currency, date-times in the tenant's zone, stages and options by their labels, a lookup by
 * its record's title (expanded, or a made-up `{ id, $title }`), a person by name (`{ id, name }`).
 *
 * @example
 * previewCell(document, 'en')('vehicle', 'listPrice', 59900) // '€59,900.00'
 */
export function previewCell(document: MetadataDocument, locale: UiLocale): (object: string, key: string, value: unknown) => string {
  const objects = new Map<string, ObjectInfo>();
  for (const model of buildObjectModels(document).values()) {
    const fields = [...model.fields.values()].map(fieldInfo);
    objects.set(model.key, {
      key: model.key, label: model.definition.label ?? model.key, pluralLabel: model.definition.pluralLabel ?? model.definition.label ?? model.key,
      titleField: model.definition.titleField ?? null, actions: [], pipeline: model.pipelineKey ?? null, stageField: model.stageField?.key ?? null,
      pools: model.poolKeys, fields, fieldMap: new Map(fields.map((f) => [f.key, f])),
    });
  }
  const context = { locale, objects, ...(document.timeZone ? { timeZone: document.timeZone } : {}) };
  return (object, key, value) => formatValue(objects.get(object)?.fieldMap.get(key), value, context);
}

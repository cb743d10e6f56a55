import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { keyLabel, type Label, type UiLocale } from '../../../runtime/web/src/shared/labels.ts';
import { objectFilterFields } from './filter-field-info.ts';

/** Per document (edits make a new one), the fields of each object as the filter builder names them. */
const fieldsByDocument = new WeakMap<MetadataDocument, Map<string, Map<string, FilterFieldInfo>>>();

function fieldsOf(document: MetadataDocument, object: string): Map<string, FilterFieldInfo> {
  let byObject = fieldsByDocument.get(document);
  if (!byObject) {
    byObject = new Map();
    fieldsByDocument.set(document, byObject);
  }
  let fields = byObject.get(object);
  if (!fields) {
    fields = new Map(objectFilterFields(document, object).map((f) => [f.key, f]));
    byObject.set(object, fields);
  }
  return fields;
}

/**
 * What the studio calls a field of `object` wherever it lists one: the same name the filter
 * builder and the app use, for custom fields, system fields (`owner` → "Owner" / "负责人") and
 * paths through a lookup (`restaurant.monthlyOrders` → "Restaurant › Orders / month"). A path
 * the document does not know is shown as it is.
 *
 * @example fieldName(document, 'lead', 'updatedAt', 'zh') // "更新时间"
 */
export function fieldName(document: MetadataDocument, object: string | undefined, path: string, locale: UiLocale): string {
  const field = object ? fieldsOf(document, object).get(path) : undefined;
  return field ? keyLabel(field.label, locale, path) : path;
}

/** A field as a select option reads: "Owner (owner)", the key kept for those who read the code view. */
export function fieldChoiceLabel(label: Label | undefined, path: string, locale: UiLocale): string {
  return `${keyLabel(label, locale, path)} (${path})`;
}

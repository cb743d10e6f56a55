import type { FieldDefinition, MetadataDocument, SelectOption } from '../../../platform/metadata/metadata-types.ts';
import { startingStages } from '../../../platform/pipelines/stage-requirements.ts';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { keyLabel, labelOf, type Label, type UiLocale } from '../../../runtime/web/src/shared/labels.ts';
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

/**
 * What a field's default may be, named as the app names the values: a select's options by their
 * labels (an option typed in Chinese is stored under its pinyin, 日常保洁 → `riChangBaoJie`) and
 * a stage field's starting stages by theirs (a new record starts in an open stage that converts
 * nothing: won, lost and converting stages are entered by a move), the stored value beside a label
 * that differs from it.
 *
 * @example defaultChoices(document, document.objects.lead.fields.stage, 'zh') // [{ value: 'new', label: '待跟进 (new)' }, …]
 */
export function defaultChoices(document: MetadataDocument, field: FieldDefinition, locale: UiLocale): Array<{ value: string; label: string }> {
  const named = (value: string, text: string) => ({ value, label: text === value ? value : `${text} (${value})` });
  if (field.type === 'stage') {
    const pipeline = document.pipelines?.[field.pipeline ?? ''];
    return (pipeline ? startingStages(pipeline) : []).map((s) => named(s.key, keyLabel(s.label, locale, s.key)));
  }
  return (field.options ?? []).map((o: string | SelectOption) => (typeof o === 'string' ? named(o, o) : named(o.value, labelOf(o.label, locale, o.value))));
}

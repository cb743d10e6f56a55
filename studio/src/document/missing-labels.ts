import type { Label, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { uiLocaleOf, type UiLocale } from '../../../runtime/web/src/shared/labels.ts';
import { ptr, valueAt } from './json-pointer.ts';

/** A named item of the document (object, field, stage, pipeline, pool, view, rule): where it is, where its label is, the label. */
interface Named {
  item: string;
  pointer: string;
  label: Label | undefined;
}

const named = (item: string, property: 'label' | 'title', label: Label | undefined): Named => ({ item, pointer: `${item}/${property}`, label });

function namedItems(document: MetadataDocument): Named[] {
  const items: Named[] = [];
  for (const [key, object] of Object.entries(document.objects ?? {})) {
    items.push(named(ptr('objects', key), 'label', object.label));
    for (const [field, definition] of Object.entries(object.fields ?? {})) items.push(named(ptr('objects', key, 'fields', field), 'label', definition.label));
  }
  for (const [key, pipeline] of Object.entries(document.pipelines ?? {})) {
    items.push(named(ptr('pipelines', key), 'label', pipeline.label));
    pipeline.stages.forEach((stage, i) => items.push(named(ptr('pipelines', key, 'stages', i), 'label', stage.label)));
  }
  for (const [key, pool] of Object.entries(document.pools ?? {})) items.push(named(ptr('pools', key), 'label', pool.label));
  for (const [key, view] of Object.entries(document.views ?? {})) items.push(named(ptr('views', key), 'label', view.label));
  for (const [key, rule] of Object.entries(document.assignmentRules ?? {})) items.push(named(ptr('assignmentRules', key), 'title', rule.title));
  return items;
}

function hasLanguage(label: Label | undefined, language: UiLocale): boolean {
  if (label === undefined) return false;
  // A plain string label is one text for every language: the owner chose it.
  return typeof label === 'string' ? label.trim() !== '' : Boolean(label[language]?.trim());
}

/**
 * Labels the app will not find in the tenant's language (`locale`, zh-CN by default) among the
 * items this draft adds or whose label it changes: the app would show the other language, or
 * a name made from the key. Pointers of the labels, in document order.
 *
 * @example missingLabels(draft, live) // ['/pools/supplierPool/label']
 */
export function missingLabels(draft: MetadataDocument, live: MetadataDocument | undefined): { language: UiLocale; pointers: string[] } {
  const language = uiLocaleOf(draft.locale);
  const added = (n: Named) => !live || valueAt(live, n.item) === undefined;
  const relabelled = (n: Named) => JSON.stringify(valueAt(live, n.pointer)) !== JSON.stringify(n.label);
  const pointers = namedItems(draft)
    .filter((n) => !hasLanguage(n.label, language) && (added(n) || relabelled(n)))
    .map((n) => n.pointer);
  return { language, pointers };
}

import { commonFieldOptions, fieldTypeSpecs } from '../../../platform/metadata/field-types.ts';
import type { FieldDefinition, FieldType, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { freeKey, mutate, type Edit } from './draft-state.ts';
import { rewriteOptionReferences } from './field-references.ts';
import { hasChinese, keyForLabels } from './label-key.ts';
import { liveOptionValues, renamedFrom, trackOptionRename } from './migrations.ts';
import { ensurePipeline } from './pipeline-ops.ts';

/** ISO 4217 codes the studio offers for money fields. */
export const currencyCodes = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD'];

/**
 * The currency the tenant's money fields already use (the most common one), for a new money
 * field; undefined when there is none yet: the owner picks it (the app shows ¥ for a field without one).
 */
export function documentCurrency(document: MetadataDocument): string | undefined {
  const counts = new Map<string, number>();
  for (const object of Object.values(document.objects)) {
    for (const field of Object.values(object.fields)) {
      if (field.type === 'currency' && field.currency) counts.set(field.currency, (counts.get(field.currency) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** What a field of `type` needs to be valid, filled from the document where possible. */
function requiredOptions(document: MetadataDocument, object: string, type: FieldType): Partial<FieldDefinition> {
  if (type === 'currency') {
    const currency = documentCurrency(document);
    return currency ? { currency } : {};
  }
  // Unlabelled, as an option the owner adds is: the label they then type (in either language)
  // is the option's only one, and its key follows it (key-follows-label.ts).
  if (type === 'select' || type === 'multiselect') return { options: [{ value: 'option1' }] };
  if (type === 'lookup') return { object: Object.keys(document.objects).find((o) => o !== object) ?? 'user' };
  if (type === 'autonumber') return { format: `${object.slice(0, 2).toUpperCase()}-{00000}` };
  return {};
}

/** The object's stage field other than `key`, if it has one: an object has at most one (its pipeline's). */
export function otherStageField(document: MetadataDocument, object: string, key?: string): string | undefined {
  return Object.entries(document.objects[object]?.fields ?? {}).find(([k, f]) => k !== key && f.type === 'stage')?.[0];
}

/** The pipeline that runs on field `key` of `object` (a stage field's), if one does. */
export function pipelineOfField(document: MetadataDocument, object: string, key: string): string | undefined {
  return Object.entries(document.pipelines ?? {}).find(([, p]) => p.object === object && p.field === key)?.[0];
}

/**
 * Changes a field's type, keeping the common options and those the new type accepts, and
 * filling what the new type requires. A stage field gets its pipeline (created if missing).
 * A live field the draft renames keeps its type (see `changedLiveType`); a field does not
 * become a second stage field of its object, nor stops being the stage field its pipeline runs on.
 */
export function setFieldType(object: string, key: string, type: FieldType): Edit {
  return (state, context) => {
    if (renamedFrom(state.migrations, object, key) || (type === 'stage' && otherStageField(state.document, object, key))) return state;
    if (type !== 'stage' && pipelineOfField(state.document, object, key)) return state;
    return retype(object, key, type)(state, context);
  };
}

function retype(object: string, key: string, type: FieldType): Edit {
  return mutate((d) => {
    const field = d.objects[object]?.fields[key];
    if (!field || field.type === type) return;
    const allowed = new Set([...commonFieldOptions, ...fieldTypeSpecs[type].options]);
    const kept = Object.fromEntries(Object.entries(field).filter(([prop]) => allowed.has(prop) && prop !== 'default'));
    const next: FieldDefinition = { ...requiredOptions(d, object, type), ...kept, type } as FieldDefinition;
    if (type === 'autonumber') delete next.required;
    if (type === 'select' || type === 'multiselect') next.options = field.options ?? next.options;
    d.objects[object]!.fields[key] = next;
    // notBefore pairs fields of one type: a pair the change breaks is let go (kept, it would refuse the draft).
    for (const field of Object.values(d.objects[object]!.fields)) {
      if (field.notBefore !== undefined && d.objects[object]!.fields[field.notBefore]?.type !== field.type) delete field.notBefore;
    }
    if (type === 'stage') {
      ensurePipeline(d, pipelineOfField(d, object, key) ?? freeKey(`${object}Funnel`, Object.keys(d.pipelines ?? {})), object, key);
    }
  });
}

/**
 * Options from values typed in the add-field dialog, each labelled with itself in the language
 * the owner typed in (the studio's): 上海 typed in the Chinese studio is a Chinese label, not an
 * English one. Its value is the key its label makes, as an option added in the options editor
 * gets (少儿英语 → shaoErYingYu, Walk-in → walkIn; unique among them): the value is what the API,
 * filters and imports carry for good, and 少儿英语 or Walk-in there was no key.
 */
export async function optionsFromValues(values: string[], locale: 'en' | 'zh'): Promise<NonNullable<FieldDefinition['options']>> {
  const taken: string[] = [];
  const options: NonNullable<FieldDefinition['options']> = [];
  for (const typed of values) {
    const made = await keyForLabels(hasChinese(typed) ? { zh: typed } : { en: typed }, taken);
    const value = made || typed;
    taken.push(value);
    options.push({ value, label: locale === 'zh' ? { zh: typed } : { en: typed } });
  }
  return options;
}

/** Replaces the option list of a select/multiselect field. */
export function setOptions(object: string, key: string, options: NonNullable<FieldDefinition['options']>): Edit {
  return mutate((d) => {
    const field = d.objects[object]?.fields[key];
    if (field) field.options = options;
  });
}

/**
 * Renames an option value, in the field's default and the filters that test it too; records
 * holding it move with a `renameOption` migration at publish.
 */
export function renameOption(object: string, key: string, index: number, to: string): Edit {
  return (state, context) => {
    const option = state.document.objects[object]?.fields[key]?.options?.[index];
    if (option === undefined) return state;
    const from = typeof option === 'string' ? option : option.value;
    const next = mutate((d) => {
      const options = d.objects[object]!.fields[key]!.options!;
      const current = options[index]!;
      options[index] = typeof current === 'string' ? to : { ...current, value: to };
      rewriteOptionReferences(d, object, key, from, to);
    })(state, context);
    if (from === to) return next;
    const live = liveOptionValues(context.live, object, key, state.migrations);
    return { ...next, migrations: trackOptionRename(next.migrations, live, object, key, from, to) };
  };
}

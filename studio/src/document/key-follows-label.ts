import type { Label, MetadataDocument, SelectOption } from '../../../platform/metadata/metadata-types.ts';
import { freeKey, type DraftState, type Edit, type EditContext } from './draft-state.ts';
import { renameOption } from './field-type-ops.ts';
import { liveOptionValues } from './migrations.ts';
import { defaultStages, renameStage } from './pipeline-ops.ts';

/**
 * An item the studio adds under a placeholder key (`stage3`, `option2`) and the owner then names
 * by its label: a stage of a pipeline, or an option of a select field.
 */
export type LabelledItem =
  | { kind: 'stage'; pipeline: string; index: number }
  | { kind: 'option'; object: string; field: string; index: number };

/** The key an item gets while it has no label (and starts with): `stage`, `stage2` …; `option1` too (a new select field's first option). */
export const placeholderKeys = { stage: 'stage', option: 'option' } as const;

interface Found {
  key: string;
  label: Label | undefined;
  siblings: string[];
  /** The select or stage field whose values the keys are. */
  object: string;
  field: string;
}

const optionValue = (option: string | SelectOption) => (typeof option === 'string' ? option : option.value);

function find(document: MetadataDocument, item: LabelledItem): Found | undefined {
  if (item.kind === 'stage') {
    const pipeline = document.pipelines?.[item.pipeline];
    const stage = pipeline?.stages[item.index];
    if (!pipeline || !stage) return undefined;
    const siblings = pipeline.stages.filter((_, i) => i !== item.index).map((s) => s.key);
    return { key: stage.key, label: stage.label, siblings, object: pipeline.object, field: pipeline.field };
  }
  const options = document.objects[item.object]?.fields[item.field]?.options;
  const option = options?.[item.index];
  if (!options || option === undefined) return undefined;
  const siblings = options.filter((_, i) => i !== item.index).map(optionValue);
  return { key: optionValue(option), label: typeof option === 'string' ? undefined : option.label, siblings, object: item.object, field: item.field };
}

/**
 * The names the studio gives what it adds for the owner to rename (a new pipeline's New / 待跟进,
 * Contacted / 已联系 …), and New / 新建, the first stage's name in drafts made before 86e6d86.
 */
const studioLabels = [...defaultStages().map((s) => s.label), { en: 'New', zh: '新建' }]
  .filter((l): l is { en: string; zh: string } => typeof l === 'object' && Boolean(l.en && l.zh));

/**
 * The label an item takes when the owner types `typed` over `before`. Over a name the studio gave
 * in both languages, the one language the owner retypes is the whole label: the other still says
 * the studio's word (已预约 typed over 新建 would stay 'New' in English, and so keep the key
 * `new`, which an English label makes first). Any other label is as typed.
 */
export function ownerLabel(before: Label | undefined, typed: Label | undefined): Label | undefined {
  if (typeof before !== 'object' || typeof typed !== 'object' || !studioLabels.some((l) => l.en === before.en && l.zh === before.zh)) return typed;
  const retyped = (['en', 'zh'] as const).filter((language) => typed[language] !== before[language]);
  if (retyped.length !== 1) return typed;
  const language = retyped[0]!;
  return typed[language] ? { [language]: typed[language] } : typed;
}

/** The label of `item` in `document` (undefined when it has none, or the item is gone). */
export function labelledItemLabel(document: MetadataDocument, item: LabelledItem): Label | undefined {
  return find(document, item)?.label;
}

/** Whether `key` is one `freeKey` makes of `base`: `base`, `base2`, `base3` … (shortened to fit). */
function madeFrom(key: string, base: string): boolean {
  if (!base) return false;
  if (key === base) return true;
  const number = /[0-9]+$/.exec(key)?.[0];
  return number !== undefined && Number(number) >= 2 && key === `${base.slice(0, 40 - number.length)}${number}`;
}

/** Whether the key is in the live document, or is the draft's new name of a live one (a pending migration renames into it). */
function published(state: DraftState, context: EditContext, item: LabelledItem, found: Found): boolean {
  const live = context.live;
  const liveStages = item.kind === 'stage' ? (live?.pipelines?.[item.pipeline]?.stages ?? []).map((s) => s.key) : [];
  if ([...liveStages, ...liveOptionValues(live, found.object, found.field, state.migrations)].includes(found.key)) return true;
  return state.migrations.some((m) => m.op === 'renameOption' && m.object === found.object && m.field === found.field && m.to === found.key);
}

/**
 * Whether the key of `item` follows its label: it is only in the draft (once published, a key
 * changes only when the owner renames it, with its migration), and the owner has not typed it:
 * it is still the placeholder it was added with, or the key its label made (`labelKey`, the
 * key `keyForLabels` gives the item's current label before making it unique).
 */
export function keyFollowsLabel(state: DraftState, context: EditContext, item: LabelledItem, labelKey: string): boolean {
  const found = find(state.document, item);
  if (!found || published(state, context, item, found)) return false;
  return new RegExp(`^${placeholderKeys[item.kind]}[0-9]*$`).test(found.key) || madeFrom(found.key, labelKey);
}

/**
 * After the owner changed the label of `item` to `label`: a key that follows the label (see
 * `keyFollowsLabel`, judged by `keyBefore`, the key the label before the change made) becomes
 * `keyAfter`, the key the new label makes, unique among its siblings, or a placeholder again when
 * the new label makes none. The rename is the studio's usual one, so the field default,
 * transitions and filters naming the key follow it. Nothing happens when the item's label is no
 * longer `label`: a later keystroke has changed it, and its own edit follows it.
 */
export function followLabel(item: LabelledItem, label: Label | undefined, keyBefore: string, keyAfter: string): Edit {
  return (state, context) => {
    const found = find(state.document, item);
    if (!found || JSON.stringify(found.label) !== JSON.stringify(label)) return state;
    if (!keyFollowsLabel(state, context, item, keyBefore)) return state;
    const next = freeKey(keyAfter || placeholderKeys[item.kind], found.siblings);
    if (next === found.key) return state;
    const rename = item.kind === 'stage' ? renameStage(item.pipeline, found.key, next) : renameOption(item.object, item.field, item.index, next);
    return rename(state, context);
  };
}

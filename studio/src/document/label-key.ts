import type { Label } from '../../../platform/metadata/metadata-types.ts';
import { freeKey, keyFromLabel } from './draft-state.ts';

/** Toneless pinyin of a run of Chinese characters, one syllable per character: 银行行长 → ['yin', 'hang', 'hang', 'zhang']. */
export type ToPinyin = (han: string) => string[];

/** The labels an add dialog asks for. */
export interface LabelInputs {
  en?: string | undefined;
  zh?: string | undefined;
}

const han = /\p{Script=Han}/u;
const words = /\p{Script=Han}+|[A-Za-z0-9]+/gu;

/** Whether `text` holds Chinese characters (and so needs pinyin for a key). */
export function hasChinese(text: string): boolean {
  return han.test(text);
}

/**
 * A key made from a Chinese label: each syllable capitalised, as an English word is in
 * `keyFromLabel`, so an integrator reads the characters back one by one (联系人电话 →
 * `lianXiRenDianHua`, 西安 → `xiAn`, never the ambiguous `xian`). Latin letters and digits
 * stay where they are (客户ID → `keHuId`); punctuation separates; digits before the first
 * letter are left out, as a key starts with a letter. Whole syllables are kept up to
 * `maxLength`. Empty when nothing is left.
 */
export function keyFromChinese(text: string, toPinyin: ToPinyin, maxLength = 40): string {
  const parts = (text.normalize('NFKD').replace(/\p{M}/gu, '').match(words) ?? [])
    .flatMap((run) => (hasChinese(run) ? toPinyin(run) : [run]))
    .filter((part) => /^[A-Za-z0-9]+$/.test(part));
  const first = parts.findIndex((part) => /^[A-Za-z]/.test(part));
  if (first < 0) return '';
  let key = '';
  for (const [i, part] of parts.slice(first).entries()) {
    const word = i === 0 ? part.toLowerCase() : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    if (key && key.length + word.length > maxLength) break;
    key = (key + word).slice(0, maxLength);
  }
  return key;
}

let loading: Promise<ToPinyin> | undefined;
/** pinyin-pro once loaded: later keys come at once, so a key shown beside a label never lags a keystroke. */
let loaded: ToPinyin | undefined;

/**
 * Loads pinyin-pro on first need: its dictionary is a large download that only owners who name
 * things in Chinese use, so it stays out of the studio's first paint. Heteronyms take the
 * library's most common reading in context (银行 yin hang, 行长 hang zhang).
 */
export function loadPinyin(): Promise<ToPinyin> {
  loading ??= import('pinyin-pro').then(({ pinyin }) => {
    loaded = (run: string) => pinyin(run, { toneType: 'none', type: 'array', v: true });
    return loaded;
  });
  // A failed download (offline) may succeed on the next keystroke.
  loading.catch(() => { loading = undefined; });
  return loading;
}

/**
 * The key a new item suggests from its labels, not yet in `taken`: from the English label as
 * `keyFromLabel` makes it; without a usable English one, from the Chinese label's pinyin
 * (which loads pinyin-pro on first need, hence the promise). Empty when neither label gives a key.
 */
export function keyForLabels({ en, zh }: LabelInputs, taken: Iterable<string>, maxLength = 40): string | Promise<string> {
  const english = keyFromLabel(en ?? '');
  if (english || !zh || !hasChinese(zh)) {
    const key = english || keyFromLabel(zh ?? '');
    return key ? freeKey(key, taken, maxLength) : '';
  }
  const fromPinyin = (toPinyin: ToPinyin) => {
    const key = keyFromChinese(zh, toPinyin, maxLength);
    return key ? freeKey(key, taken, maxLength) : '';
  };
  return loaded ? fromPinyin(loaded) : loadPinyin().then(fromPinyin);
}

/** The labels of a metadata label: a plain string may be either language, so it is offered as both. */
export function labelInputs(label: Label | undefined): LabelInputs {
  if (label === undefined) return {};
  return typeof label === 'string' ? { en: label, zh: label } : { en: label.en, zh: label.zh };
}

/**
 * A key the owner typed where a dialog asks for nothing else (a role's): Chinese becomes its
 * pinyin key, not yet in `taken` (顾问 → guWen), as a Chinese name does in the other dialogs;
 * anything else stays as typed, for the key's own checks.
 */
export async function keyFromTyped(typed: string, taken: Iterable<string>): Promise<string> {
  if (!hasChinese(typed)) return typed;
  return (await keyForLabels({ zh: typed }, taken)) || typed;
}

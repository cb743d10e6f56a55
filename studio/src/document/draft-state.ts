import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { DataMigration } from './migrations.ts';

export { moveItem } from '../../../runtime/web/src/shared/move-item.ts';

/** What the studio edits: the draft document plus the data migrations its renames need. */
export interface DraftState {
  document: MetadataDocument;
  migrations: DataMigration[];
}

/** What an edit may consult: the live document (to know which fields already hold data). */
export interface EditContext {
  live: MetadataDocument | undefined;
}

/** A document editing operation: pure, returns the next state. */
export type Edit = (state: DraftState, context: EditContext) => DraftState;

/**
 * Whether the draft is the live document as it is (no change, no data migration): then there is
 * nothing to discard. Key order counts, as it orders objects and fields.
 */
export function sameAsLive(state: DraftState, live: MetadataDocument | undefined): boolean {
  return !!live && state.migrations.length === 0 && JSON.stringify(state.document) === JSON.stringify(live);
}

/** An edit that only changes the document, written as a mutation of a copy. */
export function mutate(change: (document: MetadataDocument) => void): Edit {
  return (state) => {
    const document = structuredClone(state.document);
    change(document);
    return { ...state, document };
  };
}

/** Sets `value` at `key` of `target`, deleting the key for undefined, empty strings and empty arrays. */
export function setOrDelete<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  const record = target as Record<string, unknown>;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete record[key];
  else record[key] = value;
}

/** Moves the entry at `from` to `to` in a key-ordered record, keeping every other entry's order. */
export function moveKey<T>(record: Record<string, T>, from: number, to: number): Record<string, T> {
  const entries = Object.entries(record);
  const [moved] = entries.splice(from, 1);
  if (!moved) return record;
  entries.splice(Math.max(0, Math.min(to, entries.length)), 0, moved);
  return Object.fromEntries(entries);
}

/** Replaces key `from` by `to` in a record, in place of the old one. */
export function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

/** A key made from an English label: `Room nights / month` → `roomNightsMonth`; empty when the label has no Latin letters to start with (a Chinese label's key comes from its pinyin: `keyForLabels`). */
export function keyFromLabel(text: string): string {
  const words = text.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(key) ? key.slice(0, 40) : '';
}

/** A key like `base`, `base2`, `base3` … not yet in `taken`, shortening `base` to keep within `maxLength`. */
export function freeKey(base: string, taken: Iterable<string>, maxLength = 40): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const key = `${base.slice(0, maxLength - String(n).length)}${n}`;
    if (!used.has(key)) return key;
  }
}

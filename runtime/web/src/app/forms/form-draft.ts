type Data = Record<string, unknown>;

/** Whether two values of a field are the same (missing and null alike). */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether two form data hold the same values (missing and null alike). */
export function sameData(a: Data, b: Data): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (!sameValue(a[key], b[key])) return false;
  return true;
}

export interface Rebased {
  /** The reloaded record's values with what the user typed (and did not save) on top. */
  data: Data;
  /** The fields still holding input not saved. */
  edited: Set<string>;
  /** Fields the reload itself changed while the user had typed into them: the record's value stands, this is what was typed. */
  replaced: Array<{ key: string; typed: unknown }>;
}

/**
 * The form's data when the record under it reloads (a stage move, a claim, a save, a conflict):
 * `before` is what the form opened with, `after` the reloaded record, `data` what the form holds
 * now. A field the user changed keeps their value, unless the reload changed that field too (its
 * value stands, and is listed in `replaced`), or the reload brought what they typed, or `saved`
 * (what a save that succeeded sent) shows it was saved as typed (the server's value stands,
 * normalised as it may be).
 */
export function rebaseDraft(before: Data, after: Data, data: Data, saved?: Data): Rebased {
  const next: Data = { ...after };
  const edited = new Set<string>();
  const replaced: Rebased['replaced'] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(data)])) {
    const typed = data[key];
    if (sameValue(typed, before[key]) || sameValue(typed, after[key])) continue;
    if (saved && key in saved && sameValue(saved[key], typed)) continue;
    if (!sameValue(before[key], after[key])) {
      replaced.push({ key, typed });
      continue;
    }
    if (typed === undefined) delete next[key];
    else next[key] = typed;
    edited.add(key);
  }
  return { data: next, edited, replaced };
}

/** What is typed and not saved in the forms on the page, by record id: a reader of the fields changed and their values. */
const typedDrafts = new Map<string, () => Data>();

/**
 * While registered, `typedFor(recordId)` answers `read()`: the fields of the record's form the
 * user changed and did not save. Returns the unregistering function (an effect's cleanup).
 */
export function offerTyped(recordId: string, read: () => Data): () => void {
  typedDrafts.set(recordId, read);
  return () => {
    if (typedDrafts.get(recordId) === read) typedDrafts.delete(recordId);
  };
}

/** The values typed into a record's form and not saved yet (none when no form holds any). */
export function typedFor(recordId: string): Data {
  return typedDrafts.get(recordId)?.() ?? {};
}

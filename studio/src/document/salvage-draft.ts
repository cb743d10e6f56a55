import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { parsePointer, ptr, valueAt } from './json-pointer.ts';

/** Where the server found a problem (a JSON pointer into the document). */
export interface ProblemAt {
  path: string;
}

/**
 * The place a problem's value is put back as a whole: the pointer itself, or for an array item
 * the whole array (putting back one item would shift the others).
 */
function revertTarget(document: unknown, pointer: string): string[] {
  const tokens = parsePointer(pointer);
  for (let n = 1; n <= tokens.length; n++) {
    if (Array.isArray(valueAt(document, ptr(...tokens.slice(0, n - 1))))) return tokens.slice(0, n - 1);
  }
  return tokens;
}

/**
 * `current` with the value at each problem's pointer put back as it is in `saved` (removed when
 * `saved` has none): the edits the server can hold while the invalid ones wait in the browser.
 * A problem at the root gives `saved` back.
 *
 * @example
 * // saved: { maxPerOwner: 200 }, current: { maxPerOwner: 50, releaseIfNoVisitDays: 10 },
 * // problem at /pools/p/releaseIfNoVisitDays → { maxPerOwner: 50 }
 * withoutProblems(current, saved, [{ path: '/pools/p/releaseIfNoVisitDays' }]);
 */
export function withoutProblems(current: MetadataDocument, saved: MetadataDocument, problems: ProblemAt[]): MetadataDocument {
  const result = structuredClone(current) as unknown as Record<string, unknown>;
  for (const problem of problems) {
    const tokens = revertTarget(result, problem.path);
    const last = tokens.pop();
    if (last === undefined) return structuredClone(saved);
    const parent = valueAt(result, ptr(...tokens));
    if (parent === null || typeof parent !== 'object') continue;
    const before = valueAt(saved, ptr(...tokens, last));
    const node = parent as Record<string, unknown>;
    if (before === undefined) delete node[last];
    else node[last] = structuredClone(before);
  }
  return result as unknown as MetadataDocument;
}

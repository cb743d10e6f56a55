import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';

interface Person {
  id: string;
  roles: string[];
  active?: boolean;
}

/**
 * A live role this publish takes away (removed, or renamed: the document only knows keys), with
 * the active people who hold it and the draft role that is likely its new name (the one added
 * with the same rules), which they can be given instead once it is live.
 */
export interface LostRole<P extends Person> {
  role: string;
  holders: P[];
  renamedTo?: string;
}

/** The live roles the draft no longer has, and who holds each. Admin cannot be removed. */
export function lostRoles<P extends Person>(live: MetadataDocument | undefined, draft: MetadataDocument, people: P[]): Array<LostRole<P>> {
  const before = live?.roles ?? {};
  const after = draft.roles ?? {};
  const added = Object.keys(after).filter((r) => !(r in before));
  return Object.keys(before)
    .filter((role) => role !== 'admin' && !(role in after))
    .map((role) => {
      const rules = JSON.stringify(before[role]);
      const renamedTo = added.find((r) => JSON.stringify(after[r]) === rules);
      return { role, holders: people.filter((p) => p.active !== false && p.roles.includes(role)), ...(renamedTo ? { renamedTo } : {}) };
    })
    .filter((lost) => lost.holders.length > 0);
}

/** A person's roles with `from` replaced by `to` (once). */
export function replaceRole(roles: string[], from: string, to: string): string[] {
  return [...new Set(roles.map((r) => (r === from ? to : r)))];
}

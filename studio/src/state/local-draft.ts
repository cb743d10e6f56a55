import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { DataMigration } from '../document/migrations.ts';

/**
 * The browser's copy of the studio's in-memory draft: edits not yet accepted by the server
 * (an invalid draft is refused) and the pending data migrations survive a reload.
 */
export interface LocalDraft {
  baseVersion: number | null;
  document: MetadataDocument;
  migrations: DataMigration[];
  /** Code-view text that is not valid JSON yet: never on the server, so only the browser keeps it. */
  codeText?: string;
  /**
   * The fingerprint of the server draft this copy was edited on (as last loaded or saved). When
   * the server draft has changed since (another tab, another admin, the API), the copy is stale:
   * restoring it would overwrite that change. Copies kept before this was recorded have none.
   */
  saved?: string;
}

/** A short fingerprint of a document as the server holds it (the same text gives the same print). */
export function fingerprint(document: MetadataDocument): string {
  // cyrb53: two 32-bit lanes, enough to tell two versions of one tenant's draft apart.
  const text = JSON.stringify(document);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}

const key = (tenant: string) => `shoal.studio.draft.${tenant}`;

export function readLocalDraft(tenant: string): LocalDraft | undefined {
  try {
    const text = localStorage.getItem(key(tenant));
    return text ? (JSON.parse(text) as LocalDraft) : undefined;
  } catch {
    return undefined;
  }
}

export function writeLocalDraft(tenant: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(tenant), JSON.stringify(draft));
  } catch {
    // A full storage only costs the reload safety net.
  }
}

export function clearLocalDraft(tenant: string): void {
  localStorage.removeItem(key(tenant));
}

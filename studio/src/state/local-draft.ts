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

import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { ApiError, type LiveMeta, type ProblemItem, type StudioApi } from '../api/studio-api.ts';
import type { DraftState, Edit } from '../document/draft-state.ts';
import type { DataMigration } from '../document/migrations.ts';
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from './local-draft.ts';

export type SaveState = 'saved' | 'pending' | 'checking' | 'saving' | 'invalid' | 'failed';

export interface StudioSnapshot {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  live: LiveMeta | null;
  baseVersion: number | null;
  draft: DraftState;
  /** The server's problems with the current draft, at JSON pointers. */
  problems: ProblemItem[];
  save: SaveState;
  /** Text of the code view that is not valid JSON yet (kept across screens). */
  codeText: string | null;
  /** Edits were restored from the browser after a reload. */
  restored: boolean;
}

const emptyDocument: MetadataDocument = { name: '', objects: {} };
const checkDelayMs = 350;

/**
 * The one in-memory draft the whole studio edits (forms and code view alike). Every edit is
 * validated by the server shortly after typing stops, and saved as the server draft once the
 * server accepts it; the browser keeps a copy so nothing is lost to a reload.
 */
export class DraftStore {
  #snapshot: StudioSnapshot = { status: 'loading', live: null, baseVersion: null, draft: { document: emptyDocument, migrations: [] }, problems: [], save: 'saved', codeText: null, restored: false };
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #revision = 0;
  #inflight: Promise<void> | null = null;

  constructor(readonly api: StudioApi) {}

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): StudioSnapshot => this.#snapshot;

  #set(patch: Partial<StudioSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#listeners.forEach((l) => l());
  }

  /** Loads live and draft; unsaved edits kept by the browser for the same base version come back. */
  async load(): Promise<void> {
    try {
      const [live, draft] = await Promise.all([this.api.live(), this.api.draft()]);
      const local = readLocalDraft(this.api.tenant);
      const usable = local && local.baseVersion === draft.baseVersion;
      const differs = usable && JSON.stringify(local.document) !== JSON.stringify(draft.document);
      this.#set({
        status: 'ready', live, baseVersion: draft.baseVersion, problems: [], codeText: null,
        draft: { document: differs ? local.document : draft.document, migrations: usable ? local.migrations : [] },
        save: differs ? 'pending' : 'saved', restored: Boolean(differs),
      });
      if (!usable) clearLocalDraft(this.api.tenant);
      if (differs) this.#schedule();
    } catch (error) {
      this.#set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Applies a document edit (see `document/*-ops.ts`). */
  apply = (edit: Edit): void => {
    const draft = edit(this.#snapshot.draft, { live: this.#snapshot.live?.document });
    if (draft === this.#snapshot.draft) return;
    // A form edit supersedes unparsable code-view text (the code view reopens on this document).
    if (this.#snapshot.codeText !== null) this.#set({ codeText: null });
    this.#changed(draft);
  };

  /** Replaces the whole document (the code view), keeping the pending migrations. */
  replaceDocument(document: MetadataDocument): void {
    this.#changed({ ...this.#snapshot.draft, document });
  }

  setMigrations(migrations: DataMigration[]): void {
    this.#changed({ ...this.#snapshot.draft, migrations }, false);
  }

  setCodeText(codeText: string | null): void {
    this.#set({ codeText });
  }

  #changed(draft: DraftState, revalidate = true): void {
    this.#set({ draft, ...(revalidate ? { save: 'pending' as const } : {}) });
    writeLocalDraft(this.api.tenant, { baseVersion: this.#snapshot.baseVersion, document: draft.document, migrations: draft.migrations });
    if (revalidate) {
      this.#revision++;
      this.#schedule();
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#check(), checkDelayMs);
  }

  async #check(): Promise<void> {
    const revision = this.#revision;
    const document = this.#snapshot.draft.document;
    const run = (async () => {
      try {
        this.#set({ save: 'checking' });
        const result = await this.api.validate(document);
        if (revision !== this.#revision) return;
        if (!result.valid) {
          this.#set({ save: 'invalid', problems: result.errors });
          return;
        }
        this.#set({ save: 'saving', problems: [] });
        await this.api.saveDraft(document);
        if (revision === this.#revision) this.#set({ save: 'saved' });
      } catch (error) {
        if (revision !== this.#revision) return;
        if (error instanceof ApiError && error.status === 422) this.#set({ save: 'invalid', problems: error.errors });
        else this.#set({ save: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    })();
    this.#inflight = run;
    await run;
    if (this.#inflight === run) this.#inflight = null;
  }

  /** Validates and saves now; resolves true when the server holds exactly this draft. */
  async flush(): Promise<boolean> {
    if (this.#snapshot.save === 'pending' || this.#snapshot.save === 'failed') {
      clearTimeout(this.#timer);
      await this.#check();
    }
    while (this.#inflight) await this.#inflight;
    if (this.#snapshot.save === 'pending') return this.flush();
    return this.#snapshot.save === 'saved';
  }

  /** After a publish or rollback: the server's live version is the new base. */
  async reload(): Promise<void> {
    clearTimeout(this.#timer);
    this.#revision++;
    clearLocalDraft(this.api.tenant);
    await this.load();
  }

  /** Throws the draft away (server and browser) and starts again from the live version. */
  async discard(): Promise<void> {
    await this.api.discardDraft();
    await this.reload();
  }
}

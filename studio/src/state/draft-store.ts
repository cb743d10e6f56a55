import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { ApiError, type LiveMeta, type ProblemItem, type StudioApi } from '../api/studio-api.ts';
import type { DraftState, Edit } from '../document/draft-state.ts';
import type { DataMigration } from '../document/migrations.ts';
import { withoutProblems } from '../document/salvage-draft.ts';
import { clearLocalDraft, fingerprint, readLocalDraft, writeLocalDraft, type LocalDraft } from './local-draft.ts';

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
  /**
   * Unsaved edits the browser kept, set aside at a reload because the server draft had changed
   * elsewhere since they were made: the owner may take them instead (see `useSetAside`).
   */
  setAside: LocalDraft | null;
  /** With problems: the server draft holds every other edit (only the invalid ones wait here). */
  partlySaved: boolean;
  /** Whether an edit of this session can be undone, or an undone one redone. */
  canUndo: boolean;
  canRedo: boolean;
}

const emptyDocument: MetadataDocument = { name: '', objects: {} };
const checkDelayMs = 350;
/** How often a draft with problems is trimmed further when putting back the invalid parts leaves new problems. */
const salvageRounds = 3;
/** Edits closer together than this undo as one step (a word typed, a label with the key that follows it). */
const undoPauseMs = 1000;
const undoDepth = 100;

/**
 * The one in-memory draft the whole studio edits (forms and code view alike). Every edit is
 * validated by the server shortly after typing stops, and saved as the server draft once the
 * server accepts it; the browser keeps a copy so nothing is lost to a reload. While the draft
 * has problems, the server draft still gets every valid edit: the draft with the invalid places
 * put back as the server holds them.
 */
export class DraftStore {
  #snapshot: StudioSnapshot = { status: 'loading', live: null, baseVersion: null, draft: { document: emptyDocument, migrations: [] }, problems: [], save: 'saved', codeText: null, restored: false, setAside: null, partlySaved: false, canUndo: false, canRedo: false };
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #revision = 0;
  #inflight: Promise<void> | null = null;
  /** What the server draft holds (what a problem's place is put back to), and its fingerprint. */
  #saved: MetadataDocument = emptyDocument;
  #savedPrint = fingerprint(emptyDocument);
  /** Drafts before this session's edits, newest last, and the ones undone since (to redo). */
  #undone: DraftState[] = [];
  #redone: DraftState[] = [];
  #lastEditAt = 0;

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

  /**
   * Loads live and draft. Unsaved edits the browser kept come back when they were made on the
   * draft the server still holds; when the server draft has changed since (another tab, another
   * admin, the API), the server's draft is shown and the edits are set aside for the owner to
   * take or drop: restoring them silently would overwrite that change at the next save.
   */
  async load(): Promise<void> {
    try {
      const [live, draft] = await Promise.all([this.api.live(), this.api.draft()]);
      this.#setSaved(draft.document);
      const local = readLocalDraft(this.api.tenant);
      const sameBase = local !== undefined && local.baseVersion === draft.baseVersion;
      const current = sameBase && (local.saved === undefined || local.saved === this.#savedPrint);
      const differs = sameBase && JSON.stringify(local.document) !== JSON.stringify(draft.document);
      const unsaved = sameBase && (local.codeText !== undefined || (local.saved !== undefined && fingerprint(local.document) !== local.saved));
      const restore = current && differs;
      const codeText = current ? local.codeText ?? null : null;
      this.#set({
        status: 'ready', live, baseVersion: draft.baseVersion, problems: [], codeText,
        // Rename migrations live only in the browser; a stale one is refused at publish, with its place.
        draft: { document: restore ? local.document : draft.document, migrations: sameBase ? local.migrations : [] },
        save: restore ? 'pending' : 'saved', restored: restore || codeText !== null, setAside: sameBase && !current && unsaved ? local : null,
        partlySaved: false, canUndo: false, canRedo: false,
      });
      this.#undone = [];
      this.#redone = [];
      if (!sameBase) clearLocalDraft(this.api.tenant);
      if (restore) this.#schedule();
    } catch (error) {
      this.#set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Takes the edits set aside at load instead of the server draft (an edit like any other: undo brings the server's back). */
  useSetAside = (): void => {
    const aside = this.#snapshot.setAside;
    if (!aside) return;
    this.#set({ setAside: null });
    this.#lastEditAt = 0;
    this.#remember();
    this.#changed({ document: aside.document, migrations: aside.migrations });
    if (aside.codeText !== undefined) this.setCodeText(aside.codeText);
  };

  /** Drops the edits set aside at load: the browser keeps the draft as shown. */
  dropSetAside = (): void => {
    if (!this.#snapshot.setAside) return;
    this.#set({ setAside: null });
    this.#keepLocally();
  };

  #setSaved(document: MetadataDocument): void {
    this.#saved = document;
    this.#savedPrint = fingerprint(document);
  }

  /** Applies a document edit (see `document/*-ops.ts`). */
  apply = (edit: Edit): void => {
    const draft = edit(this.#snapshot.draft, { live: this.#snapshot.live?.document });
    if (draft === this.#snapshot.draft) return;
    // A form edit supersedes unparsable code-view text (the code view reopens on this document).
    if (this.#snapshot.codeText !== null) this.#set({ codeText: null });
    this.#remember();
    this.#changed(draft);
  };

  /** Replaces the whole document (the code view), keeping the pending migrations. */
  replaceDocument(document: MetadataDocument): void {
    // Only spacing changed in the code view: nothing to save or undo.
    if (JSON.stringify(document) === JSON.stringify(this.#snapshot.draft.document)) return;
    this.#remember();
    this.#changed({ ...this.#snapshot.draft, document });
  }

  /** Goes back to the draft before the last edit (or burst of edits) of this session, migrations and all. */
  undo = (): void => this.#step(this.#undone, this.#redone);

  /** Does again what `undo` took back. */
  redo = (): void => this.#step(this.#redone, this.#undone);

  #step(from: DraftState[], to: DraftState[]): void {
    const draft = from.pop();
    if (!draft) return;
    to.push(this.#snapshot.draft);
    this.#lastEditAt = 0;
    this.#set({ codeText: null });
    this.#changed(draft);
  }

  /** Keeps the draft as it is before an edit, unless the edit continues the one just before. */
  #remember(): void {
    const now = Date.now();
    if (now - this.#lastEditAt > undoPauseMs || this.#undone.length === 0) this.#undone = [...this.#undone, this.#snapshot.draft].slice(-undoDepth);
    this.#lastEditAt = now;
    this.#redone = [];
  }

  setMigrations(migrations: DataMigration[]): void {
    this.#changed({ ...this.#snapshot.draft, migrations }, false);
  }

  /** Keeps code-view text that does not parse yet (null: it parses, or was given up), in the browser too. */
  setCodeText(codeText: string | null): void {
    this.#set({ codeText });
    this.#keepLocally();
  }

  #keepLocally(): void {
    const { baseVersion, draft, codeText } = this.#snapshot;
    writeLocalDraft(this.api.tenant, { baseVersion, document: draft.document, migrations: draft.migrations, saved: this.#savedPrint, ...(codeText !== null ? { codeText } : {}) });
  }

  #changed(draft: DraftState, revalidate = true): void {
    this.#set({ draft, canUndo: this.#undone.length > 0, canRedo: this.#redone.length > 0, ...(revalidate ? { save: 'pending' as const } : {}) });
    this.#keepLocally();
    if (revalidate) {
      this.#revision++;
      this.#schedule();
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#check(), checkDelayMs);
  }

  /** Checks run one at a time, in order: a save that finishes late never overwrites a newer one. */
  async #check(): Promise<void> {
    const previous = this.#inflight;
    const run = (async () => {
      if (previous) await previous;
      await this.#checkLatest();
    })();
    this.#inflight = run;
    await run;
    if (this.#inflight === run) this.#inflight = null;
  }

  async #checkLatest(): Promise<void> {
    const revision = this.#revision;
    const document = this.#snapshot.draft.document;
    try {
      this.#set({ save: 'checking' });
      const result = await this.api.validate(document);
      if (revision !== this.#revision) return;
      if (!result.valid) {
        this.#set({ save: 'invalid', problems: result.errors, partlySaved: false });
        const partlySaved = await this.#saveValidPart(document, result.errors);
        if (revision === this.#revision) this.#set({ partlySaved });
        return;
      }
      this.#set({ save: 'saving', problems: [] });
      await this.api.saveDraft(document);
      this.#setSaved(document);
      this.#keepLocally();
      if (revision === this.#revision) this.#set({ save: 'saved', partlySaved: false });
    } catch (error) {
      if (revision !== this.#revision) return;
      if (error instanceof ApiError && error.status === 422) this.#set({ save: 'invalid', problems: error.errors, partlySaved: false });
      else this.#set({ save: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Saves `document` with its problems' places put back as the server holds them, so the valid
   * edits reach the server draft. True when the server now holds every edit but those at the
   * problems' places; false when nothing could be saved, or only after putting back more (the
   * put-back values left problems of their own: a lookup's target removed with the new object).
   */
  async #saveValidPart(document: MetadataDocument, problems: ProblemItem[]): Promise<boolean> {
    const wholeDocument = problems.some((p) => p.path === '');
    let candidate = document;
    let remaining = problems;
    for (let round = 0; round < salvageRounds; round++) {
      candidate = withoutProblems(candidate, this.#saved, remaining);
      if (JSON.stringify(candidate) === JSON.stringify(this.#saved)) return round === 0 && !wholeDocument;
      const result = await this.api.validate(candidate);
      if (result.valid) {
        try {
          await this.api.saveDraft(candidate);
        } catch {
          return false; // the draft's own problems are shown already; only this partial save is lost
        }
        this.#setSaved(candidate);
        this.#keepLocally();
        return round === 0;
      }
      remaining = result.errors;
    }
    return false;
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

import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { ApiError, type LiveMeta, type ProblemItem, type StudioApi } from '../api/studio-api.ts';
import { networkErrorCode } from '../../../runtime/web/src/shared/api-client.ts';
import type { DraftState, Edit } from '../document/draft-state.ts';
import type { DataMigration } from '../document/migrations.ts';
import { rebaseEdits } from '../document/rebase-edits.ts';
import { withoutProblems } from '../document/salvage-draft.ts';
import { clearLocalDraft, fingerprint, readLocalDraft, writeLocalDraft, type LocalDraft } from './local-draft.ts';

export type SaveState = 'saved' | 'pending' | 'checking' | 'saving' | 'invalid' | 'failed';

/** Why the last save failed, in words the studio can say in the user's language. */
export type SaveFailure = 'offline' | 'unavailable' | 'rateLimited' | 'signedOut' | 'forbidden' | 'tooLarge' | 'other';

/** Unsaved edits kept aside while the studio shows the server's draft (see `StudioSnapshot.setAside`). */
export interface SetAsideEdits extends LocalDraft {
  /**
   * The server draft the edits were made on, when known: they were set aside because a save was
   * refused (the draft changed elsewhere meanwhile), and re-applying them keeps that change.
   */
  editedOn?: MetadataDocument;
}

export interface StudioSnapshot {
  status: 'loading' | 'ready' | 'error';
  /** Why the draft did not load, or the last save failed: as thrown (`errorMessage` words it). */
  error?: unknown;
  live: LiveMeta | null;
  baseVersion: number | null;
  draft: DraftState;
  /** The server's problems with the current draft, at JSON pointers. */
  problems: ProblemItem[];
  save: SaveState;
  /** With `save: 'failed'`: why (the server's own message is in `error`). */
  saveFailure: SaveFailure | null;
  /** Text of the code view that is not valid JSON yet (kept across screens). */
  codeText: string | null;
  /** Edits were restored from the browser after a reload. */
  restored: boolean;
  /**
   * Unsaved edits set aside because the server draft had changed elsewhere since they were made:
   * found in the browser at a reload, or refused at a save (`editedOn`). The owner may take them
   * back or drop them (see `useSetAside`).
   */
  setAside: SetAsideEdits | null;
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
/** Retries of a failed save wait this long, doubling each time up to `lastRetryMs`. */
const firstRetryMs = 2_000;
const lastRetryMs = 30_000;

/**
 * The one in-memory draft the whole studio edits (forms and code view alike). Every edit is
 * validated by the server shortly after typing stops, and saved as the server draft once the
 * server accepts it; the browser keeps a copy so nothing is lost to a reload. While the draft
 * has problems, the server draft still gets every valid edit: the draft with the invalid places
 * put back as the server holds them.
 */
export class DraftStore {
  #snapshot: StudioSnapshot = { status: 'loading', live: null, baseVersion: null, draft: { document: emptyDocument, migrations: [] }, problems: [], save: 'saved', saveFailure: null, codeText: null, restored: false, setAside: null, partlySaved: false, canUndo: false, canRedo: false };
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
  /** The server draft's entity tag as last read or saved: every save names it, so one over a draft changed elsewhere is refused. */
  #etag: string | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

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
      this.#etag = draft.etag ?? null;
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
        save: restore ? 'pending' : 'saved', saveFailure: null, restored: restore || codeText !== null, setAside: sameBase && !current && unsaved ? local : null,
        partlySaved: false, canUndo: false, canRedo: false,
      });
      this.#undone = [];
      this.#redone = [];
      if (!sameBase) clearLocalDraft(this.api.tenant);
      if (restore) this.#schedule();
    } catch (error) {
      this.#set({ status: 'error', error });
    }
  }

  /**
   * Takes the edits set aside instead of the server draft (an edit like any other: undo brings the
   * server's back). Edits refused at a save are re-applied on top of the server's draft, keeping
   * what changed elsewhere; those found at a reload replace it, as the browser kept them.
   */
  useSetAside = (): void => {
    const aside = this.#snapshot.setAside;
    if (!aside) return;
    this.#set({ setAside: null });
    this.#lastEditAt = 0;
    this.#remember();
    const document = aside.editedOn ? rebaseEdits(aside.editedOn, aside.document, this.#snapshot.draft.document) : aside.document;
    this.#changed({ document, migrations: aside.migrations });
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
      this.#failures = 0;
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
      await this.#save(document);
      this.#failures = 0;
      if (revision === this.#revision) this.#set({ save: 'saved', saveFailure: null, partlySaved: false });
    } catch (error) {
      // Refused whatever came since: any later save names the same stale draft.
      if (error instanceof ApiError && error.status === 412) return this.#changedElsewhere();
      if (revision !== this.#revision) return;
      if (error instanceof ApiError && error.status === 422) this.#set({ save: 'invalid', saveFailure: null, problems: error.errors, partlySaved: false });
      else this.#failed(error);
    }
  }

  /** Saves `document` over the draft this tab last read or saved (`If-Match`), and keeps it as what the server holds. */
  async #save(document: MetadataDocument): Promise<void> {
    const { etag } = await this.api.saveDraft(document, this.#etag);
    this.#etag = etag ?? null;
    this.#setSaved(document);
    this.#keepLocally();
  }

  /**
   * A save was refused: someone saved the draft or published a version since this tab read it, and
   * saving this document would undo their work. The server's draft is shown instead, and this
   * tab's edits are set aside with the draft they were made on, to re-apply on top or drop. The
   * browser's copy is left as it was until the owner decides (a reload before then sets the edits
   * aside again while the draft's base version is the same).
   */
  async #changedElsewhere(): Promise<void> {
    clearTimeout(this.#timer);
    this.#revision++;
    try {
      const [live, server] = await Promise.all([this.api.live(), this.api.draft()]);
      const { draft, codeText, baseVersion, setAside: older } = this.#snapshot;
      const editedOn = this.#saved;
      // Edits already set aside by an earlier refusal (not yet re-applied or dropped) stay with these:
      // re-applied on this tab's document, which the newer edits were made on.
      const mine = older?.editedOn ? rebaseEdits(older.editedOn, older.document, draft.document) : draft.document;
      const migrations = draft.migrations.length > 0 || !older ? draft.migrations : older.migrations;
      const code = codeText ?? older?.codeText ?? null;
      this.#setSaved(server.document);
      this.#etag = server.etag ?? null;
      this.#undone = [];
      this.#redone = [];
      this.#failures = 0;
      this.#set({
        live, baseVersion: server.baseVersion, draft: { document: server.document, migrations: [] }, problems: [], save: 'saved', saveFailure: null,
        codeText: null, restored: false, partlySaved: false, canUndo: false, canRedo: false,
        setAside: { baseVersion, document: mine, migrations, editedOn, ...(code !== null ? { codeText: code } : {}) },
      });
    } catch (error) {
      this.#failed(error); // the retry saves again, is refused again, and reads the draft again
    }
  }

  /** A save (or its check) failed: says why, and tries again later when trying again can help. */
  #failed(error: unknown): void {
    const saveFailure = failureOf(error);
    this.#set({ save: 'failed', saveFailure, error });
    clearTimeout(this.#retryTimer);
    // Only where the same request may go through later: no answer, the server busy or down, or asked to wait.
    if (saveFailure === 'signedOut' || saveFailure === 'forbidden' || saveFailure === 'tooLarge') return;
    if (saveFailure === 'other' && !(error instanceof ApiError && (error.status === 408 || error.status >= 500))) return;
    const backoff = Math.min(lastRetryMs, firstRetryMs * 2 ** this.#failures);
    const asked = error instanceof ApiError && typeof error.problem.retryAfter === 'number' ? error.problem.retryAfter * 1000 : 0;
    this.#failures++;
    this.#retryTimer = setTimeout(() => void this.retry(), Math.max(backoff, asked));
  }

  /** Tries a failed save again now (the save tag's button, the browser coming back online). */
  retry = async (): Promise<boolean> => {
    clearTimeout(this.#retryTimer);
    return this.flush();
  };

  /** Retries a failed save as soon as the browser is online again; returns the function that stops it. */
  watchConnection(): () => void {
    const online = () => { if (this.#snapshot.save === 'failed') void this.retry(); };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(this.#retryTimer);
    };
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
          await this.#save(candidate);
        } catch (error) {
          if (error instanceof ApiError && error.status === 412) throw error;
          return false; // the draft's own problems are shown already; only this partial save is lost
        }
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
    clearLocalDraft(this.api.tenant);
    await this.refresh();
  }

  /**
   * Reads the server's draft again after it changed elsewhere (a publish refused because of it)
   * and shows it. Unlike `reload`, the browser's data migrations stay while the live version is
   * the same, and unsaved edits are set aside as at a load.
   */
  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    clearTimeout(this.#retryTimer);
    this.#failures = 0;
    this.#revision++;
    await this.load();
  }

  /** Throws the draft away (server and browser) and starts again from the live version. */
  async discard(): Promise<void> {
    await this.api.discardDraft();
    await this.reload();
  }
}

function failureOf(error: unknown): SaveFailure {
  // fetch itself failed: no answer from the server
  if (!(error instanceof ApiError) || error.code === networkErrorCode) return 'offline';
  if (error.status === 401) return 'signedOut';
  if (error.status === 403) return 'forbidden';
  if (error.status === 413) return 'tooLarge';
  if (error.status === 429) return 'rateLimited';
  if (error.status === 502 || error.status === 503 || error.status === 504) return 'unavailable';
  return 'other';
}

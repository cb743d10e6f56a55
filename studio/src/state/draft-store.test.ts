import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { ApiError, type StudioApi } from '../api/studio-api.ts';
import { addField, removeField, renameField, updateField } from '../document/object-ops.ts';
import { setAt } from '../document/section-ops.ts';
import { DraftStore } from './draft-store.ts';

const live: MetadataDocument = { name: 'T', objects: { shop: { label: 'Shop', fields: { phone: { type: 'phone' } } } } };

/** A fake metadata API: a field called `bad` is invalid, so is a document without a name; everything else saves. */
function fakeApi() {
  const calls: string[] = [];
  let saved: MetadataDocument | undefined;
  const problems = (d: MetadataDocument) => [
    ...(d.objects.shop?.fields.bad ? [{ path: '/objects/shop/fields/bad', message: 'is bad' }] : []),
    ...(d.name ? [] : [{ path: '', message: 'needs a name' }]),
  ];
  const api = {
    tenant: 't1',
    live: async () => ({ version: 1, publishedAt: '', document: live }),
    draft: async () => ({ baseVersion: 1, document: saved ?? live, updatedAt: null }),
    validate: async (d: MetadataDocument) => { calls.push('validate'); return { valid: problems(d).length === 0, errors: problems(d) }; },
    saveDraft: async (d: MetadataDocument) => {
      calls.push('save');
      if (problems(d).length > 0) throw new ApiError(422, 'invalid_metadata', 'invalid', problems(d));
      saved = d;
      return { valid: true as const };
    },
    discardDraft: async () => { saved = undefined; },
  };
  /** Someone else (another tab, another admin, the API) saves the server draft. */
  const saveElsewhere = (d: MetadataDocument) => { saved = d; };
  return { api: api as unknown as StudioApi, calls, saved: () => saved, saveElsewhere };
}

// Test files share a worker (isolate: false): the fake storage goes with this file.
afterAll(() => { delete (globalThis as { localStorage?: unknown }).localStorage; });

beforeEach(() => {
  const store = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k),
  };
});

describe('the draft store', () => {
  it('validates, then saves a valid draft; keeps the rename migration beside it', async () => {
    const { api, calls, saved } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(renameField('shop', 'phone', 'mobile'));
    expect(store.getSnapshot().save).toBe('pending');
    expect(await store.flush()).toBe(true);
    expect(calls).toEqual(['validate', 'save']);
    expect(Object.keys(saved()!.objects.shop!.fields)).toEqual(['mobile']);
    expect(store.getSnapshot().draft.migrations).toEqual([{ op: 'renameField', object: 'shop', from: 'phone', to: 'mobile' }]);
  });

  it('does not save an invalid draft and shows the problems; the browser keeps the edit for a reload', async () => {
    const { api, calls } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'bad', { type: 'text' }));
    expect(await store.flush()).toBe(false);
    expect(calls).toEqual(['validate']);
    expect(store.getSnapshot().problems).toEqual([{ path: '/objects/shop/fields/bad', message: 'is bad' }]);
    const again = new DraftStore(api);
    await again.load();
    expect(again.getSnapshot().restored).toBe(true);
    expect(again.getSnapshot().draft.document.objects.shop!.fields.bad).toEqual({ type: 'text' });
  });

  it('after the draft was changed elsewhere, a reload shows that change and does not save the browser copy over it', async () => {
    const { api, calls, saved, saveElsewhere } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(updateField('shop', 'phone', { label: 'Mobile' }));
    expect(await store.flush()).toBe(true);
    const elsewhere: MetadataDocument = { name: 'T', objects: { shop: { label: 'Shop', fields: { phone: { type: 'phone' }, email: { type: 'email' } } } } };
    saveElsewhere(elsewhere);
    calls.length = 0;
    const again = new DraftStore(api);
    await again.load();
    expect(again.getSnapshot()).toMatchObject({ restored: false, setAside: null, save: 'saved' });
    expect(again.getSnapshot().draft.document).toEqual(elsewhere);
    expect(await again.flush()).toBe(true);
    expect(calls).toEqual([]);
    expect(saved()).toEqual(elsewhere);
  });

  it('unsaved edits made on a draft changed elsewhere since are set aside at a reload; the owner may take them back (and undo that)', async () => {
    const { api, saved, saveElsewhere } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(renameField('shop', 'phone', 'mobile'));
    store.apply(addField('shop', 'bad', { type: 'text' }));
    expect(await store.flush()).toBe(false);
    const elsewhere: MetadataDocument = { name: 'T2', objects: { shop: { label: 'Shop', fields: { phone: { type: 'phone' } } } } };
    saveElsewhere(elsewhere);
    const again = new DraftStore(api);
    await again.load();
    const aside = again.getSnapshot().setAside;
    expect(again.getSnapshot().draft.document).toEqual(elsewhere);
    expect(again.getSnapshot().restored).toBe(false);
    expect(Object.keys(aside!.document.objects.shop!.fields)).toEqual(['mobile', 'bad']);
    // The rename's migration stays (it lives only in the browser); a publish checks it against the draft.
    expect(again.getSnapshot().draft.migrations).toEqual([{ op: 'renameField', object: 'shop', from: 'phone', to: 'mobile' }]);
    // Still offered after another reload, until the owner decides.
    const third = new DraftStore(api);
    await third.load();
    expect(third.getSnapshot().setAside).not.toBeNull();
    third.useSetAside();
    expect(third.getSnapshot()).toMatchObject({ setAside: null, save: 'pending', canUndo: true });
    expect(Object.keys(third.getSnapshot().draft.document.objects.shop!.fields)).toEqual(['mobile', 'bad']);
    third.undo();
    expect(third.getSnapshot().draft.document).toEqual(elsewhere);
    await third.flush();
    expect(saved()).toEqual(elsewhere);
    // Dropped: the next reload offers nothing.
    const fourth = new DraftStore(api);
    await fourth.load();
    expect(fourth.getSnapshot().setAside).toBeNull();
  });

  it('an owner who drops the set-aside edits is not asked again', async () => {
    const { api, saveElsewhere } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'bad', { type: 'text' }));
    await store.flush();
    saveElsewhere({ name: 'T3', objects: live.objects });
    const again = new DraftStore(api);
    await again.load();
    expect(again.getSnapshot().setAside).not.toBeNull();
    again.dropSetAside();
    const third = new DraftStore(api);
    await third.load();
    expect(third.getSnapshot()).toMatchObject({ setAside: null, restored: false });
    expect(third.getSnapshot().draft.document.name).toBe('T3');
  });

  it('checks only the latest of quick successive edits', async () => {
    const { api, calls } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'a', { type: 'text' }));
    store.apply(addField('shop', 'b', { type: 'text' }));
    store.apply(addField('shop', 'c', { type: 'text' }));
    expect(await store.flush()).toBe(true);
    expect(calls).toEqual(['validate', 'save']);
  });

  it('saves every valid edit, before and after an invalid one, and flags only the invalid one', async () => {
    const { api, saved } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(setAt('/objects/shop/label', 'Breakfast shop'));
    store.apply(addField('shop', 'bad', { type: 'text' }));
    store.apply(addField('shop', 'seats', { type: 'integer' }));
    expect(await store.flush()).toBe(false);
    expect(saved()!.objects.shop).toEqual({ label: 'Breakfast shop', fields: { phone: { type: 'phone' }, seats: { type: 'integer' } } });
    const snapshot = store.getSnapshot();
    expect(snapshot).toMatchObject({ save: 'invalid', partlySaved: true, problems: [{ path: '/objects/shop/fields/bad', message: 'is bad' }] });
    expect(snapshot.draft.document.objects.shop!.fields.bad).toEqual({ type: 'text' });
  });

  it('saves the whole draft once its problem is fixed', async () => {
    const { api, saved } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'bad', { type: 'text' }));
    store.apply(addField('shop', 'seats', { type: 'integer' }));
    await store.flush();
    store.apply(renameField('shop', 'bad', 'good'));
    expect(await store.flush()).toBe(true);
    expect(Object.keys(saved()!.objects.shop!.fields)).toEqual(['phone', 'good', 'seats']);
    expect(store.getSnapshot()).toMatchObject({ save: 'saved', partlySaved: false, problems: [] });
  });

  it('does not claim the other edits are saved when the problem is with the whole document', async () => {
    const { api, saved } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply((state) => ({ ...state, document: { ...state.document, name: '' } }));
    store.apply(setAt('/objects/shop/label', 'Breakfast shop'));
    expect(await store.flush()).toBe(false);
    expect(saved()).toBeUndefined();
    expect(store.getSnapshot()).toMatchObject({ save: 'invalid', partlySaved: false });
  });

  it('keeps code-view text that is not JSON yet across a reload, and says so; a form edit or valid JSON gives it up', async () => {
    const { api } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.setCodeText('{ "name": "T", "objects": { ');
    const again = new DraftStore(api);
    await again.load();
    expect(again.getSnapshot()).toMatchObject({ codeText: '{ "name": "T", "objects": { ', restored: true });
    again.apply(setAt('/objects/shop/label', 'Breakfast shop'));
    expect(again.getSnapshot().codeText).toBeNull();
    const third = new DraftStore(api);
    await third.load();
    expect(third.getSnapshot()).toMatchObject({ codeText: null });
  });
});

describe('undo and redo', () => {
  let now = 1_000_000;
  beforeEach(() => { vi.spyOn(Date, 'now').mockImplementation(() => now); });
  afterEach(() => { vi.restoreAllMocks(); });
  const later = () => { now += 5_000; };

  it('brings back a field removed by mistake, with the rename before it and its migration, and saves that', async () => {
    const { api, saved } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    expect(store.getSnapshot()).toMatchObject({ canUndo: false, canRedo: false });
    store.apply(renameField('shop', 'phone', 'mobile'));
    later();
    store.apply(removeField('shop', 'mobile'));
    expect(store.getSnapshot().draft.migrations).toEqual([]);
    store.undo();
    expect(store.getSnapshot().draft.document.objects.shop!.fields).toEqual({ mobile: { type: 'phone' } });
    expect(store.getSnapshot().draft.migrations).toEqual([{ op: 'renameField', object: 'shop', from: 'phone', to: 'mobile' }]);
    expect(store.getSnapshot()).toMatchObject({ canUndo: true, canRedo: true });
    expect(await store.flush()).toBe(true);
    expect(saved()!.objects.shop!.fields).toEqual({ mobile: { type: 'phone' } });
    store.undo();
    expect(store.getSnapshot().draft).toEqual({ document: live, migrations: [] });
    expect(store.getSnapshot().canUndo).toBe(false);
    store.redo();
    store.redo();
    expect(store.getSnapshot().draft.document.objects.shop!.fields).toEqual({});
    expect(store.getSnapshot().canRedo).toBe(false);
  });

  it('undoes a burst of edits (a word typed) as one step, and forgets what was undone once a new edit comes', async () => {
    const { api } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    for (const label of ['P', 'Ph', 'Pho', 'Phone']) store.apply(updateField('shop', 'phone', { label }));
    later();
    store.apply(updateField('shop', 'phone', { required: true }));
    store.undo();
    expect(store.getSnapshot().draft.document.objects.shop!.fields.phone).toEqual({ type: 'phone', label: 'Phone' });
    store.undo();
    expect(store.getSnapshot().draft.document.objects.shop!.fields.phone).toEqual({ type: 'phone' });
    store.apply(updateField('shop', 'phone', { indexed: true }));
    expect(store.getSnapshot().canRedo).toBe(false);
    store.redo();
    expect(store.getSnapshot().draft.document.objects.shop!.fields.phone).toEqual({ type: 'phone', indexed: true });
  });

  it('starts afresh after a reload (a publish or a discarded draft)', async () => {
    const { api } = fakeApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'seats', { type: 'integer' }));
    await store.reload();
    expect(store.getSnapshot()).toMatchObject({ canUndo: false, canRedo: false });
  });
});

/** A fake metadata API that checks `If-Match` as the server does, and can fail the next saves. */
function taggedApi() {
  let server: { document: MetadataDocument; tag: number } = { document: live, tag: 1 };
  let failures: Array<() => Error> = [];
  const saves: Array<string | null> = [];
  const api = {
    tenant: 't2',
    live: async () => ({ version: 1, publishedAt: '', document: live }),
    draft: async () => ({ baseVersion: 1, document: server.document, updatedAt: null, etag: `"${server.tag}"` }),
    validate: async () => ({ valid: true, errors: [] }),
    saveDraft: async (document: MetadataDocument, etag: string | null) => {
      saves.push(etag);
      const failure = failures.shift();
      if (failure) throw failure();
      if (etag !== `"${server.tag}"`) throw new ApiError(412, 'version_mismatch', 'The draft has changed since you read it');
      server = { document, tag: server.tag + 1 };
      return { etag: `"${server.tag}"` };
    },
    discardDraft: async () => {},
  };
  return {
    api: api as unknown as StudioApi, saves, server: () => server.document,
    saveElsewhere: (document: MetadataDocument) => { server = { document, tag: server.tag + 1 }; },
    failNext: (...errors: Array<() => Error>) => { failures = errors; },
  };
}

describe('the draft store, when the server draft changed since this tab read it', () => {
  it('names the draft it read in every save, and sets its edits aside instead of saving over a change made elsewhere', async () => {
    const { api, saves, server, saveElsewhere } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    store.apply(addField('shop', 'email', { type: 'email' }));
    expect(await store.flush()).toBe(true);
    expect(saves).toEqual(['"1"']);

    // Another admin adds a wifi field (and publishes) while this tab edits on.
    saveElsewhere(addField('shop', 'wifi', { type: 'boolean' })({ document: server(), migrations: [] }, { live: undefined }).document);
    store.apply(updateField('shop', 'phone', { label: 'Mobile' }));
    expect(await store.flush()).toBe(true);
    expect(saves).toEqual(['"1"', '"2"']);
    expect(Object.keys(server().objects.shop!.fields)).toEqual(['phone', 'email', 'wifi']); // nothing saved over it
    const snapshot = store.getSnapshot();
    expect(Object.keys(snapshot.draft.document.objects.shop!.fields)).toEqual(['phone', 'email', 'wifi']);
    expect(snapshot.setAside?.editedOn).toBeDefined();
    expect(snapshot.canUndo).toBe(false); // undo would bring the old document back over the change

    store.useSetAside();
    expect(await store.flush()).toBe(true);
    expect(server().objects.shop!.fields).toEqual({ phone: { type: 'phone', label: 'Mobile' }, email: { type: 'email' }, wifi: { type: 'boolean' } });
    expect(store.getSnapshot().setAside).toBeNull();
  });

  it('keeps the edits of an earlier refusal when a second one comes before the owner decided', async () => {
    const { api, server, saveElsewhere } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    saveElsewhere(addField('shop', 'wifi', { type: 'boolean' })({ document: server(), migrations: [] }, { live: undefined }).document);
    store.apply(addField('shop', 'mine1', { type: 'text' }));
    await store.flush();
    expect(store.getSnapshot().setAside).not.toBeNull();
    // Not answered yet: the owner edits on, and someone saves again.
    saveElsewhere(addField('shop', 'pool', { type: 'boolean' })({ document: server(), migrations: [] }, { live: undefined }).document);
    store.apply(addField('shop', 'mine2', { type: 'text' }));
    await store.flush();
    store.useSetAside();
    expect(await store.flush()).toBe(true);
    expect(Object.keys(server().objects.shop!.fields).sort()).toEqual(['mine1', 'mine2', 'phone', 'pool', 'wifi']);
  });

  it('drops the set-aside edits when asked, keeping the other admin\'s draft', async () => {
    const { api, server, saveElsewhere } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    saveElsewhere(addField('shop', 'wifi', { type: 'boolean' })({ document: live, migrations: [] }, { live: undefined }).document);
    store.apply(removeField('shop', 'phone'));
    await store.flush();
    store.dropSetAside();
    expect(store.getSnapshot().setAside).toBeNull();
    expect(await store.flush()).toBe(true);
    expect(Object.keys(server().objects.shop!.fields)).toEqual(['phone', 'wifi']);
  });
});

describe('the draft store, when a save fails', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('says why in words of its own, and tries again by itself, waiting longer each time', async () => {
    vi.useFakeTimers();
    const { api, saves, server, failNext } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    failNext(() => new ApiError(503, 'unavailable', 'Database unavailable'), () => new TypeError('Failed to fetch'));
    store.apply(addField('shop', 'email', { type: 'email' }));
    await vi.advanceTimersByTimeAsync(400);
    expect(store.getSnapshot()).toMatchObject({ save: 'failed', saveFailure: 'unavailable' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.getSnapshot()).toMatchObject({ save: 'failed', saveFailure: 'offline' });
    expect(saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_900); // the second wait is 4 s
    expect(saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(store.getSnapshot()).toMatchObject({ save: 'saved', saveFailure: null });
    expect(Object.keys(server().objects.shop!.fields)).toEqual(['phone', 'email']);
  });

  it('does not retry by itself a request the server refused as it is (400, 404, 409), but does a server error', async () => {
    vi.useFakeTimers();
    const { api, saves, failNext } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    failNext(() => new ApiError(404, 'not_found', 'There is no tenant called t1'));
    store.apply(addField('shop', 'email', { type: 'email' }));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.getSnapshot()).toMatchObject({ save: 'failed', saveFailure: 'other' });
    expect(saves).toHaveLength(1);
    failNext(() => new ApiError(500, 'internal', 'Something went wrong'));
    store.apply(addField('shop', 'fax', { type: 'text' }));
    await vi.advanceTimersByTimeAsync(400);
    expect(saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(saves).toHaveLength(3);
    expect(store.getSnapshot()).toMatchObject({ save: 'saved' });
  });

  it('does not retry by itself what retrying cannot mend (signed out), but does when asked', async () => {
    vi.useFakeTimers();
    const { api, saves, failNext } = taggedApi();
    const store = new DraftStore(api);
    await store.load();
    failNext(() => new ApiError(401, 'unauthenticated', 'Sign in'));
    store.apply(addField('shop', 'email', { type: 'email' }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.getSnapshot()).toMatchObject({ save: 'failed', saveFailure: 'signedOut' });
    expect(saves).toHaveLength(1);
    expect(await store.retry()).toBe(true);
  });
});

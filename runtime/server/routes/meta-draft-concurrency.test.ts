import { expect, it } from 'vitest';
import { testDocument, withHotelField } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type TestTenant } from '../../testing/test-server.ts';

/** A fresh copy of the test document, loosely typed so a test can change anything. */
const doc = (): any => structuredClone(testDocument());

describeEachServer('metadata draft saves conditional on the draft read (If-Match)', (ctx) => {
  const url = (t: TestTenant, path: string) => `/api/t/${t.slug}${path}`;

  async function readDraft(t: TestTenant): Promise<{ etag: string; document: any; baseVersion: number }> {
    const res = await t.admin.get(url(t, '/meta/draft'));
    expect(res.status, res.text).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    return { etag: etag!, document: res.body.document, baseVersion: res.body.baseVersion };
  }

  function save(t: TestTenant, document: unknown, ifMatch?: string) {
    return t.admin.put(url(t, '/meta/draft'), { document }, ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } });
  }

  it('saves over the draft it names and refuses a stale tag with 412, leaving the newer draft as it was', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const read = await readDraft(t);
    expect(read.etag).toBe(`"${read.baseVersion}"`); // no draft yet: the live version unchanged

    const first = await save(t, withHotelField(read.document, 'parking', 'Parking'), read.etag);
    expect(first.status, first.text).toBe(200);
    const afterFirst = first.headers.get('etag')!;
    expect(afterFirst).not.toBe(read.etag);
    expect((await readDraft(t)).etag).toBe(afterFirst);

    // A second tab still holding the tag it read before the first save.
    const stale = await save(t, withHotelField(read.document, 'gym', 'Gym'), read.etag);
    expect(stale.status, stale.text).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 412, code: 'version_mismatch', currentETag: afterFirst });
    expect(stale.headers.get('etag')).toBe(afterFirst);
    const kept = await readDraft(t);
    expect(Object.keys(kept.document.objects.hotel.fields)).toContain('parking');
    const malformed = await save(t, withHotelField(read.document, 'gym', 'Gym'), 'draft-3');
    expect([malformed.status, malformed.body.errors]).toEqual([400, [{ path: 'header:If-Match', message: 'must be * or entity tags such as "3.q1Vb3kPz"' }]]);
    expect(Object.keys(kept.document.objects.hotel.fields)).not.toContain('gym');

    const fresh = await save(t, withHotelField(kept.document, 'gym', 'Gym'), kept.etag);
    expect(fresh.status, fresh.text).toBe(200);
    expect(Object.keys((await readDraft(t)).document.objects.hotel.fields)).toEqual(expect.arrayContaining(['parking', 'gym']));
  });

  it('refuses an old studio tab\'s save after another admin published a field, so the field is not dropped (the audit\'s repro)', async () => {
    const t = await ctx().createTenantWith(testDocument());
    // The old tab has the draft open, and has even saved an edit of it already.
    const oldTab = await readDraft(t);
    const oldEdit = await save(t, { ...oldTab.document, name: 'Hotel CRM (old tab)' }, oldTab.etag);
    expect(oldEdit.status).toBe(200);
    const oldTag = oldEdit.headers.get('etag')!;
    const oldDocument = { ...oldTab.document, name: 'Hotel CRM (old tab)' };

    // Another admin reads the draft, adds hotel.wifi and publishes version 2.
    const other = await readDraft(t);
    expect(other.etag).toBe(oldTag);
    expect((await save(t, withHotelField(other.document, 'wifi', 'Wi-Fi'), other.etag)).status).toBe(200);
    const published = await t.admin.post(url(t, '/meta/publish'), {});
    expect(published.status, published.text).toBe(200);
    expect(published.body.version).toBe(oldTab.baseVersion + 1);

    // The old tab makes a small edit of the document it loaded: refused, twice over (it held a draft tag and a live one).
    for (const tag of [oldTag, oldTab.etag]) {
      const refused = await save(t, { ...oldDocument, name: 'Hotel CRM (small edit)' }, tag);
      expect(refused.status, refused.text).toBe(412);
      expect(refused.body.code).toBe('version_mismatch');
    }
    const draft = await readDraft(t);
    expect(draft.baseVersion).toBe(published.body.version);
    expect(draft.document.objects.hotel.fields.wifi).toEqual({ type: 'boolean', label: 'Wi-Fi' });
    expect((await t.admin.get(url(t, '/meta/diff'))).body.changes).toEqual([]);
  });

  it('lets exactly one of two saves from the same draft through', async () => {
    const t = await ctx().createTenantWith(testDocument());
    for (const start of ['no draft', 'saved draft']) {
      if (start === 'saved draft') expect((await save(t, doc(), (await readDraft(t)).etag)).status).toBe(200);
      const read = await readDraft(t);
      const answers = await Promise.all([
        save(t, withHotelField(read.document, 'a', 'A'), read.etag),
        save(t, withHotelField(read.document, 'b', 'B'), read.etag),
      ]);
      expect(answers.map((a) => a.status).sort(), start).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      expect((await readDraft(t)).etag).toBe(winner.headers.get('etag'));
    }
  });

  it('refuses a tag from before a discard, even once the draft is saved again', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const held = (await save(t, withHotelField(doc(), 'a', 'A'), (await readDraft(t)).etag)).headers.get('etag')!;
    expect((await t.admin.delete(url(t, '/meta/draft'))).status).toBe(204);
    expect((await save(t, withHotelField(doc(), 'b', 'B'), (await readDraft(t)).etag)).status).toBe(200);
    expect((await save(t, withHotelField(doc(), 'c', 'C'), held)).status).toBe(412);
  });

  it('keeps clients without If-Match saving as before, accepts * and a list, and answers a malformed If-Match with 400', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const unconditional = await save(t, withHotelField(doc(), 'a', 'A'));
    expect(unconditional.status, unconditional.text).toBe(200);
    expect(unconditional.headers.get('etag')).toBe((await readDraft(t)).etag);
    expect((await save(t, withHotelField(doc(), 'b', 'B'), '*')).status).toBe(200);
    const current = (await readDraft(t)).etag;
    expect((await save(t, withHotelField(doc(), 'c', 'C'), `"1.old", ${current}`)).status).toBe(200);
    expect((await save(t, withHotelField(doc(), 'd', 'D'), `W/${(await readDraft(t)).etag}`)).status).toBe(412); // weak tags never match a precondition
    const malformed = await save(t, doc(), 'not-a-tag');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('bad_request');
  });
});

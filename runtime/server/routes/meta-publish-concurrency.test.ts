import { afterEach, expect, it, vi } from 'vitest';
import type { TenantTransactionOptions } from '../../../platform/storage/storage.ts';
import { testDocument, withHotelField } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type TestTenant } from '../../testing/test-server.ts';

describeEachServer('metadata publishes conditional on the diff reviewed (If-Match)', (ctx) => {
  const url = (t: TestTenant, path: string) => `/api/t/${t.slug}${path}`;
  afterEach(() => vi.restoreAllMocks());

  async function readDraft(t: TestTenant): Promise<{ etag: string; document: any }> {
    const res = await t.admin.get(url(t, '/meta/draft'));
    expect(res.status, res.text).toBe(200);
    return { etag: res.headers.get('etag')!, document: res.body.document };
  }

  async function save(t: TestTenant, document: unknown): Promise<string> {
    const res = await t.admin.put(url(t, '/meta/draft'), { document }, { headers: { 'if-match': (await readDraft(t)).etag } });
    expect(res.status, res.text).toBe(200);
    return res.headers.get('etag')!;
  }

  /** The publish review: the diff and the ETag of the draft it compared. */
  async function review(t: TestTenant): Promise<{ etag: string; changes: any[] }> {
    const res = await t.admin.post(url(t, '/meta/diff'), {});
    expect(res.status, res.text).toBe(200);
    return { etag: res.headers.get('etag')!, changes: res.body.changes };
  }

  function publish(t: TestTenant, body: Record<string, unknown>, ifMatch?: string) {
    return t.admin.post(url(t, '/meta/publish'), body, ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } });
  }

  const liveVersion = async (t: TestTenant): Promise<number> => (await t.admin.get(url(t, '/meta'))).body.version;
  const hotelFields = async (t: TestTenant): Promise<string[]> => Object.keys((await t.admin.get(url(t, '/meta'))).body.document.objects.hotel.fields);

  it('answers the diff with the draft\'s ETag and publishes the draft that tag names', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const saved = await save(t, withHotelField(testDocument(), 'parking', 'Parking'));
    const reviewed = await review(t);
    expect(reviewed.etag).toBe(saved);
    expect((await t.admin.get(url(t, '/meta/diff'))).headers.get('etag')).toBe(saved);
    expect(reviewed.changes).toEqual([expect.objectContaining({ path: '/objects/hotel/fields/parking', action: 'added' })]);

    const before = await liveVersion(t);
    const published = await publish(t, {}, reviewed.etag);
    expect(published.status, published.text).toBe(200);
    expect(published.body.version).toBe(before + 1);
    expect(await hotelFields(t)).toContain('parking');
    // No draft any more: the diff is empty and names the live version.
    expect((await review(t))).toEqual({ etag: `"${before + 1}"`, changes: [] });
  });

  it('refuses a publish whose reviewed draft was saved over since with 412, publishing nothing, and publishes after a new review', async () => {
    const t = await ctx().createTenantWith(testDocument());
    await save(t, withHotelField(testDocument(), 'parking', 'Parking'));
    const reviewed = await review(t);
    const before = await liveVersion(t);

    // Another admin (or tab) saves the draft behind the open review.
    const other = await save(t, withHotelField((await readDraft(t)).document, 'gym', 'Gym'));

    const refused = await publish(t, {}, reviewed.etag);
    expect(refused.status, refused.text).toBe(412);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 412, code: 'version_mismatch', currentETag: other });
    expect(await liveVersion(t)).toBe(before);
    expect(await hotelFields(t)).not.toContain('parking');
    expect((await readDraft(t)).etag).toBe(other); // the other admin's draft is left as it was

    const again = await review(t);
    expect(again.etag).toBe(other);
    expect(again.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['/objects/hotel/fields/parking', '/objects/hotel/fields/gym']));
    const published = await publish(t, {}, again.etag);
    expect(published.status, published.text).toBe(200);
    expect(await hotelFields(t)).toEqual(expect.arrayContaining(['parking', 'gym']));
  });

  it('refuses a tag from before another publish, and with no draft left answers 412 rather than publishing nothing', async () => {
    const t = await ctx().createTenantWith(testDocument());
    await save(t, withHotelField(testDocument(), 'parking', 'Parking'));
    const reviewed = await review(t);
    const first = await publish(t, {});
    expect(first.status).toBe(200);
    const refused = await publish(t, {}, reviewed.etag);
    expect(refused.status, refused.text).toBe(412);
    expect(refused.body).toMatchObject({ code: 'version_mismatch', currentETag: `"${first.body.version}"` });
    expect(await liveVersion(t)).toBe(first.body.version);
  });

  it('publishes as before without If-Match, and accepts * and a list of tags', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const reviewed = await review(t);
    await save(t, withHotelField(testDocument(), 'parking', 'Parking'));
    expect(reviewed.etag).not.toBe((await readDraft(t)).etag);
    const unconditional = await publish(t, {});
    expect(unconditional.status, unconditional.text).toBe(200);
    expect(await hotelFields(t)).toContain('parking');

    await save(t, withHotelField((await readDraft(t)).document, 'gym', 'Gym'));
    expect((await publish(t, {}, '*')).status).toBe(200);
    await save(t, withHotelField((await readDraft(t)).document, 'spa', 'Spa'));
    expect((await publish(t, {}, `"1.old", ${(await review(t)).etag}`)).status).toBe(200);
    expect(await hotelFields(t)).toEqual(expect.arrayContaining(['parking', 'gym', 'spa']));
    const malformed = await publish(t, {}, 'not-a-tag');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('bad_request');
  });

  it('asks for the destructive change to be confirmed with the tag too, and never publishes a confirmation given for another diff', async () => {
    const t = await ctx().createTenantWith(testDocument());
    expect((await t.admin.post(url(t, '/records/hotel'), { name: 'A', stars: 4, roomNights: 9 })).status).toBe(201);
    const removed: any = testDocument();
    delete removed.objects.hotel.fields.stars;
    await save(t, removed);
    const reviewed = await review(t);
    expect(reviewed.changes).toEqual([expect.objectContaining({ path: '/objects/hotel/fields/stars', classification: 'destructive', affectedRecords: 1 })]);
    const unconfirmed = await publish(t, {}, reviewed.etag);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.code).toBe('destructive_change');

    // The admin confirms the removal of stars, but meanwhile someone removed the room nights too.
    const worse: any = structuredClone(removed);
    delete worse.objects.hotel.fields.roomNights;
    const other = await save(t, worse);
    const refused = await publish(t, { confirmDestructive: true }, reviewed.etag);
    expect(refused.status, refused.text).toBe(412);
    expect(refused.body.currentETag).toBe(other);
    expect(await hotelFields(t)).toEqual(expect.arrayContaining(['stars', 'roomNights']));
    // The draft reviewed saved again is another draft: the confirmation still has to name it.
    await save(t, removed);
    expect((await publish(t, { confirmDestructive: true }, reviewed.etag)).status).toBe(412);

    const current = await review(t);
    const confirmed = await publish(t, { confirmDestructive: true }, current.etag);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(await hotelFields(t)).not.toContain('stars');
  });

  it('refuses the publish when the draft is saved between reading it and the publish transaction (412 with If-Match, 409 without)', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const storage = ctx().database.storage;
    const inTenant = storage.inTenant.bind(storage);
    for (const ifMatch of [true, false]) {
      await save(t, withHotelField((await readDraft(t)).document, `first${Number(ifMatch)}`, 'First'));
      const reviewed = await review(t);
      const before = await liveVersion(t);
      let saved: string | undefined;
      // The save lands after the publish read the draft, just before its transaction takes the tenant's writes.
      const spy = vi.spyOn(storage, 'inTenant').mockImplementation(async (tenantId: string, work: any, options?: TenantTransactionOptions) => {
        if (options?.exclusiveWrites && saved === undefined) {
          spy.mockRestore();
          saved = await save(t, withHotelField((await readDraft(t)).document, `late${Number(ifMatch)}`, 'Late'));
        }
        return inTenant(tenantId, work, options);
      });
      const refused = await publish(t, {}, ifMatch ? reviewed.etag : undefined);
      spy.mockRestore();
      expect(saved).toBeDefined();
      expect(refused.status, refused.text).toBe(ifMatch ? 412 : 409);
      expect(refused.body.code).toBe(ifMatch ? 'version_mismatch' : 'conflict');
      if (ifMatch) expect(refused.body.currentETag).toBe(saved);
      expect(await liveVersion(t)).toBe(before);
      expect((await readDraft(t)).etag).toBe(saved); // the late save is kept, not deleted by the publish
    }
  });
});

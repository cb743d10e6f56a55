import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type TestTenant } from '../../testing/test-server.ts';

describeEachServer('records API', (ctx) => {
  let tenant: TestTenant;
  const path = (p: string) => `/api/t/${tenant.slug}${p}`;

  it('creates, reads, updates and deletes with If-Match, restores a record, keeping its history', async () => {
    tenant = await ctx().createTenantWith(testDocument());
    const hotel = await tenant.admin.post(path('/records/hotel'), { name: 'Hilton Pudong', city: 'shanghai', stars: 5, roomNights: 5200 });
    expect(hotel.status).toBe(201);
    expect(hotel.headers.get('etag')).toBe('"1"');
    expect(hotel.body).toMatchObject({ name: 'Hilton Pudong', city: 'shanghai', stars: 5, version: 1, owner: expect.any(String) });
    expect(hotel.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const id = hotel.body.id;

    const got = await tenant.admin.get(path(`/records/hotel/${id}`));
    expect(got.body).toEqual(hotel.body);

    const stale = await tenant.admin.patch(path(`/records/hotel/${id}`), { stars: 4 }, { headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
    // The refusal names the version it was refused against, as a GET would.
    expect(stale.headers.get('etag')).toBe('"1"');
    const patched = await tenant.admin.patch(path(`/records/hotel/${id}`), { stars: 4, code: null }, { headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({ stars: 4, version: 2, code: null });
    const noop = await tenant.admin.patch(path(`/records/hotel/${id}`), { stars: 4 });
    expect(noop.body.version).toBe(2);

    const staleDelete = await tenant.admin.delete(path(`/records/hotel/${id}`), { headers: { 'if-match': '"1"' } });
    expect(staleDelete.status).toBe(412);
    expect(staleDelete.body).toMatchObject({ code: 'version_mismatch', currentVersion: 2 });
    expect(staleDelete.headers.get('etag')).toBe('"2"');
    expect((await tenant.admin.get(path(`/records/hotel/${id}`))).status).toBe(200);
    expect((await tenant.admin.delete(path(`/records/hotel/${id}`), { headers: { 'if-match': '"2"' } })).status).toBe(204);
    expect((await tenant.admin.get(path(`/records/hotel/${id}`))).status).toBe(404);
    expect((await tenant.admin.get(path('/records/hotel'))).body.data).toHaveLength(0);
    const restored = await tenant.admin.post(path(`/records/hotel/${id}/restore`));
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(4);
    // A retried restore finds the record live: a conflict, not "no such record".
    const again = await tenant.admin.post(path(`/records/hotel/${id}/restore`));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect((await tenant.admin.post(path('/records/hotel/00000000-0000-4000-8000-000000000000/restore'))).status).toBe(404);

    const history = await tenant.admin.get(path(`/records/hotel/${id}/history`));
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(['restore', 'delete', 'update', 'create']);
    expect(history.body.data[2].changes).toEqual({ stars: [5, 4] });
    expect(history.body.data[3].changes.name).toEqual([null, 'Hilton Pudong']);
    expect(history.body.data[3].actor).toBe(hotel.body.createdBy);
    // A cursor is a history entry's id: beyond what one can be, it is refused, not a 500.
    for (const cursor of ['9223372036854775808', '9999999999999999999']) {
      const beyond = await tenant.admin.get(path(`/records/hotel/${id}/history?cursor=${cursor}`));
      expect(beyond.status, beyond.text).toBe(400);
      expect(beyond.body.code).toBe('invalid_cursor');
    }
    expect((await tenant.admin.get(path(`/records/hotel/${id}/history?cursor=9223372036854775807`))).body.data).toHaveLength(4);
  });

  it('takes If-Match as a list of entity tags or *, comparing strongly, on updates, deletes and transitions', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Listed tags' })).body;
    const patch = (ifMatch: string, body: Record<string, unknown>) => t.admin.patch(p(`/records/lead/${lead.id}`), body, { headers: { 'if-match': ifMatch } });
    // Any listed tag that is the record's version lets the write through (RFC 9110 §13.1.1).
    const listed = await patch('"7", "1"', { score: 10 });
    expect([listed.status, listed.headers.get('etag')]).toEqual([200, '"2"']);
    expect((await patch('"1","3"', { score: 11 })).body).toMatchObject({ code: 'version_mismatch', currentVersion: 2 });
    // A weak tag never matches, even of the current version; a tag that is no version neither.
    expect((await patch('W/"2"', { score: 12 })).body).toMatchObject({ code: 'version_mismatch', currentVersion: 2 });
    expect((await patch('"draft", W/"2"', { score: 12 })).status).toBe(412);
    expect((await patch('W/"2", "2"', { score: 12 })).status).toBe(200);
    expect((await patch('*', { score: 13 })).body).toMatchObject({ score: 13, version: 4 });
    // A header that is no list of tags is a 400 with its errors entry at the header, as a bad query parameter's is at ?name.
    const junk = await patch('"4" junk', { score: 14 });
    expect([junk.status, junk.body.code, junk.body.errors]).toEqual([400, 'bad_request', [{ path: 'header:If-Match', message: 'must be * or entity tags such as "3"' }]]);
    expect((await t.admin.delete(p(`/records/lead/${lead.id}`), { headers: { 'if-match': 'four' } })).body.errors).toEqual([{ path: 'header:If-Match', message: 'must be * or entity tags such as "3"' }]);
    expect((await t.admin.patch(p('/records/lead/00000000-0000-4000-8000-000000000000'), { score: 1 }, { headers: { 'if-match': '*' } })).status).toBe(404);

    const transition = (ifMatch: string) => t.admin.post(p(`/records/lead/${lead.id}/transition`), { to: 'lost', note: 'gone' }, { headers: { 'if-match': ifMatch } });
    expect((await transition('W/"4"')).status).toBe(412);
    const moved = await transition('"3", "4"');
    expect([moved.status, moved.body.stage, moved.headers.get('etag')]).toEqual([200, 'lost', '"5"']);

    const remove = (ifMatch: string) => t.admin.delete(p(`/records/lead/${lead.id}`), { headers: { 'if-match': ifMatch } });
    expect((await remove('"4", W/"5"')).status).toBe(412);
    expect((await remove('"4", "5"')).status).toBe(204);
    expect((await t.admin.post(p(`/records/lead/${lead.id}/restore`))).status).toBe(200);
    expect((await remove('*')).status).toBe(204);
  });

  it('answers a GET naming the version held in If-None-Match with 304 and no body, until the record changes', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = (await t.admin.post(p('/records/hotel'), { name: 'Jinjiang Inn', city: 'shanghai' })).body;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Polled', hotel: hotel.id })).body;
    const get = (ifNoneMatch: string, query = '') => t.admin.get(p(`/records/lead/${lead.id}${query}`), { headers: { 'if-none-match': ifNoneMatch } });
    const unchanged = await get('"1"');
    expect([unchanged.status, unchanged.text, unchanged.headers.get('etag')]).toEqual([304, '', '"1"']);
    // Compared weakly, in a list, or any version at all.
    expect((await get('W/"1"')).status).toBe(304);
    expect((await get('"7", "1"')).status).toBe(304);
    expect((await get('*')).status).toBe(304);
    expect((await get('"7"')).status).toBe(200);
    // The hotel it embeds changes without the lead's version: with expand, always the record.
    const expanded = await get('"1"', '?expand=hotel');
    expect([expanded.status, expanded.body.hotel?.name]).toEqual([200, 'Jinjiang Inn']);
    // Changed, the version held is stale: the new one comes, with its tag.
    await t.admin.patch(p(`/records/lead/${lead.id}`), { score: 5 });
    const changed = await get('"1"');
    expect([changed.status, changed.headers.get('etag'), changed.body.score]).toEqual([200, '"2"', 5]);
    expect((await get('"2"')).status).toBe(304);
    // Deleted, it is gone whatever the tag.
    await t.admin.delete(p(`/records/lead/${lead.id}`));
    expect((await get('"2"')).status).toBe(404);
    expect((await get('junk')).status).toBe(404);
  });

  it('refuses a next visit earlier than the visit, on create (also against the visit time filled in) and on any update that makes it so', async () => {
    const document = testDocument();
    document.objects.visit!.fields.visitedAt!.default = 'now';
    document.objects.visit!.fields.nextVisitAt = { type: 'datetime', notBefore: 'visitedAt' };
    // A scheduler sets next visits without seeing when visits were made.
    document.roles!.scheduler = [
      { object: 'lead', actions: ['read'] },
      { object: 'visit', actions: ['read', 'update'], fields: ['lead', 'nextVisitAt'] },
    ];
    const t = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Visited' })).body;
    const early = await t.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: '2026-12-07T10:00:00+08:00', nextVisitAt: '2026-12-06T10:00:00+08:00' });
    expect([early.status, early.body.errors]).toEqual([422, [{ path: '/nextVisitAt', message: 'must not be earlier than visitedAt' }]]);
    // Compared as instants, whatever the offsets: 09:00 in London is 17:00 in Shanghai, after 10:00 there.
    const visit = await t.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: '2026-12-07T10:00:00+08:00', nextVisitAt: '2026-12-07T09:00:00Z' });
    expect(visit.status, visit.text).toBe(201);
    // 拜访时间 left to its default (now): a next visit in the past is refused against it.
    const past = await t.admin.post(p('/records/visit'), { lead: lead.id, nextVisitAt: '2020-01-01T00:00:00Z' });
    expect([past.status, past.body.errors?.[0]?.path]).toEqual([422, '/nextVisitAt']);
    // Moving the visit past its next visit is refused too, at the visit, the field the write changed;
    // other changes, and clearing either, are not.
    const moved = await t.admin.patch(p(`/records/visit/${visit.body.id}`), { visitedAt: '2026-12-08T10:00:00+08:00' });
    expect([moved.status, moved.body.errors]).toEqual([422, [{ path: '/visitedAt', message: 'must not be later than nextVisitAt' }]]);
    // Both changed: at the next visit, as on a create.
    const both = await t.admin.patch(p(`/records/visit/${visit.body.id}`), { visitedAt: '2026-12-08T10:00:00+08:00', nextVisitAt: '2026-12-08T09:00:00+08:00' });
    expect([both.status, both.body.errors]).toEqual([422, [{ path: '/nextVisitAt', message: 'must not be earlier than visitedAt' }]]);
    expect((await t.admin.patch(p(`/records/visit/${visit.body.id}`), { outcome: 'met_kp' })).status).toBe(200);
    expect((await t.admin.patch(p(`/records/visit/${visit.body.id}`), { nextVisitAt: null })).status).toBe(200);
    expect((await t.admin.patch(p(`/records/visit/${visit.body.id}`), { visitedAt: '2026-12-08T10:00:00+08:00' })).status).toBe(200);
    // Someone who may not read 拜访时间 is not told about it, refusal by refusal: their write is taken.
    const scheduler = await ctx().createUser(t, { email: 'scheduler@t.test', roles: ['scheduler'] });
    const blind = await scheduler.client.patch(p(`/records/visit/${visit.body.id}`), { nextVisitAt: '2026-12-08T09:00:00+08:00' });
    expect([blind.status, blind.body.visitedAt], blind.text).toEqual([200, undefined]);
    // Bulk creates are checked row by row.
    const bulk = await t.admin.post(p('/records/visit/bulk'), { op: 'create', records: [
      { lead: lead.id, visitedAt: '2026-12-07T10:00:00Z', nextVisitAt: '2026-12-09T10:00:00Z' },
      { lead: lead.id, visitedAt: '2026-12-07T10:00:00Z', nextVisitAt: '2026-12-01T10:00:00Z' },
    ] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.results.map((r: { status: number }) => r.status)).toEqual([201, 422]);
  });

  it('answers invalid writes with the problem and the pointer of each field', async () => {
    const bad = await tenant.admin.post(path('/records/hotel'), { city: 'paris', stars: 9, roomNights: 1.5, nope: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(expect.arrayContaining([{ path: '/nope', message: 'is not a field of hotel' }]));
    const values = await tenant.admin.post(path('/records/hotel'), { city: 'paris', stars: 9, roomNights: 1.5 });
    expect(values.status).toBe(422);
    const paths = values.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['/city', '/name', '/roomNights', '/stars']);
    const system = await tenant.admin.post(path('/records/hotel'), { name: 'x', owner: tenant.adminEmail, version: 3 });
    expect(system.status).toBe(403);
    expect(system.body.code).toBe('field_forbidden');
    const lead = await tenant.admin.post(path('/records/lead'), { name: 'x', hotel: '00000000-0000-4000-8000-000000000000', expectedRevenue: 12.345 });
    expect(lead.status).toBe(422);
    expect(lead.body.errors).toEqual([{ path: '/expectedRevenue', message: 'must have at most 2 decimal places' }]);
    // The problem's type is the URI api.md gives for a validation problem; others name their code.
    expect(lead.body).toMatchObject({ type: 'https://shoal.dev/problems/validation', code: 'validation_failed', status: 422, title: 'Validation failed' });
    expect(system.body.type).toBe('https://shoal.dev/problems/field-forbidden');
    // An amount a JSON number cannot hold to the cent is refused, not stored changed.
    const huge = await tenant.admin.post(path('/records/lead'), { name: 'x', expectedRevenue: 99999999999999.99 });
    expect([huge.status, huge.body.errors]).toEqual([422, [{ path: '/expectedRevenue', message: 'is too large to be kept exact to 2 decimal places (at most 90071992547409)' }]]);
    const large = await tenant.admin.post(path('/records/lead'), { name: 'Large deal', expectedRevenue: 1234567890123.45 });
    expect([large.status, large.body.expectedRevenue]).toEqual([201, 1234567890123.45]);
    const dangling = await tenant.admin.post(path('/records/lead'), { name: 'x', hotel: '00000000-0000-4000-8000-000000000000' });
    expect(dangling.status).toBe(422);
    expect(dangling.body.errors).toEqual([{ path: '/hotel', message: 'refers to a hotel that does not exist' }]);
    // A URN (urn:uuid:…) is no id: stored, it made every read that expands or joins the lookup a 500.
    const hotelId = (await tenant.admin.get(path('/records/hotel'))).body.data[0].id;
    const urn = await tenant.admin.post(path('/records/lead'), { name: 'x', hotel: `urn:uuid:${hotelId}` });
    expect(urn.status, urn.text).toBe(422);
    expect(urn.body.errors).toEqual([{ path: '/hotel', message: expect.stringContaining('uuid') }]);
    expect((await tenant.admin.get(path('/records/lead?expand=hotel'))).status).toBe(200);
    const me = (await tenant.admin.get(path('/me'))).body;
    const manager = await tenant.admin.patch(path(`/users/${me.id}`), { managerId: `urn:uuid:${me.id}` });
    expect(manager.status, manager.text).toBeLessThan(500);
    expect(manager.body.errors).toEqual([{ path: '/managerId', message: expect.stringContaining('uuid') }]);
    const read = await tenant.admin.post(path('/notifications/read'), { ids: [`urn:uuid:${me.id}`] });
    expect(read.status, read.text).toBe(400);
    expect((await tenant.admin.post(path('/records/nothing'), { name: 'x' })).status).toBe(404);
    expect((await tenant.admin.request('POST', path('/records/hotel'), { rawBody: '[1,2]', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    // A client-chosen id that a record has (or had: deleted records keep theirs) says so.
    const taken = await tenant.admin.post(path('/records/hotel'), { id: hotelId, name: 'Same id' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/id', message: expect.stringContaining('already') }] });
    const bulkTaken = await tenant.admin.post(path('/records/hotel/bulk'), { op: 'create', records: [{ id: hotelId, name: 'Same id' }] });
    expect(bulkTaken.body.results[0].error.errors).toEqual([{ path: '/id', message: expect.stringContaining('already') }]);
  });

  it('answers JSON that declares UTF-8: records carry Chinese text', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const utf8Json = 'application/json; charset=utf-8';
    const name = '上海浦东香格里拉大酒店';
    const created = await t.admin.post(p('/records/hotel'), { name, city: 'shanghai' });
    const read = await t.admin.get(p(`/records/hotel/${created.body.id}`));
    const listed = await t.admin.get(p(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name }))}`));
    for (const answer of [created, read, listed]) expect(answer.headers.get('content-type')).toBe(utf8Json);
    expect([read.body.name, listed.body.data[0].name]).toEqual([name, name]);
    for (const answer of [await t.admin.get(p('/meta')), await t.admin.get(p('/openapi.json')), await ctx().api.get('/healthz')]) {
      expect(answer.headers.get('content-type')).toBe(utf8Json);
    }
    const missing = await t.admin.get(p('/records/hotel/00000000-0000-4000-8000-000000000000'));
    expect(missing.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  });

  it('enforces unique fields, assigns autonumbers and normalises values', async () => {
    const first = await tenant.admin.post(path('/records/hotel'), { name: 'A', code: 'H-1' });
    expect(first.status).toBe(201);
    const second = await tenant.admin.post(path('/records/hotel'), { name: 'B', code: 'H-1' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/code', message: 'must be unique' }] });
    const c1 = await tenant.admin.post(path('/records/contract'), { hotel: first.body.id, amount: 100 });
    const c2 = await tenant.admin.post(path('/records/contract'), { amount: 200 });
    expect([c1.body.number, c2.body.number]).toEqual(['HC-00001', 'HC-00002']);
    const lead = await tenant.admin.post(path('/records/lead'), { name: 'L', nextCallAt: '2026-12-01T08:00:00+08:00', tags: [] });
    expect(lead.body).toMatchObject({ nextCallAt: '2026-12-01T00:00:00.000Z', tags: null, active: true, stage: 'new', poolState: 'public', owner: null });
    // A day the calendar does not have is refused, with a time as without one (not read as 2 March).
    const noSuchDay = await tenant.admin.post(path('/records/lead'), { name: 'L2', nextCallAt: '2026-02-30T10:00:00Z' });
    expect([noSuchDay.status, noSuchDay.body.errors?.[0]?.path]).toEqual([422, '/nextCallAt']);
    const filtered = await tenant.admin.get(path(`/records/lead?where=${encodeURIComponent(JSON.stringify({ nextCallAt: { $gte: '2026-02-30T00:00:00Z' } }))}`));
    expect(filtered.status).toBe(400);
  });

  it('holds a unique value per tenant and live record: changing, clearing or deleting frees it, a restore or bulk duplicate is refused', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    // Another tenant may hold the same value.
    expect((await tenant.admin.post(path('/records/hotel'), { name: 'Other tenant', code: 'SAME' })).status).toBe(201);
    const a = await t.admin.post(p('/records/hotel'), { name: 'A', code: 'SAME' });
    expect(a.status).toBe(201);
    expect((await t.admin.patch(p(`/records/hotel/${a.body.id}`), { code: 'NEW' })).status).toBe(200);
    const b = await t.admin.post(p('/records/hotel'), { name: 'B', code: 'SAME' });
    expect(b.status, b.text).toBe(201);
    const taken = await t.admin.patch(p(`/records/hotel/${a.body.id}`), { code: 'SAME' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/code', message: 'must be unique' }] });
    expect((await t.admin.get(p(`/records/hotel/${a.body.id}`))).body.code).toBe('NEW');

    expect((await t.admin.delete(p(`/records/hotel/${b.body.id}`))).status).toBe(204);
    const c = await t.admin.post(p('/records/hotel'), { name: 'C', code: 'SAME' });
    expect(c.status, c.text).toBe(201);
    const restore = await t.admin.post(p(`/records/hotel/${b.body.id}/restore`));
    expect(restore.status).toBe(409);
    expect(restore.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/code' }] });
    expect((await t.admin.patch(p(`/records/hotel/${c.body.id}`), { code: null })).status).toBe(200);
    expect((await t.admin.post(p(`/records/hotel/${b.body.id}/restore`))).status).toBe(200);

    const bulk = await t.admin.post(p('/records/hotel/bulk'), { op: 'create', records: [{ name: 'D', code: 'TWIN' }, { name: 'E', code: 'TWIN' }, { name: 'F', code: 'SAME' }] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.results.map((r: { status: number }) => r.status)).toEqual([201, 409, 409]);
    // An empty batch (a client's last slice of a list) writes nothing, as the OpenAPI says.
    for (const op of ['create', 'update', 'delete']) expect((await t.admin.post(p('/records/hotel/bulk'), { op, records: [] })).body).toEqual({ results: [] });
    expect(bulk.body.results[1].error).toMatchObject({ code: 'duplicate', errors: [{ path: '/code' }] });

    // No index of the tenant's own on records: the rule lives in record_unique_values.
    const id = (await ctx().database.storage.executeRaw('SELECT id FROM tenants WHERE slug = $1', [t.slug])).rows[0] as { id: string };
    const { rows } = await ctx().database.storage.executeRaw(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'records' AND indexname LIKE $1`, [`rx_${id.id.replace(/-/g, '')}_%`]);
    expect(rows).toEqual([]);
  });

  it('lets exactly one of concurrent creates with the same unique value through', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => t.admin.post(`/api/t/${t.slug}/records/hotel`, { name: `Race ${i}`, code: 'RACE' })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'duplicate')).toBe(true);
    const list = await t.admin.get(`/api/t/${t.slug}/records/hotel?where=${encodeURIComponent(JSON.stringify({ code: 'RACE' }))}`);
    expect(list.body.data).toHaveLength(1);
  });

  it('replays a create with the same Idempotency-Key and refuses the key for another body', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const a = await tenant.admin.post(path('/records/hotel'), { name: 'Idem' }, { headers });
    const b = await tenant.admin.post(path('/records/hotel'), { name: 'Idem' }, { headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    // The replay is the first answer as sent: same bytes (key order included), ETag and Location.
    expect(b.text).toBe(a.text);
    for (const header of ['etag', 'location', 'content-type']) expect(b.headers.get(header), header).toBe(a.headers.get(header));
    expect(a.headers.get('location')).toBe(path(`/records/hotel/${a.body.id}`));
    const list = await tenant.admin.get(path(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: 'Idem' }))}`));
    expect(list.body.data).toHaveLength(1);
    // The same body with its keys in another order (re-serialised from a map) is the same request.
    const keyed = { 'idempotency-key': 'order-43' };
    const first = await tenant.admin.post(path('/records/hotel'), { name: 'Idem 2', stars: 4 }, { headers: keyed });
    const reordered = await tenant.admin.post(path('/records/hotel'), { stars: 4, name: 'Idem 2' }, { headers: keyed });
    expect(reordered.status, reordered.text).toBe(201);
    expect(reordered.body.id).toBe(first.body.id);
    // A key kept before key order stopped counting holds the hash of the body as sent: its retry still replays.
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const sentBody = { name: 'Idem 3', stars: 2 };
    const legacyHash = createHash('sha256').update(`hotel\u0000${JSON.stringify(sentBody)}`).digest('base64url');
    const kept = await tenant.admin.post(path('/records/hotel'), sentBody, { headers: { 'idempotency-key': 'order-44' } });
    await ctx().database.storage.executeRaw('UPDATE idempotency_keys SET request_hash = $1 WHERE tenant_id = $2 AND key = $3', [legacyHash, tenantId, 'order-44']);
    const legacyRetry = await tenant.admin.post(path('/records/hotel'), sentBody, { headers: { 'idempotency-key': 'order-44' } });
    expect([legacyRetry.status, legacyRetry.body.id]).toEqual([201, kept.body.id]);
    const other = await tenant.admin.post(path('/records/hotel'), { name: 'Other' }, { headers });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency_conflict');
    // A key longer than 200 characters is refused at the header, for a create and a bulk call alike.
    const tooLong = { 'idempotency-key': 'k'.repeat(201) };
    const refusal = [400, 'bad_request', [{ path: 'header:Idempotency-Key', message: 'must be at most 200 characters' }]];
    const create = await tenant.admin.post(path('/records/hotel'), { name: 'Long key' }, { headers: tooLong });
    expect([create.status, create.body.code, create.body.errors]).toEqual(refusal);
    const bulk = await tenant.admin.post(path('/records/hotel/bulk'), { op: 'create', records: [{ name: 'Long key' }] }, { headers: tooLong });
    expect([bulk.status, bulk.body.code, bulk.body.errors]).toEqual(refusal);
    expect((await tenant.admin.post(path('/records/hotel'), { name: 'Long key' }, { headers: { 'idempotency-key': 'k'.repeat(200) } })).status).toBe(201);
  });

  it('replays a bulk call with the same Idempotency-Key, concurrent retries included, and refuses the key for another call', async () => {
    const headers = { 'idempotency-key': 'etl-batch-7' };
    const body = { op: 'create', records: [{ name: 'Bulk idem A' }, { name: 'Bulk idem B', stars: 9 }] };
    const answers = await Promise.all([1, 2, 3].map(() => tenant.admin.post(path('/records/hotel/bulk'), body, { headers })));
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(200);
      expect(answer.text).toBe(answers[0]!.text);
    }
    expect(answers[0]!.body.results.map((r: { status: number }) => r.status)).toEqual([201, 422]);
    const written = await tenant.admin.get(path(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: { $startsWith: 'Bulk idem' } }))}&count=true`));
    expect(written.body.total).toBe(1);
    const again = await tenant.admin.post(path('/records/hotel/bulk'), { op: 'create', records: [{ name: 'Bulk idem C' }] }, { headers });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('idempotency_conflict');
    // The same key for a create is another request.
    expect((await tenant.admin.post(path('/records/hotel'), { name: 'Bulk idem A' }, { headers })).body.code).toBe('idempotency_conflict');
  });

  it('filters, sorts, pages, counts, selects fields and expands lookups', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const cities = ['beijing', 'shanghai', 'nanjing', 'suzhou'];
    const hotels: Array<{ id: string; name: string; city: string; stars: number }> = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.admin.post(p('/records/hotel'), { name: `Hotel ${String(i).padStart(2, '0')}`, city: cities[i % 4], stars: (i % 5) + 1, ...(i % 3 === 0 ? {} : { roomNights: i * 100 }) });
      hotels.push(res.body);
    }
    const where = encodeURIComponent(JSON.stringify({ city: { $in: ['beijing', 'nanjing'] }, stars: { $gte: 2 } }));
    const filtered = await t.admin.get(p(`/records/hotel?where=${where}&orderBy=name&count=true`));
    const expected = hotels.filter((h) => ['beijing', 'nanjing'].includes(h.city) && h.stars >= 2).map((h) => h.name).sort();
    expect(filtered.body.data.map((h: { name: string }) => h.name)).toEqual(expected);
    expect(filtered.body.total).toBe(expected.length);

    // Paging by -roomNights (nulls last) visits every hotel exactly once, in order.
    const seen: Array<number | null> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ roomNights: number | null }>; nextCursor: string | null } } =
        await t.admin.get(p(`/records/hotel?orderBy=-roomNights&limit=5${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.body.data.map((h) => h.roomNights));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(seen.slice(0, 8)).toEqual([1100, 1000, 800, 700, 500, 400, 200, 100]);
    expect(seen.slice(8)).toEqual([null, null, null, null]);

    // A select sorts by its options' order (beijing, shanghai, nanjing, suzhou), not alphabetically,
    // empty ones last in both directions; paging by it visits each hotel once.
    await t.admin.post(p('/records/hotel'), { name: 'Hotel without a city' });
    const pages = async (order: string) => {
      const names: string[] = [];
      let next: string | null = null;
      do {
        const page: { body: { data: Array<{ name: string; city?: string }>; nextCursor: string | null } } =
          await t.admin.get(p(`/records/hotel?orderBy=${order}&limit=5${next ? `&cursor=${next}` : ''}`));
        names.push(...page.body.data.map((h) => `${h.city ?? '-'}:${h.name}`));
        next = page.body.nextCursor;
      } while (next);
      return names;
    };
    const byCity = (ascending: boolean) => [
      ...(ascending ? cities : [...cities].reverse()).flatMap((city) => hotels.filter((h) => h.city === city).map((h) => `${city}:${h.name}`)),
      '-:Hotel without a city',
    ];
    expect(await pages('city,name')).toEqual(byCity(true));
    expect(await pages('-city,name')).toEqual(byCity(false));
    expect((await pages('city')).map((n) => n.split(':')[0])).toEqual(byCity(true).map((n) => n.split(':')[0]));

    const badCursor = await t.admin.get(p('/records/hotel?orderBy=name&cursor=abc'));
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('invalid_cursor');
    const badFilter = await t.admin.get(p(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ stars: { $gte: 'five' } }))}`));
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors).toEqual([{ path: '?where/stars/$gte', message: 'must be a number' }]);
    expect((await t.admin.get(p('/records/hotel?where={oops'))).status).toBe(400);
    expect((await t.admin.get(p('/records/hotel?limit=501'))).status).toBe(400);
    expect((await t.admin.get(p('/records/hotel?orderBy=nope'))).status).toBe(400);

    const fields = await t.admin.get(p('/records/hotel?fields=name&limit=1'));
    expect(Object.keys(fields.body.data[0]).sort()).toEqual(['createdAt', 'createdBy', 'id', 'name', 'owner', 'updatedAt', 'updatedBy', 'version'].sort());

    const lead = await t.admin.post(p('/records/lead'), { name: 'Lead', hotel: hotels[0]!.id });
    const expanded = await t.admin.get(p(`/records/lead/${lead.body.id}?expand=hotel,createdBy`));
    expect(expanded.body.hotel).toMatchObject({ id: hotels[0]!.id, name: 'Hotel 00' });
    expect(expanded.body.createdBy).toMatchObject({ email: t.adminEmail });
    const queried = await t.admin.post(p('/records/lead/query'), { where: { 'hotel.city': 'beijing' }, expand: ['hotel'] });
    expect(queried.body.data.map((l: { id: string }) => l.id)).toEqual([lead.body.id]);
    // A lookup to expand comes with the fields asked for, whether or not they name it.
    const narrow = await t.admin.get(p(`/records/lead?fields=name&expand=hotel&where=${encodeURIComponent(JSON.stringify({ id: lead.body.id }))}`));
    expect(narrow.body.data[0]).toMatchObject({ name: 'Lead', hotel: { id: hotels[0]!.id, name: 'Hotel 00' } });
    expect((await t.admin.get(p(`/records/lead/${lead.body.id}?fields=name&expand=hotel`))).body.hotel).toMatchObject({ id: hotels[0]!.id });
    const narrowQuery = await t.admin.post(p('/records/lead/query'), { where: { id: lead.body.id }, fields: ['name'], expand: ['hotel'] });
    expect(narrowQuery.body.data[0].hotel).toMatchObject({ name: 'Hotel 00' });
  });

  it('says which key of a condition is no operator, and that an empty condition names none, in the query string and in a query body', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const refused = async (where: unknown) => {
      const [get, post] = [await t.admin.get(`/api/t/${t.slug}/records/hotel?where=${encodeURIComponent(JSON.stringify(where))}`), await t.admin.post(`/api/t/${t.slug}/records/hotel/query`, { where })];
      // The same problems, each pointing where the filter was: into ?where, or at /where of the body.
      const at = (errors: Array<{ path: string; message: string }>, base: string) => errors.map((e) => `${e.path.startsWith(base) ? e.path.slice(base.length) : e.path} ${e.message}`);
      expect(at(post.body.errors, '/where'), JSON.stringify(where)).toEqual(at(get.body.errors, '?where'));
      expect([get.status, get.body.code], JSON.stringify(where)).toEqual([400, 'invalid_filter']);
      return at(get.body.errors, '?where');
    };
    // A range with a key that lost its $ ("lte" for "$lte"): it was "/stars must be a number", of the whole object.
    expect(await refused({ stars: { $gte: 2, lte: 4 } })).toEqual(['/stars/lte is not an operator (operators start with $, e.g. $gt, $in)']);
    expect(await refused({ $or: [{ name: { $contains: 'x', startsWith: 'H', in: ['a'] } }] })).toEqual([
      '/$or/0/name/startsWith is not an operator (operators start with $, e.g. $gt, $in)', '/$or/0/name/in is not an operator (operators start with $, e.g. $gt, $in)',
    ]);
    expect(await refused({ stars: {} })).toEqual(['/stars needs at least one operator, e.g. { "$gt": 5 }']);
    // An object without operators is still a value the field cannot hold.
    expect(await refused({ stars: { max: 4 } })).toEqual(['/stars must be a number']);
    expect((await t.admin.get(`/api/t/${t.slug}/records/hotel?where=${encodeURIComponent(JSON.stringify({ stars: { $gte: 2, $lte: 4 } }))}`)).status).toBe(200);
  });

  it('says what is wrong with an orderBy that has a lone sign or a doubled sign, and passes over an empty entry as before', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const list = async (orderBy: string) => {
      const res = await t.admin.get(`/api/t/${t.slug}/records/hotel?orderBy=${encodeURIComponent(orderBy)}`);
      expect(res.status, `${orderBy}: ${res.text}`).toBe(400);
      expect(res.body.code).toBe('bad_request');
      return res.body.errors.map((e: { path: string; message: string }) => `${e.path} ${e.message}`);
    };
    expect(await list('-')).toEqual(["?orderBy needs a field name after '-'"]);
    expect(await list('name,-')).toEqual(["?orderBy needs a field name after '-'"]);
    expect(await list('')).toEqual(['?orderBy must name at least one field']);
    for (const loose of [',name', 'name,', 'name,,city']) expect((await t.admin.get(`/api/t/${t.slug}/records/hotel?orderBy=${encodeURIComponent(loose)}`)).status, loose).toBe(200);
    expect(await list('--name')).toEqual(["?orderBy --name: put one '-' (descending) or nothing before a field name"]);
    const posted = await t.admin.post(`/api/t/${t.slug}/records/hotel/query`, { orderBy: '-' });
    expect([posted.status, posted.body.detail]).toEqual([400, "orderBy: needs a field name after '-'"]);
    expect((await t.admin.get(`/api/t/${t.slug}/records/hotel?orderBy=${encodeURIComponent('-name, city')}`)).status).toBe(200);
  });

  it('refuses to delete a record others refer to, and clears lookups that ask for it', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const hotel = await t.admin.post(p('/records/hotel'), { name: 'Ref' });
    const lead = await t.admin.post(p('/records/lead'), { name: 'L', hotel: hotel.body.id });
    const contract = await t.admin.post(p('/records/contract'), { lead: lead.body.id, amount: 5 });
    const refused = await t.admin.delete(p(`/records/hotel/${hotel.body.id}`));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'referenced', errors: [{ path: '/lead/hotel', count: 1 }] });
    expect((await t.admin.delete(p(`/records/lead/${lead.body.id}`))).status).toBe(204);
    const cleared = await t.admin.get(p(`/records/contract/${contract.body.id}`));
    expect(cleared.body.lead).toBeNull();
    const history = await t.admin.get(p(`/records/contract/${contract.body.id}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'update', changes: { lead: [lead.body.id, null] } });
  });

  it('refuses to restore a record whose lookup target was deleted since, naming the field and the target', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const lead = (await t.admin.post(p('/records/lead'), { name: 'Gone' })).body;
    const visit = (await t.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: '2026-12-07T10:00:00Z' })).body;
    expect((await t.admin.delete(p(`/records/visit/${visit.id}`))).status).toBe(204);
    // With the visit deleted nothing holds the lead back.
    expect((await t.admin.delete(p(`/records/lead/${lead.id}`))).status).toBe(204);
    const refused = await t.admin.post(p(`/records/visit/${visit.id}/restore`));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'refers_to_deleted',
      errors: [{ path: '/lead', message: `refers to lead ${lead.id}, which is deleted; restore it first` }],
    });
    expect((await t.admin.get(p(`/records/visit/${visit.id}`))).status).toBe(404);
    // Restoring the lead first lets the visit back.
    expect((await t.admin.post(p(`/records/lead/${lead.id}/restore`))).status).toBe(200);
    expect((await t.admin.post(p(`/records/visit/${visit.id}/restore`))).body).toMatchObject({ lead: lead.id });
  });
});

describeEachServer('the user object', (ctx) => {
  it('lists colleagues read-only, attributes for admins only', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'zed@u.test', name: 'Zed', roles: ['bd'], attributes: { team: 'x' } });
    const asBd = await bd.client.get(`/api/t/${t.slug}/records/user?count=true`);
    expect(asBd.status).toBe(200);
    expect(asBd.body.total).toBe(2);
    expect(asBd.body.data.find((u: { email: string }) => u.email === 'zed@u.test')).toEqual({ id: bd.id, email: 'zed@u.test', name: 'Zed', roles: ['bd'], managerId: null, active: true });
    const asAdmin = await t.admin.get(`/api/t/${t.slug}/records/user/${bd.id}`);
    expect(asAdmin.body.attributes).toEqual({ team: 'x' });
    // No version, so no entity tag (it read "undefined"); read-only, so GET (and HEAD) alone.
    expect(asAdmin.headers.get('etag')).toBeNull();
    expect(asAdmin.headers.get('allow')).toBe('GET, HEAD');
    const filtered = await bd.client.get(`/api/t/${t.slug}/records/user?where=${encodeURIComponent(JSON.stringify({ roles: 'bd' }))}`);
    expect(filtered.body.data.map((u: { id: string }) => u.id)).toEqual([bd.id]);
    const byAttributes = await bd.client.get(`/api/t/${t.slug}/records/user?where=${encodeURIComponent(JSON.stringify({ $or: [{ 'attributes.team': 'x' }, { 'managerId.attributes.team': 'x' }] }))}`);
    expect(byAttributes.status).toBe(400);
    expect(byAttributes.body).toMatchObject({ code: 'invalid_filter', errors: [{ path: '?where/$or/0/attributes.team' }, { path: '?where/$or/1/managerId.attributes.team' }] });
    // Text that merely mentions attributes, and the caller's own attributes as a value, are no such condition.
    const mentioning = await bd.client.get(`/api/t/${t.slug}/records/user?where=${encodeURIComponent(JSON.stringify({ name: { $contains: 'attributes.' }, email: { $ne: '$user.attributes.team' } }))}`);
    expect([mentioning.status, mentioning.body.data]).toEqual([200, []]);
    expect((await t.admin.post(`/api/t/${t.slug}/records/user`, { name: 'x' })).status).toBe(404);
  });

  it('sorts, pages, narrows and expands colleagues as every other list, and names a parameter that does not apply', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const base = `/api/t/${t.slug}/records/user`;
    const boss = await ctx().createUser(t, { email: 'b@u.test', name: 'Boss', roles: ['bd'], attributes: { team: 'x' } });
    for (const [i, name] of ['Cy', 'Al', 'Di', 'Bo'].entries()) await ctx().createUser(t, { email: `${String.fromCharCode(122 - i)}@u.test`, name, roles: ['bd'], managerId: boss.id });
    const names = async (query: string, client = t.admin) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; text: string; body: { data: Array<{ name: string }>; nextCursor: string | null } } = await client.get(`${base}?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, res.text).toBe(200);
        seen.push(...res.body.data.map((u) => u.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen.filter((n) => ['Boss', 'Cy', 'Al', 'Di', 'Bo'].includes(n));
    };
    expect(await names('orderBy=-name')).toEqual(['Di', 'Cy', 'Boss', 'Bo', 'Al']);
    expect(await names('orderBy=email')).toEqual(['Boss', 'Bo', 'Di', 'Al', 'Cy']);
    expect(await names('orderBy=-active,-email', boss.client)).toEqual(['Cy', 'Al', 'Di', 'Bo', 'Boss']);
    // A cursor belongs to its orderBy.
    const first = await t.admin.get(`${base}?orderBy=-name&limit=1`);
    expect((await t.admin.get(`${base}?orderBy=name&cursor=${first.body.nextCursor}`)).body.code).toBe('invalid_cursor');

    const narrow = await t.admin.get(`${base}?fields=name&expand=managerId&where=${encodeURIComponent(JSON.stringify({ name: 'Al' }))}`);
    expect(narrow.body.data).toEqual([{ id: expect.any(String), name: 'Al', managerId: { id: boss.id, name: 'Boss', email: 'b@u.test' } }]);
    const one = await boss.client.get(`${base}/${boss.id}?fields=email,attributes`);
    expect(one.body).toEqual({ id: boss.id, email: 'b@u.test' });
    const queried = await boss.client.post(`${base}/query`, { orderBy: '-name', fields: ['name'], limit: 1 });
    expect(queried.body.data).toEqual([{ id: expect.any(String), name: 'Di' }]);

    const refused = async (query: string, path: string, message: string) => {
      const res = await t.admin.get(`${base}?${query}`);
      expect([res.status, res.body.code], res.text).toEqual([400, 'bad_request']);
      expect(res.body.errors).toEqual([{ path, message }]);
    };
    await refused('orderBy=roles', '?orderBy', 'cannot sort by roles (a list of values)');
    await refused('orderBy=managerId', '?orderBy', 'cannot sort colleagues by managerId (sortable: name, email, active, id)');
    await refused('orderBy=attributes.team', '?orderBy', 'cannot sort by attributes.team (a JSON value)');
    await refused('fields=phone', '?fields', 'phone is not a field');
    await refused('expand=roles', '?expand', 'roles is not a lookup');
    const linkable = await t.admin.get(`${base}?linkable=visit.lead`);
    expect([linkable.status, linkable.body.code, linkable.body.errors?.[0]?.path]).toEqual([400, 'unknown_parameter', '?linkable']);
    const postedLinkable = await t.admin.post(`${base}/query`, { linkable: 'visit.lead' });
    expect([postedLinkable.status, postedLinkable.body.errors?.[0]?.path]).toEqual([400, '?linkable']);
  });
});

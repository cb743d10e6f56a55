import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

interface View { id: string; label: string; position: number; version: number; definition: Record<string, unknown> }

const hangzhou = { where: { source: 'bd', score: { $gte: 50 } }, orderBy: '-score,name', columns: ['name', 'score', 'stage'], display: 'kanban' };

describeEachServer('personal views', (ctx) => {
  let tenant: TestTenant;
  let bd: { id: string; client: ApiClient };
  let colleague: { id: string; client: ApiClient };
  const q = (path: string, slug = tenant.slug) => `/api/t/${slug}${path}`;
  const save = (client: ApiClient, label: string, definition: object = hangzhou, object = 'lead') => client.post(q(`/me/views/${object}`), { label, definition });
  const labels = async (client: ApiClient, object = 'lead', slug = tenant.slug) => ((await client.get(q(`/me/views/${object}`, slug))).body.data as View[]).map((v) => v.label);

  beforeAll(async () => {
    tenant = await ctx().createTenantWith(testDocument());
    bd = await ctx().createUser(tenant, { email: 'bd@views.test', roles: ['bd'] });
    colleague = await ctx().createUser(tenant, { email: 'colleague@views.test', roles: ['bd'] });
  });

  it('keeps a view on the server for its user: saved, listed, read, renamed, changed and deleted', async () => {
    const created = await save(bd.client, '  我的杭州线索 ');
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ object: 'lead', label: '我的杭州线索', definition: hangzhou, position: 0, version: 1 });
    expect(created.headers.get('location')).toBe(q(`/me/views/lead/${created.body.id}`));
    // Signed in again (another session, as on another device): the view is there.
    const again = await ctx().login(tenant.slug, 'bd@views.test', 'user-password-1');
    expect(await labels(again)).toEqual(['我的杭州线索']);
    const read = await bd.client.get(q(`/me/views/lead/${created.body.id}`));
    expect([read.status, read.body.label, read.headers.get('etag')]).toEqual([200, '我的杭州线索', '"1"']);

    const renamed = await bd.client.patch(q(`/me/views/lead/${created.body.id}`), { label: '杭州 · 高分' }, { headers: { 'if-match': '"1"' } });
    expect([renamed.status, renamed.body.label, renamed.body.version, renamed.headers.get('etag')]).toEqual([200, '杭州 · 高分', 2, '"2"']);
    expect(renamed.body.definition).toEqual(hangzhou);
    const stale = await bd.client.patch(q(`/me/views/lead/${created.body.id}`), { label: 'Lost update' }, { headers: { 'if-match': '"1"' } });
    expect([stale.status, stale.body.code, stale.headers.get('etag')]).toEqual([412, 'version_mismatch', '"2"']);
    // Without If-Match the last write wins.
    const changed = await bd.client.patch(q(`/me/views/lead/${created.body.id}`), { definition: { orderBy: 'name' } });
    expect([changed.status, changed.body.definition, changed.body.label]).toEqual([200, { orderBy: 'name' }, '杭州 · 高分']);

    expect((await bd.client.delete(q(`/me/views/lead/${created.body.id}`), { headers: { 'if-match': '"2"' } })).status).toBe(412);
    expect((await bd.client.delete(q(`/me/views/lead/${created.body.id}`))).status).toBe(204);
    expect(await labels(bd.client)).toEqual([]);
    expect((await bd.client.get(q(`/me/views/lead/${created.body.id}`))).status).toBe(404);
  });

  it('shows a user only their own views: a colleague gets 404 for mine, another tenant sees none', async () => {
    const mine = (await save(bd.client, 'Mine only')).body as View;
    expect(await labels(colleague.client)).toEqual([]);
    for (const res of [
      await colleague.client.get(q(`/me/views/lead/${mine.id}`)),
      await colleague.client.patch(q(`/me/views/lead/${mine.id}`), { label: 'Taken over' }),
      await colleague.client.delete(q(`/me/views/lead/${mine.id}`)),
      await tenant.admin.get(q(`/me/views/lead/${mine.id}`)),
    ]) expect([res.status, res.body.code]).toEqual([404, 'not_found']);
    const order = await colleague.client.put(q('/me/views/lead/order'), { ids: [mine.id] });
    expect(order.status).toBe(409);
    expect(await labels(bd.client)).toEqual(['Mine only']);
    // A colleague may use the same label for their own view.
    expect((await save(colleague.client, 'Mine only')).status).toBe(201);

    const other = await ctx().createTenantWith(testDocument());
    expect(await labels(other.admin, 'lead', other.slug)).toEqual([]);
    expect((await other.admin.get(q(`/me/views/lead/${mine.id}`, other.slug))).status).toBe(404);
    expect((await bd.client.get(q('/me/views/lead', other.slug))).status).toBe(401);
    // Row-level security alone, with no tenant predicate, keeps the other tenant's transaction from them.
    const { storage } = ctx().database;
    const otherId = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = ${other.slug}`.execute(storage.db)).rows[0]!.id;
    const seen = await storage.inTenant(otherId, async (tx) => (await sql<{ n: string }>`SELECT count(*)::text AS n FROM personal_views`.execute(tx)).rows[0]!.n);
    expect(seen).toBe('0');
    await bd.client.delete(q(`/me/views/lead/${mine.id}`));
  });

  it('checks a definition as the record list checks the same settings', async () => {
    const unknownField = await save(bd.client, 'Bad filter', { where: { nope: 1 } });
    const listed = await bd.client.get(q(`/records/lead?where=${encodeURIComponent('{"nope":1}')}`));
    expect([unknownField.status, unknownField.body.code]).toEqual([listed.status, listed.body.code]);
    expect(unknownField.body).toMatchObject({ status: 400, code: 'invalid_filter', errors: [{ path: '/definition/where/nope' }] });
    const unknownOperator = await save(bd.client, 'Bad operator', { where: { score: { $near: 5 } } });
    expect(unknownOperator.body).toMatchObject({ status: 400, code: 'invalid_filter', errors: [{ path: '/definition/where/score/$near' }] });
    const badValue = await save(bd.client, 'Bad value', { where: { score: { $gte: 'many' } } });
    expect([badValue.status, badValue.body.code]).toEqual([400, 'invalid_filter']);

    const order = await save(bd.client, 'Bad order', { orderBy: '-nope' });
    expect(order.body).toMatchObject({ status: 400, code: 'bad_request', errors: [{ path: '/definition/orderBy', message: 'nope is not a field of lead' }] });
    const columns = await save(bd.client, 'Bad columns', { columns: ['name', 'nope'] });
    expect(columns.body).toMatchObject({ status: 400, code: 'bad_request', errors: [{ path: '/definition/columns/1' }] });
    // An auditor reads a lead's name, stage, score and (some) revenue: a column of its phone is refused.
    const auditor = await ctx().createUser(tenant, { email: 'auditor@views.test', roles: ['auditor'] });
    const hidden = await save(auditor.client, 'Phones', { columns: ['name', 'contactPhone'], orderBy: 'contactName' });
    expect(hidden.body).toMatchObject({ status: 400, code: 'bad_request' });
    expect(hidden.body.errors).toEqual([{ path: '/definition/columns/1', message: 'contactPhone is not a field you may read' }]);
    // Sorted as the list may be sorted: the list takes that order from the auditor, so a view does too.
    expect((await auditor.client.get(q('/records/lead?orderBy=contactName'))).status).toBe(200);
    expect((await save(auditor.client, 'By contact', { orderBy: 'contactName' })).status).toBe(201);
    expect((await save(auditor.client, 'Scores', { columns: ['name', 'score', 'expectedRevenue'], orderBy: '-score' })).status).toBe(201);

    const board = await save(bd.client, 'Hotel board', { display: 'kanban' }, 'hotel');
    expect(board.body).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: '/definition/display' }] });
    const blank = await save(bd.client, '   ');
    expect(blank.body).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: '/label', message: 'must not be blank' }] });
    const long = await save(bd.client, '线'.repeat(101));
    expect(long.body).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: '/label' }] });
    expect((await save(bd.client, '线'.repeat(100))).status).toBe(201);
    const noDefinition = await bd.client.post(q('/me/views/lead'), { label: 'No definition' });
    expect([noDefinition.status, noDefinition.body.code]).toEqual([400, 'bad_request']);
    const extra = await save(bd.client, 'Extra', { where: {}, groupBy: 'city' });
    expect([extra.status, extra.body.code]).toEqual([400, 'bad_request']);
    // No such object, or one the caller may never read: 404, as for its records.
    expect((await save(bd.client, 'Nothing', {}, 'nothing')).status).toBe(404);
    expect((await save(bd.client, 'Contracts', {}, 'contract')).status).toBe(404);
    expect((await bd.client.get(q('/me/views/contract'))).status).toBe(404);
    expect(await labels(bd.client)).toEqual(['线'.repeat(100)]);
  });

  it('keeps labels unique per user and object, also when two saves race', async () => {
    const user = await ctx().createUser(tenant, { email: 'labels@views.test', roles: ['bd'] });
    const first = (await save(user.client, 'Hot')).body as View;
    const twice = await save(user.client, ' Hot ');
    expect([twice.status, twice.body.code, twice.body.errors?.[0]?.path]).toEqual([409, 'duplicate', '/label']);
    expect((await save(user.client, 'Hot', {}, 'hotel')).status).toBe(201);
    const other = (await save(user.client, 'Cold')).body as View;
    const rename = await user.client.patch(q(`/me/views/lead/${other.id}`), { label: 'Hot' });
    expect([rename.status, rename.body.code]).toEqual([409, 'duplicate']);
    // Renaming a view to its own label is no conflict.
    expect((await user.client.patch(q(`/me/views/lead/${first.id}`), { label: 'Hot' })).status).toBe(200);
    const racing = await Promise.all(Array.from({ length: 5 }, () => save(user.client, 'Racing')));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await labels(user.client)).toEqual(['Hot', 'Cold', 'Racing']);
  });

  it('keeps the user’s order, and refuses an order that misses a view', async () => {
    const user = await ctx().createUser(tenant, { email: 'order@views.test', roles: ['bd'] });
    const [a, b, c] = [(await save(user.client, 'A')).body as View, (await save(user.client, 'B')).body as View, (await save(user.client, 'C')).body as View];
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    const reordered = await user.client.put(q('/me/views/lead/order'), { ids: [c.id, a.id, b.id] });
    expect(reordered.status, reordered.text).toBe(200);
    expect((reordered.body.data as View[]).map((v) => [v.label, v.position, v.version])).toEqual([['C', 0, 1], ['A', 1, 1], ['B', 2, 1]]);
    expect(await labels(user.client)).toEqual(['C', 'A', 'B']);
    // A new view goes last.
    await save(user.client, 'D');
    expect(await labels(user.client)).toEqual(['C', 'A', 'B', 'D']);
    const missing = await user.client.put(q('/me/views/lead/order'), { ids: [a.id, b.id, c.id] });
    expect([missing.status, missing.body.code]).toEqual([409, 'conflict']);
    const repeated = await user.client.put(q('/me/views/lead/order'), { ids: [a.id, a.id] });
    expect(repeated.status).toBe(400);
    expect(await labels(user.client)).toEqual(['C', 'A', 'B', 'D']);
  });

  it('limits the views one user keeps of one object', async () => {
    const user = await ctx().createUser(tenant, { email: 'limit@views.test', roles: ['bd'] });
    for (let i = 1; i <= 100; i++) expect((await save(user.client, `View ${i}`, {})).status).toBe(201);
    const over = await save(user.client, 'View 101', {});
    expect(over.body).toMatchObject({ status: 409, code: 'view_limit_reached', limit: 100 });
    // Other objects, and other users, have their own allowance.
    expect((await save(user.client, 'A hotel view', {}, 'hotel')).status).toBe(201);
    expect((await save(colleague.client, 'View 101', {})).status).toBe(201);
    const views = (await user.client.get(q('/me/views/lead'))).body.data as View[];
    expect(views).toHaveLength(100);
    expect((await user.client.delete(q(`/me/views/lead/${views[0]!.id}`))).status).toBe(204);
    expect((await save(user.client, 'View 101', {})).status).toBe(201);
  });
});

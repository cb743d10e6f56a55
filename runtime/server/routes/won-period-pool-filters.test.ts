import { expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

/**
 * The system fields a manager's dashboards count by: `stageEnteredAt` (when a record entered its
 * stage, so "won this month" is a filter) and `pool` (which of an object's pools holds it). Both
 * are returned, filter, sort and group like the other system fields.
 */
describeEachServer('stageEnteredAt and pool as system fields', (ctx) => {
  /** A north-team pool for BD-sourced leads, then the general pool for the rest. */
  const general = testDocument().pools!.leadPool!;
  const pools = { northPool: { ...general, label: { en: 'North leads', zh: '北区线索' }, where: { source: 'bd' }, members: { 'attributes.team': 'north' } }, leadPool: general };

  it('counts the records won in a period by when they were won, per owner and per pool, the list matching the aggregate', async () => {
    ctx().setNow('2026-01-20T04:00:00.000Z');
    const t = await ctx().createTenantWith(testDocument({ pools }));
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const north = await ctx().createUser(t, { email: 'north@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const south = await ctx().createUser(t, { email: 'south@t.test', roles: ['bd'], attributes: { team: 'south' } });
    const create = async (name: string, source: string) => (await t.admin.post(p('/records/lead'), { name, source })).body.id as string;
    const referred = await create('Referred', 'bd');
    const early = await create('Won in January', 'crawl');
    const open = await create('Still open', 'crawl');
    expect((await north.client.post(p('/pools/northPool/claim'), { id: referred })).status).toBe(200);
    for (const id of [early, open]) expect((await south.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    // Created in January, won in January; the other lead created in January, won in March
    // (signed straight from new, with what the stages skipped require).
    const signed = { to: 'signed', values: { contactName: '李雷', contactPhone: '+86 138 0000 0001', expectedRevenue: 10_000 } };
    expect((await south.client.post(p(`/records/lead/${early}/transition`), signed)).status).toBe(200);
    ctx().setNow('2026-03-10T04:00:00.000Z');
    expect((await north.client.post(p(`/records/lead/${referred}/transition`), signed)).status).toBe(200);
    ctx().setNow('2026-03-20T04:00:00.000Z');

    const lead = async (id: string) => (await t.admin.get(p(`/records/lead/${id}`))).body;
    expect(await lead(early)).toMatchObject({ stage: 'signed', stageEnteredAt: '2026-01-20T04:00:00.000Z', pool: 'leadPool', createdAt: '2026-01-20T04:00:00.000Z' });
    expect(await lead(referred)).toMatchObject({ stage: 'signed', stageEnteredAt: '2026-03-10T04:00:00.000Z', pool: 'northPool' });
    expect(await lead(open)).toMatchObject({ stage: 'new', stageEnteredAt: '2026-01-20T04:00:00.000Z' });
    // An object with neither a pipeline nor a pool has neither field.
    const hotel = (await t.admin.post(p('/records/hotel'), { name: 'Plain' })).body;
    expect(hotel).not.toHaveProperty('stageEnteredAt');
    expect(hotel).not.toHaveProperty('pool');

    const wonSince = (since: string) => ({ stage: { $in: ['signed'] }, stageEnteredAt: { $gte: since } });
    const byOwner = async (where: unknown) => {
      const res = await t.admin.post(p('/records/lead/aggregate'), { where, groupBy: ['owner'], metrics: [{ fn: 'count', as: 'n' }] });
      expect(res.status, res.text).toBe(200);
      return Object.fromEntries(res.body.data.map((r: { owner: string; n: number }) => [r.owner, Number(r.n)]));
    };
    const names = async (where: unknown) => (await t.admin.post(p('/records/lead/query'), { where, orderBy: '-stageEnteredAt' })).body.data.map((r: { name: string }) => r.name);
    // This month: only the lead won in March, though both were created in January.
    expect(await byOwner(wonSince('startOfMonth'))).toEqual({ [north.id]: 1 });
    expect(await names({ ...wonSince('startOfMonth'), owner: north.id })).toEqual(['Referred']);
    expect(await names({ ...wonSince('startOfMonth'), owner: south.id })).toEqual([]);
    expect(await byOwner(wonSince('startOfYear'))).toEqual({ [north.id]: 1, [south.id]: 1 });
    expect(await names(wonSince('startOfYear'))).toEqual(['Referred', 'Won in January']);
    expect(await byOwner({ ...wonSince('startOfMonth-2M'), stageEnteredAt: { $gte: 'startOfMonth-2M', $lt: 'startOfMonth' } })).toEqual({ [south.id]: 1 });

    // One pool's private records, not the other's; grouping by pool splits them.
    expect(await byOwner({ pool: 'leadPool', poolState: 'private' })).toEqual({ [south.id]: 2 });
    expect(await byOwner({ pool: 'northPool', poolState: 'private' })).toEqual({ [north.id]: 1 });
    const perPool = await t.admin.post(p('/records/lead/aggregate'), { groupBy: ['pool'], metrics: [{ fn: 'count', as: 'n' }] });
    expect(Object.fromEntries(perPool.body.data.map((r: { pool: string; n: number }) => [r.pool, Number(r.n)]))).toEqual({ leadPool: 2, northPool: 1 });
    // A pool that does not exist is a bad value, pointed at; the fields are read-only.
    const unknown = await t.admin.post(p('/records/lead/query'), { where: { pool: 'southPool' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'invalid_filter', errors: [expect.objectContaining({ path: '/where/pool' })] });
    const write = await t.admin.patch(p(`/records/lead/${open}`), { pool: 'northPool', stageEnteredAt: '2026-03-01T00:00:00.000Z' });
    expect(write.status).toBe(403);
    expect(write.body.errors.map((e: { path: string }) => e.path)).toEqual(['/pool', '/stageEnteredAt']);

    // The tenant's OpenAPI describes both, the pool with the object's pools as its values.
    const schema = (await t.admin.get(p('/openapi.json'))).body.components.schemas.Lead;
    expect(schema.properties.stageEnteredAt).toMatchObject({ format: 'date-time', readOnly: true });
    expect(schema.properties.pool).toMatchObject({ enum: ['northPool', 'leadPool', null], readOnly: true });
    // The pool tells what its pools' where tests (north: source = bd): not required, as some roles may not read source.
    expect(schema.required).toContain('stageEnteredAt');
    expect(schema.required).not.toContain('pool');
    expect(schema.properties.pool.description).toContain('`source`');
    ctx().setNow(null);
  });

  it('tells no one which pool holds a record where they may not read the fields the pools\' where names', async () => {
    const t = await ctx().createTenantWith(testDocument({ pools }));
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const referred = (await t.admin.post(p('/records/lead'), { name: 'Referred', source: 'bd', score: 95 })).body;
    const crawled = (await t.admin.post(p('/records/lead'), { name: 'Crawled', source: 'crawl', score: 95 })).body;
    expect([referred.pool, crawled.pool]).toEqual(['northPool', 'leadPool']);
    // An auditor reads name, stage and score, not source: northPool would say source = bd. (Of
    // team north: northPool's public records are its members' to see.)
    const auditor = await ctx().createUser(t, { email: 'auditor@t.test', roles: ['auditor'], attributes: { team: 'north' } });
    const read = (await auditor.client.get(p(`/records/lead/${referred.id}`))).body;
    expect(read).toMatchObject({ name: 'Referred', score: 95 });
    expect(read).not.toHaveProperty('source');
    expect(read).not.toHaveProperty('pool');
    const listed = await auditor.client.post(p('/records/lead/query'), { where: { pool: 'northPool' } });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data).toEqual([]);
    const sorted = await auditor.client.post(p('/records/lead/query'), { orderBy: 'pool' });
    expect(sorted.body.data.map((r: Record<string, unknown>) => 'pool' in r)).toEqual([false, false]);
    const grouped = await auditor.client.post(p('/records/lead/aggregate'), { groupBy: ['pool'], metrics: [{ fn: 'count', as: 'n' }] });
    expect(grouped.body.data.map((r: { pool: string | null; n: number }) => [r.pool, Number(r.n)])).toEqual([[null, 2]]);
    const fields = (await auditor.client.get(p('/objects'))).body.data.find((o: { key: string }) => o.key === 'lead').fields;
    expect(fields.find((f: { key: string }) => f.key === 'pool').readable).toBe(false);
    // Whoever reads source reads the pool.
    expect((await t.admin.post(p('/records/lead/query'), { where: { pool: 'northPool' } })).body.data.map((r: { name: string }) => r.name)).toEqual(['Referred']);
    // Nor does a move between the pools in the record's history (the change of source is left out too).
    expect((await t.admin.patch(p(`/records/lead/${crawled.id}`), { source: 'bd', score: 96 })).status).toBe(200);
    const history = (await auditor.client.get(p(`/records/lead/${crawled.id}/history`))).body.data;
    expect(history[0]).toMatchObject({ action: 'update', changes: { score: [95, 96] } });
    expect(Object.keys(history[0].changes)).toEqual(['score']);
  });
});

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

function ruleDocument(rules: MetadataDocument['assignmentRules']): MetadataDocument {
  const doc = testDocument({ assignmentRules: rules });
  doc.pools!.leadPool = { ...doc.pools!.leadPool!, maxPerOwner: 100, maxClaimsPerDay: 100 };
  return doc;
}

describeEachServer('assignment rules and work orders', (ctx) => {
  async function setup(rules: MetadataDocument['assignmentRules'], people: Array<{ key: string; attributes?: Record<string, unknown>; roles?: string[] }>) {
    const tenant = await ctx().createTenantWith(ruleDocument(rules));
    const users: Record<string, { id: string; client: ApiClient }> = {};
    for (const person of people) users[person.key] = await ctx().createUser(tenant, { email: `${person.key}@t.test`, roles: person.roles ?? ['bd'], ...(person.attributes ? { attributes: person.attributes } : {}) });
    return { tenant, users, p: (x: string) => `/api/t/${tenant.slug}${x}` };
  }
  async function leads(tenant: TestTenant, rows: Array<Record<string, unknown>>): Promise<string[]> {
    const res = await tenant.admin.post(`/api/t/${tenant.slug}/records/lead/bulk`, { op: 'create', records: rows });
    expect(res.status, res.text).toBe(200);
    return res.body.results.map((r: { id: string }) => r.id);
  }

  it('recalls records (exclusions win) and people (filter, caps), previews without a trace, then assigns with work orders', async () => {
    const { tenant, users, p } = await setup({
      spread: {
        object: 'lead', pool: 'leadPool', match: 'even',
        records: { include: { score: { $gte: 50 } }, exclude: { source: 'crowd' } },
        users: { where: { 'attributes.qualifications': { $any: ['hotel'] } }, maxPerDay: 3, maxTotal: 4 },
        workOrderPriority: { field: 'score', order: 'desc' },
      },
    }, [
      { key: 'ann', attributes: { qualifications: ['hotel'] } },
      { key: 'bob', attributes: { qualifications: ['hotel', 'food'] } },
      { key: 'cat', attributes: { qualifications: ['food'] } },
    ]);
    const ids = await leads(tenant, [
      { name: 's90', score: 90 }, { name: 's80', score: 80 }, { name: 's70', score: 70 }, { name: 's60', score: 60 },
      { name: 's55', score: 55 }, { name: 'crowd', score: 99, source: 'crowd' }, { name: 'low', score: 10 }, { name: 's51', score: 51 },
    ]);
    // bob already holds 3 leads: maxTotal 4 leaves room for 1.
    const held = await leads(tenant, [{ name: 'h1' }, { name: 'h2' }, { name: 'h3' }]);
    for (const id of held) expect((await users.bob!.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);

    const preview = await tenant.admin.post(p('/assignment-rules/spread/run'), { dryRun: true });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.stats).toMatchObject({ candidates: 6, users: 2 });
    expect(preview.body.allocations.map((a: { priority: number }) => a.priority)).toEqual([1, 2, 3, 4]);
    const byUser = (allocations: Array<{ userId: string }>) => allocations.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.userId]: (acc[a.userId] ?? 0) + 1 }), {});
    expect(byUser(preview.body.allocations)).toEqual({ [users.ann!.id]: 3, [users.bob!.id]: 1 });
    expect(preview.body.unassigned).toEqual([{ recordId: ids[4], reason: 'no_capacity' }, { recordId: ids[7], reason: 'no_capacity' }]);
    // A dry run leaves no trace.
    expect((await tenant.admin.get(p(`/records/lead/${ids[0]}`))).body.poolState).toBe('public');
    expect((await users.ann!.client.get(p('/work-orders'))).body.data).toEqual([]);

    const real = await tenant.admin.post(p('/assignment-rules/spread/run'), {});
    expect(real.body.allocations).toEqual(preview.body.allocations);
    const annLead = await tenant.admin.get(p(`/records/lead/${ids[0]}`));
    expect(annLead.body).toMatchObject({ owner: expect.any(String), poolState: 'private' });
    const queue = await users.ann!.client.get(p('/work-orders?assignee=me&state=open'));
    expect(queue.body.data.map((w: { title: string }) => w.title)).toEqual(['s90', 's80', 's70'].filter((_, i) => preview.body.allocations[i]?.userId === users.ann!.id).concat(
      preview.body.allocations.slice(3).filter((a: { userId: string }) => a.userId === users.ann!.id).map(() => 's60')));
    expect(queue.body.data[0]).toMatchObject({ state: 'open', rule: 'spread', priority: 1 });
    const history = await tenant.admin.get(p(`/records/lead/${ids[0]}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'assign', note: 'assignment rule spread' });
    // maxPerDay counts every rule of the day: a second run gives ann nothing more.
    const again = await tenant.admin.post(p('/assignment-rules/spread/run'), {});
    expect(again.body.allocations.filter((a: { userId: string }) => a.userId === users.ann!.id)).toEqual([]);

    const done = await users.ann!.client.patch(p(`/work-orders/${queue.body.data[0].id}`), { state: 'done', outcome: 'met the GM' });
    expect(done.body).toMatchObject({ state: 'done', outcome: 'met the GM', closedAt: expect.any(String) });
    expect((await users.bob!.client.patch(p(`/work-orders/${queue.body.data[0].id}`), { state: 'skipped' })).status).toBe(404);
    expect((await users.bob!.client.get(p(`/work-orders?assignee=${users.ann!.id}`))).status).toBe(403);
    const leadHistory = await tenant.admin.get(p(`/records/lead/${queue.body.data[0].recordId}/history`));
    expect(leadHistory.body.data[0]).toMatchObject({ action: 'workOrder', changes: { workOrder: ['open', 'done'] }, note: 'met the GM' });
  });

  it('runs lower-priority rules first in a slot, honours cooldowns and lifetimes, and reports conflicts', async () => {
    const { tenant, users, p } = await setup({
      vip: { object: 'lead', pool: 'leadPool', match: 'even', priority: 1, schedule: '0 8 * * *', records: { include: { tags: { $any: ['vip'] } } }, users: { where: { 'attributes.team': 'vip' } } },
      rest: { object: 'lead', pool: 'leadPool', match: 'roundRobin', priority: 5, schedule: '0 8 * * *', records: { include: { score: { $gte: 0 } } }, users: { where: { 'attributes.team': 'rest' } } },
      later: { object: 'lead', pool: 'leadPool', match: 'even', priority: 9, activeFrom: '2030-01-01', records: {}, users: {} },
    }, [{ key: 'v1', attributes: { team: 'vip' } }, { key: 'r1', attributes: { team: 'rest' } }, { key: 'r2', attributes: { team: 'rest' } }]);
    const ids = await leads(tenant, [{ name: 'a', score: 1, tags: ['vip'] }, { name: 'b', score: 2, tags: ['vip'] }, { name: 'c', score: 3 }]);
    const conflicts = await tenant.admin.get(p('/assignment-rules/conflicts'));
    expect(conflicts.body.data).toEqual([{ rules: ['vip', 'rest'], object: 'lead', winner: 'vip', records: 2, sample: expect.any(Array) }]);
    const list = await tenant.admin.get(p('/assignment-rules'));
    expect(list.body.data.map((r: { key: string; active: boolean }) => [r.key, r.active])).toEqual([['vip', true], ['rest', true], ['later', false]]);

    // r1 released lead c a moment ago: the cooldown keeps it from r1.
    expect((await users.r1!.client.post(p('/pools/leadPool/claim'), { id: ids[2] })).status).toBe(200);
    expect((await users.r1!.client.post(p('/pools/leadPool/release'), { id: ids[2], reason: 'not mine' })).status).toBe(200);

    // The slot of `rest` at 08:00 first runs `vip` (lower priority number) in the same slot.
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const slot = new Date(); slot.setUTCHours(0, 0, 0, 0); // 08:00 Asia/Shanghai
    expect(await kernel.scheduler.runSlot({ tenantId, kind: 'assignment', key: 'rest', slot: slot.toISOString() })).toBe(true);
    expect(await kernel.scheduler.runSlot({ tenantId, kind: 'assignment', key: 'rest', slot: slot.toISOString() })).toBe(false);
    expect(await kernel.scheduler.runSlot({ tenantId, kind: 'assignment', key: 'vip', slot: slot.toISOString() })).toBe(false);
    const owners = await Promise.all(ids.map(async (id) => (await tenant.admin.get(p(`/records/lead/${id}`))).body.owner));
    expect(owners).toEqual([users.v1!.id, users.v1!.id, users.r2!.id]);
    // `later` is outside its lifetime: its slot does nothing.
    const outside = await kernel.storage.inTenant(tenantId, (tx) => sql`SELECT count(*)::int AS n FROM assignment_runs WHERE rule = 'later'`.execute(tx));
    expect((outside.rows[0] as { n: number }).n).toBe(0);
  });

  it('applies a run all-or-nothing', async () => {
    const { tenant, p } = await setup({ all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: {} } }, [{ key: 'x' }, { key: 'y' }]);
    await leads(tenant, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    // Make the last step of the run (its audit row) fail: nothing of the run may remain.
    await ctx().database.storage.executeRaw(`CREATE OR REPLACE FUNCTION shoal_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$`);
    await ctx().database.storage.executeRaw(`CREATE TRIGGER shoal_test_fail BEFORE INSERT ON assignment_runs FOR EACH ROW EXECUTE FUNCTION shoal_test_fail()`);
    const failed = await tenant.admin.post(p('/assignment-rules/all/run'), {});
    expect(failed.status).toBe(500);
    await ctx().database.storage.executeRaw(`DROP TRIGGER shoal_test_fail ON assignment_runs`);
    const state = await kernel.storage.inTenant(tenantId, async (tx) => ({
      privateLeads: Number((await sql<{ n: string }>`SELECT count(*) AS n FROM records WHERE object = 'lead' AND pool_state = 'private'`.execute(tx)).rows[0]!.n),
      workOrders: Number((await sql<{ n: string }>`SELECT count(*) AS n FROM work_orders`.execute(tx)).rows[0]!.n),
      counters: Number((await sql<{ n: string }>`SELECT count(*) AS n FROM assignment_counters`.execute(tx)).rows[0]!.n),
    }));
    expect(state).toEqual({ privateLeads: 0, workOrders: 0, counters: 0 });
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).body.allocations).toHaveLength(3);
  });
});

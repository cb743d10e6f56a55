import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { resumeJobs } from '../../../platform/jobs/resume-jobs.ts';
import { holdTransaction, waitForLockWaits } from '../../testing/held-transactions.ts';
import { describeEachServer, type ApiClient, type ApiResponse, type TestTenant } from '../../testing/test-server.ts';

function ruleDocument(rules: MetadataDocument['assignmentRules']): MetadataDocument {
  const doc = testDocument({ assignmentRules: rules });
  doc.pools!.leadPool = { ...doc.pools!.leadPool!, maxPerOwner: 100, maxClaimsPerDay: 100 };
  // May hand out only the leads BDs brought in.
  doc.roles!.dispatcher = [{ object: 'lead', actions: ['read', 'assign'], where: { source: 'bd' } }];
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
    // ann stopped at the daily cap (3), bob at the total cap (4 with the 3 he holds).
    const full = { reason: 'no_capacity', caps: ['maxPerDay', 'maxTotal'] };
    expect(preview.body.unassigned).toEqual([{ recordId: ids[4], ...full }, { recordId: ids[7], ...full }]);
    expect(preview.body.stats).toMatchObject({ allocated: 4, unassigned: 2, unassignedByReason: [{ ...full, count: 2 }] });
    // The same preview as counts only: no record ids.
    const summary = await tenant.admin.post(p('/assignment-rules/spread/run'), { dryRun: true, summary: true });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body).not.toHaveProperty('allocations');
    expect(summary.body).not.toHaveProperty('unassigned');
    expect(summary.body).toMatchObject({ rule: 'spread', dryRun: true, stats: preview.body.stats });
    // Counts only above a size: 4 allocations and 2 unassigned list 6 records.
    const few = await tenant.admin.post(p('/assignment-rules/spread/run'), { dryRun: true, summaryAbove: 6 });
    expect(few.status, few.text).toBe(200);
    expect(few.body).toMatchObject({ allocations: preview.body.allocations, unassigned: preview.body.unassigned, stats: preview.body.stats });
    const many = await tenant.admin.post(p('/assignment-rules/spread/run'), { dryRun: true, summaryAbove: 5 });
    expect(many.body).not.toHaveProperty('allocations');
    expect(many.body).not.toHaveProperty('unassigned');
    expect(many.body).toMatchObject({ stats: preview.body.stats });
    expect((await tenant.admin.post(p('/assignment-rules/spread/run'), { dryRun: true, summaryAbove: -1 })).status).toBe(400);
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
    expect(queue.body.data[0]).toMatchObject({ state: 'open', rule: 'spread', priority: -90, rank: 1 });
    const history = await tenant.admin.get(p(`/records/lead/${ids[0]}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'assign', note: 'assignment rule spread' });
    // maxPerDay counts every rule of the day: a second run gives ann nothing more.
    const again = await tenant.admin.post(p('/assignment-rules/spread/run'), {});
    expect(again.body.allocations.filter((a: { userId: string }) => a.userId === users.ann!.id)).toEqual([]);
    expect(again.body.unassigned).toEqual([{ recordId: ids[4], ...full }, { recordId: ids[7], ...full }]);

    const done = await users.ann!.client.patch(p(`/work-orders/${queue.body.data[0].id}`), { state: 'done', outcome: 'met the GM' });
    expect(done.body).toMatchObject({ state: 'done', outcome: 'met the GM', closedAt: expect.any(String) });
    expect((await users.bob!.client.patch(p(`/work-orders/${queue.body.data[0].id}`), { state: 'skipped' })).status).toBe(404);
    expect((await users.bob!.client.get(p(`/work-orders?assignee=${users.ann!.id}`))).status).toBe(403);
    const leadHistory = await tenant.admin.get(p(`/records/lead/${queue.body.data[0].recordId}/history`));
    expect(leadHistory.body.data[0]).toMatchObject({ action: 'workOrder', changes: { workOrder: ['open', 'done'] }, note: 'met the GM' });
  });

  it('hands out a backdated real run\'s records now: dated now, counted on today\'s maxPerDay, past cooldowns since asOf; a dry run previews as of asOf', async () => {
    const { tenant, users, p } = await setup({
      daily: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' }, maxPerDay: 2 }, workOrderPriority: { field: 'score', order: 'desc' } },
    }, [{ key: 'ann' }]);
    const ids = await leads(tenant, [{ name: 'a', score: 5 }, { name: 'b', score: 4 }, { name: 'c', score: 3 }, { name: 'd', score: 2 }, { name: 'e', score: 1 }]);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    ctx().setNow(now);
    try {
      const yesterday = new Date(now.getTime() - 86400_000).toISOString();
      // ann let lead a go a moment ago, after the run's asOf: it is not handed back to her.
      expect((await users.ann!.client.post(p('/pools/leadPool/claim'), { id: ids[0] })).status).toBe(200);
      expect((await users.ann!.client.post(p('/pools/leadPool/release'), { id: ids[0], reason: 'no answer' })).status).toBe(200);

      const run = await tenant.admin.post(p('/assignment-rules/daily/run'), { asOf: yesterday });
      expect(run.status, run.text).toBe(200);
      expect(run.body).toMatchObject({ asOf: yesterday, stats: { allocated: 2 } });
      expect(run.body.allocations.map((a: { recordId: string }) => a.recordId)).toEqual([ids[1], ids[2]]);
      // Its holds start now and last the pool's 45 days from now; its history, work orders and notification are dated now.
      for (const id of [ids[1], ids[2]]) {
        const lead = (await tenant.admin.get(p(`/records/lead/${id}`))).body;
        expect(lead).toMatchObject({ owner: users.ann!.id, claimedAt: now.toISOString(), holdExpiresAt: new Date(now.getTime() + 45 * 86400_000).toISOString(), updatedAt: now.toISOString() });
        expect((await tenant.admin.get(p(`/records/lead/${id}/history`))).body.data[0]).toMatchObject({ action: 'assign', at: now.toISOString() });
      }
      const orders = (await users.ann!.client.get(p('/work-orders'))).body.data;
      expect(orders.map((w: { createdAt: string }) => w.createdAt)).toEqual([now.toISOString(), now.toISOString()]);
      expect((await users.ann!.client.get(p('/notifications'))).body.data[0]).toMatchObject({ kind: 'work_orders', createdAt: now.toISOString() });

      // Today's cap is full: neither a run now nor another backdated one gives ann more today.
      const capped = { reason: 'no_capacity', caps: ['maxPerDay'] };
      for (const body of [{}, { asOf: yesterday }]) {
        const again = await tenant.admin.post(p('/assignment-rules/daily/run'), body);
        expect(again.status, again.text).toBe(200);
        expect(again.body.stats).toMatchObject({ allocated: 0, unassignedByReason: [{ ...capped, count: 3 }] });
      }
      // A dry run previews yesterday as it was: nothing was counted on it, and lead a was not yet let go.
      const preview = await tenant.admin.post(p('/assignment-rules/daily/run'), { asOf: yesterday, dryRun: true });
      expect(preview.body.allocations.map((a: { recordId: string }) => a.recordId)).toEqual([ids[0], ids[3]]);
    } finally {
      ctx().setNow(null);
    }
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

  it('run by hand, a rule leaves the records of the active rules before it to them, as the conflict report says', async () => {
    const { tenant, users, p } = await setup({
      vip: { object: 'lead', pool: 'leadPool', match: 'even', priority: 1, records: { include: { tags: { $any: ['vip'] } } }, users: { where: { 'attributes.team': 'vip' } } },
      rest: { object: 'lead', pool: 'leadPool', match: 'even', priority: 5, records: { include: { score: { $gte: 0 } } }, users: { where: { 'attributes.team': 'rest' } } },
      expired: { object: 'lead', pool: 'leadPool', match: 'even', priority: 0, activeUntil: '2020-01-01', records: { include: { name: 'c' } }, users: {} },
    }, [{ key: 'v1', attributes: { team: 'vip' } }, { key: 'r1', attributes: { team: 'rest' } }]);
    const ids = await leads(tenant, [{ name: 'a', score: 1, tags: ['vip'] }, { name: 'b', score: 2, tags: ['vip'] }, { name: 'c', score: 3 }]);
    const recordsOf = (res: { body: { allocations: Array<{ recordId: string }> } }) => res.body.allocations.map((a) => a.recordId).sort();
    // `vip` comes first and recalls a and b: `rest` previews and takes only c (an expired rule reserves nothing).
    expect(recordsOf(await tenant.admin.post(p('/assignment-rules/rest/run'), { dryRun: true }))).toEqual([ids[2]]);
    expect(recordsOf(await tenant.admin.post(p('/assignment-rules/rest/run'), {}))).toEqual([ids[2]]);
    expect(recordsOf(await tenant.admin.post(p('/assignment-rules/vip/run'), {}))).toEqual([ids[0], ids[1]].sort());
    const owners = await Promise.all(ids.map(async (id) => (await tenant.admin.get(p(`/records/lead/${id}`))).body.owner));
    expect(owners).toEqual([users.v1!.id, users.v1!.id, users.r1!.id]);
  });

  it('assigns nothing outside a rule\'s lifetime, and hands out only records the runner may assign', async () => {
    const everyone = { object: 'lead' as const, pool: 'leadPool', match: 'even' as const, records: {}, users: { where: { roles: 'bd' } } };
    const { tenant, users, p } = await setup({
      off: { ...everyone, enabled: false, schedule: '0 8 * * *' },
      ended: { ...everyone, activeUntil: '2020-01-01', schedule: '0 8 * * *' },
      future: { ...everyone, activeFrom: '2099-01-01', schedule: '0 8 * * *' },
      open: everyone,
    }, [{ key: 'bd1' }, { key: 'disp', roles: ['dispatcher'] }]);
    const ids = await leads(tenant, [{ name: 'from bd', source: 'bd' }, { name: 'crawled', source: 'crawl' }]);

    for (const rule of ['off', 'ended']) {
      const real = await tenant.admin.post(p(`/assignment-rules/${rule}/run`), {});
      expect(real.status, real.text).toBe(409);
      expect(real.body).toMatchObject({ code: 'rule_inactive' });
      // A preview is still possible.
      const preview = await tenant.admin.post(p(`/assignment-rules/${rule}/run`), { dryRun: true });
      expect(preview.status).toBe(200);
      expect(preview.body.allocations).toHaveLength(2);
    }
    expect((await tenant.admin.get(p(`/records/lead/${ids[0]}`))).body.poolState).toBe('public');
    const list = (await tenant.admin.get(p('/assignment-rules'))).body.data as Array<{ key: string; active: boolean; nextRunAt: string | null }>;
    const byKey = Object.fromEntries(list.map((r) => [r.key, r]));
    expect(byKey.off).toMatchObject({ active: false, nextRunAt: null });
    expect(byKey.ended).toMatchObject({ active: false, nextRunAt: null });
    // 08:00 in Shanghai on its first day.
    expect(byKey.future).toMatchObject({ active: false, nextRunAt: '2099-01-01T00:00:00.000Z' });

    expect(list.every((r) => (r as unknown as { mayRun: boolean }).mayRun)).toBe(true);
    // The list tells each caller which rules they may run: a BD (no assign right) none, the dispatcher all.
    const mayRun = async (client: typeof tenant.admin) => ((await client.get(p('/assignment-rules'))).body.data as Array<{ mayRun: boolean }>).map((r) => r.mayRun);
    expect(await mayRun(users.bd1!.client)).toEqual([false, false, false, false]);
    expect((await users.bd1!.client.post(p('/assignment-rules/open/run'), { dryRun: true })).status).toBe(403);
    expect(await mayRun(users.disp!.client)).toEqual([true, true, true, true]);

    // The dispatcher may assign only leads from BDs: running a rule hands out only those.
    const dispatched = await users.disp!.client.post(p('/assignment-rules/open/run'), {});
    expect(dispatched.status, dispatched.text).toBe(200);
    expect(dispatched.body.allocations.map((a: { recordId: string }) => a.recordId)).toEqual([ids[0]]);
    expect((await tenant.admin.get(p(`/records/lead/${ids[1]}`))).body.poolState).toBe('public');
  });

  it('keeps work orders\' states consistent and answers bad ids and cursors with a 400', async () => {
    const { tenant, users, p } = await setup({ all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } }, [{ key: 'bd1' }]);
    await leads(tenant, [{ name: 'a' }]);
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).status).toBe(200);
    const [order] = (await users.bd1!.client.get(p('/work-orders'))).body.data;
    const patch = (body: Record<string, unknown>) => users.bd1!.client.patch(p(`/work-orders/${order.id}`), body);
    expect((await patch({ state: 'done', outcome: 'signed up' })).body).toMatchObject({ state: 'done', outcome: 'signed up' });
    // A retried close changes nothing; closing it another way needs a reopen first.
    const again = await patch({ state: 'done' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ state: 'done', outcome: 'signed up' });
    const skipped = await patch({ state: 'skipped' });
    expect(skipped.status).toBe(409);
    expect(skipped.body).toMatchObject({ code: 'conflict', state: 'done' });
    const reopened = await patch({ state: 'open' });
    expect(reopened.body).toMatchObject({ state: 'open', outcome: 'signed up', closedAt: null });
    expect((await patch({ state: 'skipped', outcome: 'closed down' })).body).toMatchObject({ state: 'skipped', outcome: 'closed down' });
    const history = (await tenant.admin.get(p(`/records/lead/${order.recordId}/history`))).body.data.filter((h: { action: string }) => h.action === 'workOrder');
    expect(history.map((h: { changes: { workOrder: string[] } }) => h.changes.workOrder)).toEqual([['open', 'skipped'], ['done', 'open'], ['open', 'done']]);

    expect((await users.bd1!.client.get(p(`/work-orders?state=all&recordId=${order.recordId}`))).body.data.map((w: { id: string }) => w.id)).toEqual([order.id]);
    expect((await users.bd1!.client.get(p(`/work-orders?state=all&recordId=${order.id}`))).body.data).toEqual([]);
    // An order whose record the person no longer holds leaves their open queue.
    expect((await patch({ state: 'open' })).status).toBe(200);
    expect((await users.bd1!.client.get(p('/work-orders'))).body.data).toHaveLength(1);
    expect((await users.bd1!.client.post(p('/pools/leadPool/release'), { id: order.recordId, reason: 'not a fit' })).status).toBe(200);
    expect((await users.bd1!.client.get(p('/work-orders'))).body.data).toEqual([]);
    // The release closed it (skipped, saying why) in the same request: no open order is left behind.
    expect((await users.bd1!.client.get(p('/work-orders?state=all'))).body.data).toMatchObject([{ id: order.id, state: 'skipped', outcome: 'released: not a fit' }]);
    // The record's history says so, above the release that closed it, to whoever may read the record.
    for (const reader of [tenant.admin, users.bd1!.client]) {
      const [closed, released] = (await reader.get(p(`/records/lead/${order.recordId}/history`))).body.data;
      expect(closed).toMatchObject({ action: 'workOrder', changes: { workOrder: ['open', 'skipped'] }, note: 'released: not a fit', actor: users.bd1!.id });
      expect(released).toMatchObject({ action: 'release', note: 'not a fit' });
    }
    // Reassigned by a manager after the BD worked on it: the history names the manager as who closed the order.
    await leads(tenant, [{ name: 'b' }]);
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).body.allocations).toHaveLength(1);
    const [next] = (await users.bd1!.client.get(p('/work-orders'))).body.data;
    expect((await users.bd1!.client.patch(p(`/records/lead/${next.recordId}`), { contactName: 'GM' })).status).toBe(200);
    const bd2 = await ctx().createUser(tenant, { email: 'bd2@t.test', roles: ['bd'] });
    expect((await tenant.admin.post(p('/pools/leadPool/assign'), { id: next.recordId, userId: bd2.id })).status).toBe(200);
    const admin = (await tenant.admin.get(p('/me'))).body as { id: string };
    const reassigned = (await tenant.admin.get(p(`/records/lead/${next.recordId}/history`))).body.data.find((h: { action: string }) => h.action === 'workOrder');
    expect(reassigned).toMatchObject({ changes: { workOrder: ['open', 'skipped'] }, note: 'reassigned', actor: admin.id });
    // The assignment's entry says whose the lead was: bd1's, handed to bd2 (it stayed private, so no poolState change);
    // the pool's events, that bd1 lost it to the reassignment before bd2 got it.
    const handover = (await tenant.admin.get(p(`/records/lead/${next.recordId}/history`))).body.data.find((h: { action: string }) => h.action === 'assign');
    expect(handover).toMatchObject({ actor: admin.id, changes: { owner: [users.bd1!.id, bd2.id] } });
    expect(handover.changes).not.toHaveProperty('poolState');
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const events = (await kernel.storage.inTenant(tenantId, (tx) => sql<Record<string, unknown>>`
      SELECT kind, user_id, actor, reason FROM pool_events WHERE record_id = ${next.recordId}::uuid ORDER BY id`.execute(tx))).rows;
    expect(events.slice(-2)).toEqual([
      { kind: 'release', user_id: users.bd1!.id, actor: admin.id, reason: 'reassigned' }, { kind: 'assign', user_id: bd2.id, actor: admin.id, reason: null },
    ]);
    // Closed, it cannot be reopened while the record is someone else's (or no one's).
    expect((await patch({ state: 'skipped' })).status).toBe(200);
    const refused = await patch({ state: 'open' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'conflict', state: 'skipped' });
    const dashes = '-'.repeat(36);
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const id = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/work-orders?assignee=${dashes}`, `/work-orders?recordId=${dashes}`, `/work-orders?cursor=${cursor([1, '2020-01-01T00:00:00Z', dashes])}`,
      // Values the database would refuse (a 30 February, a rank beyond int4, a time in another form) are the client's mistake too.
      `/work-orders?state=done&cursor=${cursor(['2024-02-30T00:00:00.000Z', id])}`, `/work-orders?state=done&cursor=${cursor(['1', id])}`,
      `/work-orders?cursor=${cursor([1, '2024-02-30T00:00:00.000Z', 0, id])}`, `/work-orders?cursor=${cursor([1, '2024-01-01T00:00:00.000Z', 1e10, id])}`]) {
      const res = await users.bd1!.client.get(p(path));
      expect(res.status, path).toBe(400);
    }
    expect((await tenant.admin.get(p(`/assignment-rules/all/runs?cursor=${cursor(['2024-02-30T00:00:00.000Z', id])}`))).status).toBe(400);
    expect((await users.bd1!.client.patch(p(`/work-orders/${dashes}`), { state: 'done' })).status).toBe(404);
  });

  it('keeps a log of a rule\'s real runs, the latest first: scheduled or by whom, and what each did', async () => {
    const { tenant, users, p } = await setup({
      daily: { object: 'lead', pool: 'leadPool', match: 'even', schedule: '0 8 * * *', records: {}, users: { where: { roles: 'bd' }, maxTotal: 1 } },
    }, [{ key: 'bd1' }, { key: 'bd2' }, { key: 'disp', roles: ['dispatcher'] }]);
    await leads(tenant, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const runs = (client: ApiClient, query = '') => client.get(p(`/assignment-rules/daily/runs${query}`));
    expect((await tenant.admin.post(p('/assignment-rules/daily/run'), { dryRun: true })).status).toBe(200);
    expect((await runs(tenant.admin)).body).toEqual({ data: [], nextCursor: null, pending: [] });

    // The schedule's 08:00 slot gives one lead each (maxTotal 1); a manual run then finds no room.
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const slot = new Date(); slot.setUTCHours(0, 0, 0, 0);
    expect(await kernel.scheduler.runSlot({ tenantId, kind: 'assignment', key: 'daily', slot: slot.toISOString() })).toBe(true);
    const manual = await tenant.admin.post(p('/assignment-rules/daily/run'), {});
    expect(manual.status, manual.text).toBe(200);
    const admin = (await tenant.admin.get(p('/me'))).body as { id: string; name: string };

    const log = await runs(tenant.admin);
    expect(log.status, log.text).toBe(200);
    expect(log.body.data).toEqual([
      { id: expect.any(String), rule: 'daily', asOf: manual.body.asOf, createdAt: expect.any(String), trigger: 'manual', actor: { id: admin.id, name: admin.name }, allocations: 0, candidates: 1, users: 2, unassigned: 1, variance: 0, spread: 0 },
      { id: expect.any(String), rule: 'daily', asOf: expect.any(String), createdAt: expect.any(String), trigger: 'schedule', actor: null, allocations: 2, candidates: 3, users: 2, unassigned: 1, variance: 0, spread: 0 },
    ]);
    // Page by page through the cursor; the last page has none.
    const first = await runs(tenant.admin, '?limit=1');
    expect(first.body.data.map((r: { trigger: string }) => r.trigger)).toEqual(['manual']);
    const second = await runs(tenant.admin, `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ trigger: 'schedule' }], nextCursor: null });
    expect((await runs(tenant.admin, '?cursor=bm9wZQ')).status).toBe(400);
    // Whoever may run the rule may see its runs (a dispatcher may assign leads); a BD may not.
    expect((await runs(users.disp!.client)).status).toBe(200);
    // The refusal says what was refused: seeing the runs, not running the rule.
    const refused = await runs(users.bd1!.client);
    expect([refused.status, refused.body.detail]).toEqual([403, "Only administrators, the pool's administrators and those who may assign lead records may see the runs of assignment rule daily"]);
    expect((await users.bd1!.client.post(p('/assignment-rules/daily/run'), { dryRun: true })).body.detail).toMatch(/may run assignment rule daily$/);
    expect((await tenant.admin.get(p('/assignment-rules/nope/runs'))).status).toBe(404);
  });

  it('lists the queues a person may look at, with counts, and closed orders most recently closed first', async () => {
    const { tenant, p } = await setup({ all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } }, []);
    const boss = await ctx().createUser(tenant, { email: 'boss@t.test', name: 'Boss', roles: ['bd'] });
    const ann = await ctx().createUser(tenant, { email: 'ann@t.test', name: 'ann Report', roles: ['bd'], managerId: boss.id });
    const bob = await ctx().createUser(tenant, { email: 'bob@t.test', name: 'Bob Report', roles: ['bd'], managerId: boss.id });
    const xav = await ctx().createUser(tenant, { email: 'x@t.test', name: 'Xavier', roles: ['bd'] });
    await leads(tenant, Array.from({ length: 12 }, (_, i) => ({ name: `lead ${i}` })));
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).status).toBe(200);

    const queues = async (client: ApiClient) => {
      const res = await client.get(p('/work-orders/queues'));
      expect(res.status, res.text).toBe(200);
      return res.body.data as Array<{ userId: string; name: string; active: boolean; open: number; closedToday: number }>;
    };
    // The caller first, then by name (case aside); a manager sees their direct reports.
    expect((await queues(boss.client)).map((q) => [q.name, q.open, q.closedToday])).toEqual([['Boss', 3, 0], ['ann Report', 3, 0], ['Bob Report', 3, 0]]);
    expect((await queues(xav.client)).map((q) => q.userId)).toEqual([xav.id]);
    const admin = await queues(tenant.admin);
    expect(admin[0]!.open).toBe(0);
    expect(admin.slice(1).map((q) => q.name)).toEqual(['ann Report', 'Bob Report', 'Boss', 'Xavier']);

    const open = (await ann.client.get(p('/work-orders'))).body.data as Array<{ id: string; recordId: string; title: string }>;
    for (const [i, order] of open.entries()) {
      const res = await ann.client.patch(p(`/work-orders/${order.id}`), { state: 'done', outcome: `call ${i}` });
      expect(res.status, res.text).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await queues(boss.client)).find((q) => q.userId === ann.id)).toMatchObject({ open: 0, closedToday: 3 });
    // Done orders: the last closed first, page by page.
    const first = await boss.client.get(p(`/work-orders?assignee=${ann.id}&state=done&limit=2`));
    expect(first.status, first.text).toBe(200);
    expect(first.body.data.map((w: { outcome: string }) => w.outcome)).toEqual(['call 2', 'call 1']);
    const second = await boss.client.get(p(`/work-orders?assignee=${ann.id}&state=done&limit=2&cursor=${first.body.nextCursor}`));
    // Titles only where the viewer may read the record: Ann's leads are hers, not her manager's
    // (a BD reads own and public leads), and a deleted lead has none for anyone.
    expect(second.body).toMatchObject({ data: [{ outcome: 'call 0', title: null }], nextCursor: null });
    const own = async () => ((await ann.client.get(p('/work-orders?state=done'))).body.data as Array<{ recordId: string; title: string | null }>);
    expect((await own()).map((w) => w.title)).toEqual([open[2]!.title, open[1]!.title, open[0]!.title]);
    expect((await tenant.admin.delete(p(`/records/lead/${open[1]!.recordId}`))).status).toBe(204);
    expect((await own()).map((w) => w.title)).toEqual([open[2]!.title, null, open[0]!.title]);
    // A queue cursor is not a closed list's, and only the manager (or an admin) may look.
    expect((await ann.client.get(p(`/work-orders?state=open&cursor=${first.body.nextCursor}`))).status).toBe(400);
    expect((await xav.client.get(p(`/work-orders?assignee=${ann.id}&state=done`))).status).toBe(403);
    expect((await bob.client.get(p(`/work-orders?assignee=${ann.id}&state=done`))).status).toBe(403);
    // Her manager sees her orders but may not close them: 403, not the 404 of an order he cannot see.
    const reopen = { state: 'open' };
    const byBoss = await boss.client.patch(p(`/work-orders/${open[0]!.id}`), reopen);
    expect([byBoss.status, byBoss.body.code]).toEqual([403, 'forbidden']);
    expect((await xav.client.patch(p(`/work-orders/${open[0]!.id}`), reopen)).status).toBe(404);
    // Someone who left stays listed, last, while they have work orders.
    expect((await tenant.admin.patch(p(`/users/${bob.id}`), { active: false })).status).toBe(200);
    expect((await queues(boss.client)).map((q) => [q.name, q.active])).toEqual([['Boss', true], ['ann Report', true], ['Bob Report', false]]);
  });

  it('counts holdings only after holding off the people\'s claims, so a claim during a run cannot take anyone past a limit', async () => {
    // PGlite is one session: no claim can be in flight there.
    if (ctx().database.kind !== 'postgres') return;
    const { tenant, users, p } = await setup({ cap: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' }, maxTotal: 2 } } }, [{ key: 'x' }]);
    const ids = await leads(tenant, [{ name: 'held' }, { name: 'b' }, { name: 'c' }, { name: 'in flight' }]);
    expect((await users.x!.client.post(p('/pools/leadPool/claim'), { id: ids[0] })).status).toBe(200);
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockedNow = new Promise<void>((resolve) => (locked = resolve));
    // A claim by x, in flight: x's pool row locked (as claimRecord does), a second lead taken, not committed.
    const claim = ctx().database.storage.inTenant(tenantId, async (tx) => {
      await sql`SELECT 1 FROM pool_users WHERE pool = 'leadPool' AND user_id = ${users.x!.id}::uuid FOR UPDATE`.execute(tx);
      await sql`UPDATE records SET owner = ${users.x!.id}::uuid, pool_state = 'private', claimed_at = now() WHERE object = 'lead' AND id = ${ids[3]}::uuid`.execute(tx);
      locked();
      await held;
    });
    await lockedNow;
    const running = tenant.admin.post(p('/assignment-rules/cap/run'), {});
    // Let the run reach x's pool row before the claim commits.
    for (let i = 0; i < 200; i++) {
      const waiting = await ctx().database.storage.executeRaw(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pool_users%'`);
      if (waiting.rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    await claim;
    const run = await running;
    expect(run.status, run.text).toBe(200);
    expect(run.body.allocations).toEqual([]);
    const mine = await users.x!.client.get(p('/pools/leadPool/mine'));
    expect(mine.body.data).toHaveLength(2);
  });

  it('orders a queue fed by several runs by the rule\'s work-order priority, records without a value last', async () => {
    const { tenant, users, p } = await setup({
      byScore: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'desc' } },
    }, [{ key: 'bd1' }]);
    await leads(tenant, [{ name: 's90', score: 90 }, { name: 's80', score: 80 }]);
    expect((await tenant.admin.post(p('/assignment-rules/byScore/run'), {})).body.allocations).toHaveLength(2);
    await leads(tenant, [{ name: 'none' }, { name: 's10', score: 10 }, { name: 's95', score: 95 }]);
    const second = await tenant.admin.post(p('/assignment-rules/byScore/run'), {});
    expect(second.body.allocations.map((a: { priority: number }) => a.priority)).toEqual([1, 2, 3]);
    // Paged two at a time, through the cursor (which carries the last, valueless order too).
    const titles: string[] = [];
    const priorities: Array<number | null> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ title: string; priority: number | null }>; nextCursor: string | null } } = await users.bd1!.client.get(p(`/work-orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      titles.push(...page.body.data.map((w) => w.title));
      priorities.push(...page.body.data.map((w) => w.priority));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['s95', 's90', 's80', 's10', 'none']);
    expect(priorities).toEqual([-95, -90, -80, -10, null]);
  });

  it('orders a queue fed by several rules by the rules\' run order first, each rule\'s own priority within it, paging through the cursor', async () => {
    // Revenue and score, descending, are scales that never meet (like room nights and a
    // score): compared raw, every order of `late` would sink `early`'s, although `early` runs first.
    const { tenant, users, p } = await setup({
      late: { object: 'lead', pool: 'leadPool', match: 'even', priority: 10, records: { include: { source: 'crawl' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'expectedRevenue', order: 'desc' } },
      early: { object: 'lead', pool: 'leadPool', match: 'even', priority: 5, records: { include: { source: 'bd' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'desc' } },
      alsoEarly: { object: 'lead', pool: 'leadPool', match: 'even', priority: 5, records: { include: { source: 'merchant' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'asc' } },
    }, [{ key: 'bd1' }]);
    await leads(tenant, [{ name: 'late9210', source: 'crawl', expectedRevenue: 9210 }, { name: 'late1240', source: 'crawl', expectedRevenue: 1240 }, { name: 'lateNone', source: 'crawl' }]);
    const lateRun = await tenant.admin.post(p('/assignment-rules/late/run'), {});
    expect(lateRun.body.allocations, JSON.stringify(lateRun.body)).toHaveLength(3);
    await leads(tenant, [{ name: 'early78', source: 'bd', score: 78 }, { name: 'early90', source: 'bd', score: 90 }, { name: 'also7', source: 'merchant', score: 7 }, { name: 'also3', source: 'merchant', score: 3 }]);
    expect((await tenant.admin.post(p('/assignment-rules/early/run'), {})).body.allocations).toHaveLength(2);
    expect((await tenant.admin.post(p('/assignment-rules/alsoEarly/run'), {})).body.allocations).toHaveLength(2);
    const expected = ['also3', 'also7', 'early90', 'early78', 'late9210', 'late1240', 'lateNone'];
    expect(((await users.bd1!.client.get(p('/work-orders?assignee=me&state=open'))).body.data as Array<{ title: string }>).map((w) => w.title)).toEqual(expected);
    for (const limit of [1, 2, 3]) {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { data: Array<{ title: string }>; nextCursor: string | null } } = await users.bd1!.client.get(p(`/work-orders?state=open&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
        expect(page.status).toBe(200);
        titles.push(...page.body.data.map((w) => w.title));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(titles, `limit ${limit}`).toEqual(expected);
    }
    // A cursor whose rule is not a key is the client's mistake.
    const bad = Buffer.from(JSON.stringify([5, 1, '2024-01-01T00:00:00.000Z', 0, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await users.bd1!.client.get(p(`/work-orders?cursor=${bad}`))).status).toBe(400);
  });

  it('closes the holder\'s open work order when the record leaves them (release, reassignment, sweep), and hides what they may no longer read', async () => {
    const { tenant, users, p } = await setup({ all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } }, [{ key: 'bd1' }]);
    await leads(tenant, [{ name: 'released' }, { name: 'reassigned' }, { name: 'swept' }]);
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).body.allocations).toHaveLength(3);
    const orders = (await users.bd1!.client.get(p('/work-orders'))).body.data as Array<{ id: string; recordId: string; title: string }>;
    const byTitle = Object.fromEntries(orders.map((o) => [o.title, o]));
    expect((await users.bd1!.client.post(p('/pools/leadPool/release'), { id: byTitle.released!.recordId, reason: 'not a fit' })).status).toBe(200);
    const bd2 = await ctx().createUser(tenant, { email: 'bd2@t.test', roles: ['bd'] });
    const assigned = await tenant.admin.post(p('/pools/leadPool/assign'), { id: byTitle.reassigned!.recordId, userId: bd2.id });
    expect(assigned.status, assigned.text).toBe(200);
    const open = (await users.bd1!.client.get(p('/work-orders?state=all'))).body.data as Array<{ id: string; state: string; outcome: string | null; title: string | null; closedAt: string | null }>;
    const state = (id: string) => open.find((w) => w.id === id);
    expect(state(byTitle.released!.id)).toMatchObject({ state: 'skipped', outcome: 'released: not a fit' });
    expect(state(byTitle.reassigned!.id)).toMatchObject({ state: 'skipped', outcome: 'reassigned' });
    expect(state(byTitle.reassigned!.id)!.closedAt).not.toBeNull();
    // The record is bd2's now and bd1 may not read it: no title (the app shows it without a link).
    expect(state(byTitle.reassigned!.id)!.title).toBeNull();
    expect(state(byTitle.swept!.id)).toMatchObject({ state: 'open' });
    // A sweep that releases runs as of now: the clock moves past every hold's release.
    ctx().setNow(new Date(Date.now() + 400 * 86400_000));
    const swept = await tenant.admin.post(p('/pools/leadPool/sweep'), {});
    ctx().setNow(null);
    expect(swept.status, swept.text).toBe(200);
    const after = (await users.bd1!.client.get(p('/work-orders?state=skipped'))).body.data as Array<{ id: string; outcome: string }>;
    expect(after.find((w) => w.id === byTitle.swept!.id)?.outcome).toMatch(/^released: /);
    expect((await users.bd1!.client.get(p('/work-orders?state=open'))).body.data).toEqual([]);
    expect((await users.bd1!.client.get(p('/work-orders/queues'))).body.data[0]).toMatchObject({ open: 0, closedToday: 3 });
  });

  it('keeps the rule\'s later sort keys among equal priorities, and orders a select by its options', async () => {
    const { tenant, users, p } = await setup({
      ties: { object: 'lead', pool: 'leadPool', match: 'even', records: { include: { score: 50 } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'desc' } },
      bySource: { object: 'lead', pool: 'leadPool', match: 'even', records: { include: { score: 1 } }, users: { where: { roles: 'bd' }, maxPerDay: 3 + 6 }, workOrderPriority: { field: 'source', order: 'asc' } },
    }, [{ key: 'bd1' }]);
    // Equal scores: the rule's next key (creation time) decides, through the order's rank.
    const tied = ['t1', 't2', 't3', 't4', 't5', 't6'];
    for (const name of tied) await leads(tenant, [{ name, score: 50 }]);
    expect((await tenant.admin.post(p('/assignment-rules/ties/run'), {})).body.allocations).toHaveLength(6);
    const queue = (await users.bd1!.client.get(p('/work-orders'))).body.data as Array<{ title: string; rank: number }>;
    expect(queue.map((w) => w.title)).toEqual(tied);
    expect(queue.map((w) => w.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // source options are crawl, bd, merchant, crowd: with room for three, crowd is left, and the
    // queue follows the options' order (not the alphabet: bd, crawl, crowd, merchant).
    await leads(tenant, [{ name: 'crowd', source: 'crowd', score: 1 }, { name: 'merchant', source: 'merchant', score: 1 }, { name: 'bd', source: 'bd', score: 1 }, { name: 'crawl', source: 'crawl', score: 1 }]);
    const run = await tenant.admin.post(p('/assignment-rules/bySource/run'), {});
    expect(run.body.allocations).toHaveLength(3);
    expect(run.body.unassigned).toHaveLength(1);
    const bySource = ((await users.bd1!.client.get(p('/work-orders'))).body.data as Array<{ title: string; rule: string; priority: number }>).filter((w) => w.rule === 'bySource');
    expect(bySource.map((w) => [w.title, w.priority])).toEqual([['crawl', 1], ['bd', 2], ['merchant', 3]]);
  });

  it('gives each record of an object without a pool once, from whoever owned it, counting owned records as holdings', async () => {
    const { tenant, users, p } = await setup({
      hotels: { object: 'hotel', match: 'minVariance', records: { include: { city: 'nanjing' } }, users: { where: { roles: 'bd' }, maxTotal: 2 } },
    }, [{ key: 'x' }, { key: 'y' }]);
    const created = await tenant.admin.post(p('/records/hotel/bulk'), { op: 'create', records: [
      { name: 'N1', city: 'nanjing' }, { name: 'N2', city: 'nanjing' }, { name: 'N3', city: 'nanjing' }, { name: 'S1', city: 'suzhou' },
    ] });
    const ids = created.body.results.map((r: { id: string }) => r.id) as string[];
    // y already owns a hotel: minVariance gives x two, y one (maxTotal 2 counts owned hotels).
    const owned = await tenant.admin.post(p('/records/hotel'), { name: 'Y1', city: 'beijing' });
    const adminId = owned.body.owner as string;
    await ctx().database.storage.executeRaw(`UPDATE records SET owner = $1 WHERE id = $2`, [users.y!.id, owned.body.id]);
    const run = await tenant.admin.post(p('/assignment-rules/hotels/run'), {});
    expect(run.status, run.text).toBe(200);
    expect(run.body.stats.candidates).toBe(3);
    const owners = await Promise.all(ids.map(async (id) => (await tenant.admin.get(p(`/records/hotel/${id}`))).body.owner));
    expect(owners.slice(0, 3).filter((o) => o === users.x!.id)).toHaveLength(2);
    expect(owners.slice(0, 3).filter((o) => o === users.y!.id)).toHaveLength(1);
    expect(owners[3]).toBe(adminId);
    const history = (await tenant.admin.get(p(`/records/hotel/${ids[0]}/history`))).body.data[0];
    expect(history).toMatchObject({ action: 'assign', changes: { owner: [adminId, owners[0]] } });
    expect((await users.x!.client.get(p('/work-orders'))).body.data).toHaveLength(2);
    // A record the rule gave out is not given out again.
    const again = await tenant.admin.post(p('/assignment-rules/hotels/run'), {});
    expect(again.body.stats.candidates).toBe(0);
  });

  it('runs a rule in the background: 202 with a job that ends done with the run, or failed with why, assigning once however often it is run', async () => {
    const everyone = { object: 'lead' as const, pool: 'leadPool', match: 'even' as const, records: {}, users: { where: { roles: 'bd' } } };
    const { tenant, users, p } = await setup({ all: everyone, off: { ...everyone, enabled: false } }, [{ key: 'bd1' }, { key: 'bd2' }, { key: 'disp', roles: ['dispatcher'] }]);
    const ids = await leads(tenant, [{ name: 'a', source: 'bd' }, { name: 'b', source: 'bd' }, { name: 'c', source: 'bd' }, { name: 'd', source: 'crawl' }]);
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const admin = (await tenant.admin.get(p('/me'))).body as { id: string; name: string };
    const job = (client: ApiClient, id: string) => client.get(p(`/jobs/${id}`));

    // Refused before anything is queued: a preview in the background, a BD, a disabled rule.
    const dry = await tenant.admin.post(p('/assignment-rules/all/run'), { dryRun: true, background: true });
    expect([dry.status, dry.body.errors]).toEqual([400, [{ path: '/background', message: 'cannot be combined with dryRun' }]]);
    expect((await users.bd1!.client.post(p('/assignment-rules/all/run'), { background: true })).status).toBe(403);
    expect((await tenant.admin.post(p('/assignment-rules/off/run'), { background: true })).body).toMatchObject({ status: 409, code: 'rule_inactive' });

    // The dispatcher's run: answered at once, then done as the dispatcher, with what the dispatcher may assign.
    const started = await users.disp!.client.post(p('/assignment-rules/all/run'), { background: true });
    expect(started.status, started.text).toBe(202);
    expect(started.headers.get('location')).toBe(p(`/jobs/${started.body.job}`));
    await kernel.jobs.idle();
    const done = await job(users.disp!.client, started.body.job);
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ kind: 'assignment', object: 'lead', state: 'done', processed: 3, total: 3, errors: [], finishedAt: expect.any(String) });
    expect(done.body.result).toMatchObject({ rule: 'all', runId: expect.any(String), stats: { candidates: 3, allocated: 3, users: 2, spread: 1 } });
    expect(Object.values(done.body.result.stats.perUser as Record<string, { allocated: number }>).map((u) => u.allocated).sort()).toEqual([1, 2]);
    // Crawled leads are not the dispatcher's to hand out.
    expect((await tenant.admin.get(p(`/records/lead/${ids[3]}`))).body.poolState).toBe('public');
    const log = await tenant.admin.get(p('/assignment-rules/all/runs'));
    expect(log.body.pending).toEqual([]);
    expect(log.body.data).toEqual([expect.objectContaining({ id: done.body.result.runId, trigger: 'manual', actor: { id: users.disp!.id, name: expect.any(String) }, allocations: 3 })]);
    // Another person's job is not theirs to follow (an admin may).
    expect((await job(users.bd1!.client, started.body.job)).status).toBe(404);
    expect((await job(tenant.admin, started.body.job)).body.state).toBe('done');

    // A job not taken yet is listed as pending with who started it; taken twice at once (a process
    // thought dead), it assigns once.
    await leads(tenant, [{ name: 'e' }, { name: 'f' }]);
    // Started a day ago without an asOf: the run is as of when it runs, not of when it was asked for.
    const queued = (rule: string, by: string) => kernel.storage.inTenant(tenantId, async (tx) => (await sql<{ id: string }>`
      INSERT INTO jobs (tenant_id, id, kind, state, object, options, created_by, created_at)
      VALUES (${tenantId}::uuid, gen_random_uuid(), 'assignment', 'queued', 'lead', ${JSON.stringify({ rule, roles: ['admin'] })}::jsonb, ${by}::uuid, now() - interval '1 day')
      RETURNING id`.execute(tx)).rows[0]!.id);
    const waiting = await queued('all', admin.id);
    expect((await tenant.admin.get(p('/assignment-rules/all/runs'))).body.pending).toEqual([
      { job: waiting, state: 'queued', createdAt: expect.any(String), startedAt: null, actor: { id: admin.id, name: admin.name } },
    ]);
    // Meanwhile the rule shows it, and another background run of it is refused.
    const listed = (await tenant.admin.get(p('/assignment-rules'))).body.data.find((r: { key: string }) => r.key === 'all');
    expect(listed.pending).toEqual([expect.objectContaining({ job: waiting, state: 'queued' })]);
    const second = await tenant.admin.post(p('/assignment-rules/all/run'), { background: true });
    expect([second.status, second.body.code, second.body.job]).toEqual([409, 'run_in_progress', waiting]);
    expect((await users.bd1!.client.get(p('/assignment-rules'))).body.data.find((r: { key: string }) => r.key === 'all').pending).toEqual([]);
    const before = Date.now();
    expect(await resumeJobs(kernel.jobs, kernel.storage, kernel.tenants, { assignment: 'shoal-assignment' })).toBe(1);
    await kernel.jobs.send('shoal-assignment', { tenantId, jobId: waiting });
    await kernel.jobs.idle();
    // The admin's run also hands out the crawled lead.
    const resumed = (await job(tenant.admin, waiting)).body;
    expect(resumed).toMatchObject({ state: 'done', processed: 3, total: 3 });
    expect(Date.parse(resumed.result.asOf)).toBeGreaterThanOrEqual(before - 1000);
    const after = await tenant.admin.get(p('/assignment-rules/all/runs'));
    expect([after.body.data.length, after.body.pending]).toEqual([2, []]);

    // A run whose process died (running for a minute, its row held by no transaction) no longer
    // holds off new runs: it ends failed, assigning nothing. A live one is left alone.
    const interrupted = await queued('all', admin.id);
    await kernel.storage.inTenant(tenantId, (tx) => sql`UPDATE jobs SET state = 'running', started_at = now() - interval '1 minute' WHERE id = ${interrupted}::uuid`.execute(tx));
    if (ctx().database.kind === 'postgres') {
      // Held by a run in progress (its transaction locks the job row): still pending.
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => { locked = resolve; });
      const holder = kernel.storage.inTenant(tenantId, async (tx) => {
        await sql`SELECT id FROM jobs WHERE id = ${interrupted}::uuid FOR UPDATE`.execute(tx);
        locked();
        await held;
      });
      await isLocked;
      const pendingOfAll = async () => (await tenant.admin.get(p('/assignment-rules'))).body.data.find((r: { key: string }) => r.key === 'all').pending;
      expect(await pendingOfAll()).toEqual([expect.objectContaining({ job: interrupted, state: 'running' })]);
      release();
      await holder;
      // Held by a run that waited behind a publish (the tenant's write lock, held exclusively) and
      // has not locked the row yet: its job's lock, taken before it waited, says it is alive.
      let publishDone!: () => void;
      const publishing = new Promise<void>((resolve) => { publishDone = resolve; });
      let published!: () => void;
      const isPublishing = new Promise<void>((resolve) => { published = resolve; });
      const publish = kernel.storage.inTenant(tenantId, async (tx) => {
        await sql`SELECT 1`.execute(tx); // (the transaction's setup goes with its first statement)
        published();
        await publishing;
      }, { exclusiveWrites: true });
      await isPublishing;
      let looked!: () => void;
      const reaperLooked = new Promise<void>((resolve) => { looked = resolve; });
      const run = kernel.storage.inTenant(tenantId, async (tx) => {
        await sql`SELECT 1`.execute(tx);
        await reaperLooked;
        return (await sql<{ state: string }>`SELECT state FROM jobs WHERE id = ${interrupted}::uuid FOR UPDATE`.execute(tx)).rows[0]!.state;
      }, { job: interrupted });
      await vi.waitFor(async () => expect((await ctx().database.storage.executeRaw(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows).not.toEqual([]));
      publishDone();
      await publish;
      expect(await pendingOfAll()).toEqual([expect.objectContaining({ job: interrupted, state: 'running' })]);
      expect((await job(tenant.admin, interrupted)).body.state).toBe('running');
      looked();
      expect(await run).toBe('running');
    }
    expect((await tenant.admin.get(p('/assignment-rules'))).body.data.find((r: { key: string }) => r.key === 'all').pending).toEqual([]);
    expect((await job(tenant.admin, interrupted)).body).toMatchObject({
      state: 'failed', errors: [{ row: 0, code: 'run_interrupted', message: 'The process running it stopped before the run ended; nothing was assigned' }],
    });
    // Whoever follows such a run learns that it ended the next time they ask for its job, though
    // nobody reads the rules; a run that started ten seconds ago is left alone.
    const followed = await queued('all', admin.id);
    await kernel.storage.inTenant(tenantId, (tx) => sql`UPDATE jobs SET state = 'running', started_at = now() - interval '10 seconds' WHERE id = ${followed}::uuid`.execute(tx));
    expect((await job(tenant.admin, followed)).body.state).toBe('running');
    await kernel.storage.inTenant(tenantId, (tx) => sql`UPDATE jobs SET started_at = now() - interval '1 minute' WHERE id = ${followed}::uuid`.execute(tx));
    expect((await job(tenant.admin, followed)).body).toMatchObject({ state: 'failed', errors: [{ row: 0, code: 'run_interrupted' }] });
    expect((await tenant.admin.get(p('/assignment-rules/all/runs'))).body.pending).toEqual([]);

    // Ends failed, assigning nothing: a rule switched off meanwhile, a starter no longer active, a run that broke.
    const fails = async (jobId: string) => {
      await kernel.jobs.send('shoal-assignment', { tenantId, jobId });
      await kernel.jobs.idle();
      const body = (await job(tenant.admin, jobId)).body;
      expect(body.state).toBe('failed');
      return body.errors[0].message as string;
    };
    await leads(tenant, [{ name: 'g' }]);
    expect(await fails(await queued('off', admin.id))).toBe('Assignment rule off is disabled; only a dry run is possible');
    expect((await tenant.admin.patch(p(`/users/${users.disp!.id}`), { active: false })).status).toBe(200);
    expect(await fails(await queued('all', users.disp!.id))).toBe('The person who started the run is no longer active; nothing was assigned');
    await ctx().database.storage.executeRaw(`CREATE OR REPLACE FUNCTION shoal_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$`);
    await ctx().database.storage.executeRaw(`CREATE TRIGGER shoal_test_fail BEFORE INSERT ON assignment_runs FOR EACH ROW EXECUTE FUNCTION shoal_test_fail()`);
    try {
      const broken = await queued('all', admin.id);
      expect(await fails(broken)).toBe('The run stopped and assigned nothing: injected');
      expect((await job(tenant.admin, broken)).body.errors).toEqual([{ row: 0, code: 'run_failed', message: 'The run stopped and assigned nothing: injected', detail: 'injected' }]);
    } finally {
      await ctx().database.storage.executeRaw(`DROP TRIGGER shoal_test_fail ON assignment_runs`);
    }
    const g = (await tenant.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: 'g' }))}`))).body.data[0];
    expect(g).toMatchObject({ poolState: 'public', owner: null });

    // Whoever started a run hears how it ended, once per job, wherever they are: what it assigned, or why it assigned nothing.
    const notices = (await ctx().database.storage.executeRaw(
      `SELECT user_id, title, body FROM notifications WHERE tenant_id = $1 AND kind = 'assignment_finished' ORDER BY created_at, body->>'job'`, [tenantId])).rows as Array<{ user_id: string; title: string; body: any }>;
    const byJob = new Map(notices.map((n) => [n.body.job as string, n]));
    expect(notices).toHaveLength(7);
    expect(byJob.get(started.body.job)).toEqual({ user_id: users.disp!.id, title: 'Assignment rule all assigned 3 records', body: { job: started.body.job, rule: 'all', state: 'done', allocated: 3, unassigned: 0, users: 2, runId: done.body.result.runId } });
    expect(byJob.get(waiting)).toMatchObject({ user_id: admin.id, body: { state: 'done', allocated: 3 } });
    for (const dead of [interrupted, followed]) {
      expect(byJob.get(dead)).toMatchObject({ user_id: admin.id, title: 'A run of assignment rule all stopped and assigned nothing', body: { rule: 'all', state: 'failed', code: 'run_interrupted' } });
    }
    expect(notices.filter((n) => n.body.state === 'failed').map((n) => [n.user_id === admin.id ? 'admin' : 'disp', n.body.rule, n.body.code]).slice(2)).toEqual([
      ['admin', 'off', 'rule_inactive'], ['disp', 'all', 'user_inactive'], ['admin', 'all', 'run_failed'],
    ]);
  });

  it('queues one background run of a rule however many start it at once; the others answer 409 run_in_progress', async () => {
    const { tenant, p } = await setup({ all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } }, [{ key: 'bd1' }, { key: 'bd2' }]);
    await leads(tenant, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    // The jobs are sent once every start has answered: a run that ended meanwhile would rightly let a later start through.
    const sent: Array<Parameters<typeof kernel.jobs.send>> = [];
    const send = vi.spyOn(kernel.jobs, 'send').mockImplementation(async (...args) => { sent.push(args); return null; });
    const starts = 4;
    let answers: ApiResponse[];
    try {
      const start = () => tenant.admin.post(p('/assignment-rules/all/run'), { background: true });
      if (ctx().database.kind === 'postgres') {
        // Every start waits at its job's insert (for the tenant's row, the jobs' foreign key, held
        // here), after its check: before, each had found nothing pending and all four queued a run.
        const end = await holdTransaction((w) => kernel.storage.inPlatform(w), (tx) => sql`SELECT 1 FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`.execute(tx));
        const started = Array.from({ length: starts }, start);
        try {
          await waitForLockWaits(ctx().database.storage, starts);
        } finally {
          await end();
        }
        answers = await Promise.all(started);
      } else {
        answers = await Promise.all(Array.from({ length: starts }, start));
      }
    } finally {
      send.mockRestore();
    }
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409]);
    const job = answers.find((a) => a.status === 202)!.body.job as string;
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body).toMatchObject({ code: 'run_in_progress', rule: 'all', job });
    expect((await tenant.admin.get(p('/assignment-rules/all/runs'))).body.pending).toEqual([expect.objectContaining({ job, state: 'queued' })]);
    expect(sent).toHaveLength(1);
    for (const args of sent) await kernel.jobs.send(...args);
    await kernel.jobs.idle();
    const runs = (await tenant.admin.get(p('/assignment-rules/all/runs'))).body;
    expect([runs.data.map((r: { allocations: number }) => r.allocations), runs.pending]).toEqual([[3], []]);
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

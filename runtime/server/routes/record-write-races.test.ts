import { expect, it } from 'vitest';
import { bulkWrite } from '../../../platform/records/bulk-records.ts';
import { maxKeyLocks } from '../../../platform/records/upsert-key-locks.ts';
import { createRecord, deleteRecord } from '../../../platform/records/write-records.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { Tx } from '../../../platform/storage/storage.ts';
import type { RecordContext } from '../../../platform/records/record-context.ts';
import { describeEachServer, type TestContext } from '../../testing/test-server.ts';

/**
 * Two writes of the same records at the same moment, on PostgreSQL in a fixed order: one runs in
 * a transaction the test holds open while the other is sent through the API; the test then
 * commits and sees what the other answered (PGlite runs one transaction at a time, so there the
 * same rules are checked one write after the other).
 */
describeEachServer('records: writes at the same moment', (ctx) => {
  const setUp = async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const info = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!;
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    return { tenant, tenantId: info.id, p, system: async () => ctx().server.kernel.records.systemContext(await ctx().server.kernel.metadataCache.live(info)) };
  };

  it('a delete and a create pointing at the deleted record: whichever commits first, no live record points at a deleted one', async () => {
    const { tenant, tenantId, p, system } = await setUp();
    const hotel = (await tenant.admin.post(p('/records/hotel'), { name: 'Doomed' })).body;
    if (ctx().database.kind === 'postgres') {
      // The create holds its transaction open: the delete waits for it, then finds the lead.
      const deleted = await whileOpen(ctx(), tenantId, system, async (tx, rc) => {
        await createRecord(tx, rc, ctx().server.kernel.records.hooks, rc.compiled.objects.get('lead')!, { name: 'Racing', hotel: hotel.id });
      }, () => tenant.admin.delete(p(`/records/hotel/${hotel.id}`)));
      expect(deleted.waited, 'the delete waited for the create').toBe(true);
      expect(deleted.answer).toMatchObject({ status: 409, body: { code: 'referenced', errors: [{ path: '/lead/hotel', count: 1 }] } });
      // The delete holds its transaction open: the create waits for it, then finds no hotel.
      const other = (await tenant.admin.post(p('/records/hotel'), { name: 'Doomed too' })).body;
      const created = await whileOpen(ctx(), tenantId, system, async (tx, rc) => {
        await deleteRecord(tx, rc, ctx().server.kernel.records.hooks, rc.compiled.objects.get('hotel')!, other.id);
      }, () => tenant.admin.post(p('/records/lead'), { name: 'Late', hotel: other.id }));
      expect(created.waited, 'the create waited for the delete').toBe(true);
      expect(created.answer).toMatchObject({ status: 422, body: { errors: [{ path: '/hotel', message: 'refers to a hotel that does not exist' }] } });
      // An update of the hotel does not wait for a write pointing at it (nor the other way round).
      const kept = (await tenant.admin.post(p('/records/hotel'), { name: 'Kept' })).body;
      const updated = await whileOpen(ctx(), tenantId, system, async (tx, rc) => {
        await createRecord(tx, rc, ctx().server.kernel.records.hooks, rc.compiled.objects.get('lead')!, { name: 'Pointing', hotel: kept.id });
      }, () => tenant.admin.patch(p(`/records/hotel/${kept.id}`), { stars: 4 }));
      expect([updated.waited, updated.answer.status]).toEqual([false, 200]);
    } else {
      expect((await tenant.admin.post(p('/records/lead'), { name: 'First', hotel: hotel.id })).status).toBe(201);
      expect((await tenant.admin.delete(p(`/records/hotel/${hotel.id}`))).body).toMatchObject({ code: 'referenced' });
    }
    const gone = (await tenant.admin.post(p('/records/hotel'), { name: 'Gone' })).body;
    expect((await tenant.admin.delete(p(`/records/hotel/${gone.id}`))).status).toBe(204);
    expect((await tenant.admin.post(p('/records/lead'), { name: 'After', hotel: gone.id })).status).toBe(422);
  });

  it('two visits of one lead written at once leave lastVisitAt at the later visit', async () => {
    const { tenant, tenantId, p, system } = await setUp();
    const lead = (await tenant.admin.post(p('/records/lead'), { name: 'Visited' })).body;
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const recent = hoursAgo(1);
    const older = hoursAgo(24 * 20);
    if (ctx().database.kind === 'postgres') {
      // Today's visit is written (and the lead's lastVisitAt set) in a transaction held open; the
      // older visit's write, sent meanwhile, must count today's once that commits.
      const logged = await whileOpen(ctx(), tenantId, system, async (tx, rc) => {
        await createRecord(tx, rc, ctx().server.kernel.records.hooks, rc.compiled.objects.get('visit')!, { lead: lead.id, visitedAt: recent });
      }, () => tenant.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: older }));
      expect([logged.waited, logged.answer.status]).toEqual([true, 201]);
    } else {
      await tenant.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: recent });
      await tenant.admin.post(p('/records/visit'), { lead: lead.id, visitedAt: older });
    }
    expect(new Date((await tenant.admin.get(p(`/records/lead/${lead.id}`))).body.lastVisitAt).toISOString()).toBe(recent);
    // A visit deleted moves it back to the latest one left.
    const visits = (await tenant.admin.get(p(`/records/visit?where=${encodeURIComponent(JSON.stringify({ lead: lead.id }))}&orderBy=-visitedAt`))).body.data as Array<{ id: string }>;
    expect((await tenant.admin.delete(p(`/records/visit/${visits[0]!.id}`))).status).toBe(204);
    expect(new Date((await tenant.admin.get(p(`/records/lead/${lead.id}`))).body.lastVisitAt).toISOString()).toBe(older);
  });

  it('upserts of the same key at once create one record, by a few keys and by many (the key field is not unique)', async () => {
    const { tenant, tenantId, p, system } = await setUp();
    for (const count of [1, maxKeyLocks + 10]) {
      const names = Array.from({ length: count }, (_, i) => `Upserted ${count}-${i}`);
      const upsert = (tx: Tx, rc: RecordContext) => bulkWrite(tx, rc, ctx().server.kernel.records.hooks, rc.compiled.objects.get('hotel')!, { op: 'upsert', upsertKey: 'name', records: names.map((name) => ({ name, stars: 2 })) });
      if (ctx().database.kind === 'postgres') {
        const second = await whileOpen(ctx(), tenantId, system, async (tx, rc) => {
          expect((await upsert(tx, rc)).every((r) => r.status === 201)).toBe(true);
        }, () => tenant.admin.post(p('/records/hotel/bulk'), { op: 'upsert', upsertKey: 'name', records: [{ name: names[0], stars: 3 }] }));
        expect(second.waited, 'the second upsert waited').toBe(true);
        expect(second.answer.body.results).toMatchObject([{ status: 200 }]);
      } else {
        await system().then((rc) => ctx().database.storage.inTenant(tenantId, (tx) => upsert(tx, rc)));
        expect((await tenant.admin.post(p('/records/hotel/bulk'), { op: 'upsert', upsertKey: 'name', records: [{ name: names[0], stars: 3 }] })).body.results).toMatchObject([{ status: 200 }]);
      }
      const found = (await tenant.admin.get(p(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: names[0] }))}`))).body.data;
      expect(found).toMatchObject([{ name: names[0], stars: 3 }]);
    }
  });
});

/**
 * Runs `work` in a tenant transaction and, once it has run, sends `request`; holds the
 * transaction open a while, then commits. Says whether the request was still waiting then, and
 * what it answered.
 */
async function whileOpen<T>(
  context: TestContext, tenantId: string, system: () => Promise<RecordContext>,
  work: (tx: Tx, rc: RecordContext) => Promise<void>, request: () => Promise<T>,
): Promise<{ waited: boolean; answer: T }> {
  const rc = await system();
  let answered = false;
  let sent: Promise<T> | undefined;
  let waited = false;
  await context.database.storage.inTenant(tenantId, async (tx) => {
    await work(tx, rc);
    sent = request().finally(() => (answered = true));
    await new Promise((r) => setTimeout(r, 400));
    waited = !answered;
  });
  return { waited, answer: await sent! };
}

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Kernel } from '../kernel.ts';
import { stopIndexWork } from '../metadata/publish.ts';
import type { RecordContext } from '../records/record-context.ts';
import { describeEachDatabase } from '../testing/test-databases.ts';

describeEachDatabase('the hotel demo\'s seeded stage history', (db) => {
  let kernel: Kernel;
  let ctx: RecordContext;

  beforeAll(async () => {
    kernel = new Kernel({ storage: db().storage });
    const slug = `seed-${randomBytes(3).toString('hex')}`;
    const created = await kernel.tenantService.create({ slug, name: 'Seed', template: 'hotel', sampleData: true, admin: { email: `admin@${slug}.test`, password: 'admin-password-1' } });
    ctx = kernel.records.systemContext(await kernel.metadataCache.live(created.tenant));
  });

  // The template's indexes are built in the background: done before the database closes.
  afterAll(() => stopIndexWork(db().storage));

  /** The stage changes of a record's history, oldest first, as [from, to] at their times. */
  async function stageChanges(id: string): Promise<Array<{ at: string; action: string; change: unknown }>> {
    const { data } = await kernel.records.history(ctx, 'lead', id, { limit: 500 });
    return data.filter((h) => 'stage' in h.changes).reverse().map((h) => ({ at: h.at, action: h.action, change: h.changes.stage }));
  }

  it('tells each lead\'s way through the funnel as the stage events do: created in New, then a transition per step', async () => {
    for (const stage of ['new', 'negotiating', 'signed', 'lost']) {
      const lead = (await kernel.records.list(ctx, 'lead', { where: { stage }, limit: 1 })).data[0]!;
      const changes = await stageChanges(lead.id as string);
      const events = (await db().storage.inTenant(ctx.tenantId, (tx) => sql<{ from_stage: string | null; to_stage: string; at: Date }>`
        SELECT from_stage, to_stage, at FROM stage_events WHERE tenant_id = ${ctx.tenantId}::uuid AND record_id = ${lead.id}::uuid ORDER BY at, id`.execute(tx))).rows;
      expect(changes, stage).toEqual(events.map((e, i) => ({ at: e.at.toISOString(), action: i === 0 ? 'create' : 'transition', change: [e.from_stage, e.to_stage] })));
      expect(changes[0]!.change).toEqual([null, 'new']);
      expect((changes[changes.length - 1]!.change as string[])[1]).toBe(stage);
    }
  });
});

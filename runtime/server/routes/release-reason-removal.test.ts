import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import type { MetadataDocument, ReleaseReasonDefinition } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type TestTenant } from '../../testing/test-server.ts';

const budget: ReleaseReasonDefinition = { key: 'budget_frozen', label: { en: 'Budget frozen', zh: '预算冻结' } };
const movedAway: ReleaseReasonDefinition = { key: 'moved_away', label: { en: 'Customer moved away', zh: '客户已搬走' } };
/** The lead pool's words for the same key: what a takeaway lead would read by if its pool's kept words were ignored. */
const hotelBudget: ReleaseReasonDefinition = { key: 'budget_frozen', label: { en: 'Group budget frozen', zh: '集团预算冻结' } };

/** Takeaway leads (source crawl) in a pool of their own, hotel leads in the lead pool: both offer budget_frozen, in different words. */
function twoPools(takeawayReasons: ReleaseReasonDefinition[]): MetadataDocument {
  const { leadPool } = testDocument().pools!;
  return testDocument({
    pools: {
      takeawayPool: { ...leadPool!, where: { source: 'crawl' }, releaseReasons: takeawayReasons },
      leadPool: { ...leadPool!, releaseReasons: [hotelBudget, movedAway] },
    },
  });
}

describeEachServer('removing a release reason that records carry', (ctx) => {
  const url = (t: TestTenant, path: string) => `/api/t/${t.slug}${path}`;

  /** A tenant with three takeaway leads released (two for 预算冻结) and a hotel lead released for budget_frozen (集团预算冻结) in the other pool. */
  async function released(): Promise<{ t: TestTenant; ids: Record<string, string> }> {
    const t = await ctx().createTenantWith(twoPools([budget, movedAway]));
    const ids: Record<string, string> = {};
    for (const [name, source, pool, reason] of [
      ['Noodle shop', 'crawl', 'takeawayPool', 'budget_frozen'], ['Dumpling shop', 'crawl', 'takeawayPool', 'budget_frozen'],
      ['Tea shop', 'crawl', 'takeawayPool', 'moved_away'], ['Hotel', 'bd', 'leadPool', 'budget_frozen'],
    ] as const) {
      const id = (await t.admin.post(url(t, '/records/lead'), { name, source })).body.id as string;
      expect((await t.admin.post(url(t, `/pools/${pool}/claim`), { id })).status).toBe(200);
      const done = await t.admin.post(url(t, `/pools/${pool}/release`), { id, reason });
      expect(done.status, done.text).toBe(200);
      ids[name] = id;
    }
    return { t, ids };
  }

  const record = async (t: TestTenant, id: string) => (await t.admin.get(url(t, `/records/lead/${id}`))).body;

  async function exported(t: TestTenant, lang: 'zh' | 'en'): Promise<Record<string, string>> {
    const [head, ...rows] = parse((await t.admin.request('GET', url(t, `/records/lead/export.csv?header=labels&lang=${lang}&fields=name,releaseReason`))).text, { bom: true }) as string[][];
    const column = head!.indexOf(lang === 'zh' ? '释放原因' : 'Release reason');
    return Object.fromEntries(rows.map((r) => [r[head!.length - 1]!, r[column]!]));
  }

  it('names the removal with the records of that pool released for it, and refuses it unconfirmed (409)', async () => {
    const { t } = await released();
    const saved = await t.admin.put(url(t, '/meta/draft'), { document: twoPools([movedAway]) });
    expect(saved.status, saved.text).toBe(200);
    const diff = await t.admin.post(url(t, '/meta/diff'), {});
    expect(diff.body.changes.filter((c: { section: string }) => c.section === 'releaseReasons')).toEqual([expect.objectContaining({
      action: 'removed', path: '/pools/takeawayPool/releaseReasons', key: 'takeawayPool:budget_frozen', object: 'lead',
      classification: 'destructive', affectedRecords: 2, // not the hotel lead of the other pool
    })]);
    const refused = await t.admin.post(url(t, '/meta/publish'), {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'destructive_change', errors: [{ path: '/pools/takeawayPool/releaseReasons', affectedRecords: 2 }] });
    const misfit = await t.admin.post(url(t, '/meta/publish'), { migrations: [{ op: 'moveReleaseReason', pool: 'takeawayPool', from: 'budget_frozen', to: 'closed' }] });
    expect(misfit.status).toBe(422);
    expect(misfit.body.errors).toEqual([{ path: '/migrations/0/to', message: 'closed is not a release reason of takeawayPool in the draft' }]);
  });

  it('moves those records to another reason of the pool: only their reason and version change', async () => {
    const { t, ids } = await released();
    const before = await record(t, ids['Noodle shop']!);
    const history = (await t.admin.get(url(t, `/records/lead/${ids['Noodle shop']}/history`))).body;
    const moved = await publish(t, twoPools([movedAway]), { migrations: [{ op: 'moveReleaseReason', pool: 'takeawayPool', from: 'budget_frozen', to: 'moved_away' }] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.changes.find((c: { section: string }) => c.section === 'releaseReasons')).toMatchObject({ action: 'renamed', classification: 'migration', affectedRecords: 2 });
    const after = await record(t, ids['Noodle shop']!);
    expect(after).toEqual({ ...before, releaseReason: 'moved_away', version: before.version + 1 });
    expect((await t.admin.get(url(t, `/records/lead/${ids['Noodle shop']}/history`))).body).toEqual(history);
    expect(await exported(t, 'zh')).toEqual({ 'Noodle shop': '客户已搬走', 'Dumpling shop': '客户已搬走', 'Tea shop': '客户已搬走', Hotel: '集团预算冻结' });
    expect((await record(t, ids.Hotel!)).releaseReason).toBe('budget_frozen');
  });

  it('keeps them as they are when confirmed: their reason still reads in words, kept in the published pool', async () => {
    const { t, ids } = await released();
    const before = await record(t, ids['Noodle shop']!);
    const kept = await publish(t, twoPools([movedAway]), { confirmDestructive: true });
    expect(kept.status, kept.text).toBe(200);
    expect(await record(t, ids['Noodle shop']!)).toEqual(before);
    const live = (await t.admin.get(url(t, '/meta'))).body.document;
    expect(live.pools.takeawayPool).toMatchObject({ releaseReasons: [movedAway], removedReleaseReasons: [budget] });
    // The other pool offers budget_frozen in other words: these are the takeaway pool's kept ones.
    expect(await exported(t, 'zh')).toEqual({ 'Noodle shop': '预算冻结', 'Dumpling shop': '预算冻结', 'Tea shop': '客户已搬走', Hotel: '集团预算冻结' });
    expect((await exported(t, 'en'))['Noodle shop']).toBe('Budget frozen');

    // The next draft starts from the live version: nothing to review, and a draft without the list keeps it.
    expect((await t.admin.post(url(t, '/meta/diff'), {})).body.changes).toEqual([]);
    const next = twoPools([movedAway]);
    next.pools!.takeawayPool!.holdDays = 30;
    const again = await publish(t, next);
    expect(again.status, again.text).toBe(200);
    expect((await t.admin.get(url(t, '/meta'))).body.document.pools.takeawayPool.removedReleaseReasons).toEqual([budget]);
    expect((await exported(t, 'zh'))['Dumpling shop']).toBe('预算冻结');
  });

  it('ignores a removedReleaseReasons list written by hand in a draft: the publish derives it', async () => {
    const { t } = await released();
    const forged = twoPools([budget, movedAway]);
    forged.pools!.takeawayPool!.removedReleaseReasons = [{ key: 'hold_expired', label: 'BD主动放弃' }, { key: 'budget_frozen', label: { en: ' ', zh: '冻结' } }];
    forged.pools!.takeawayPool!.holdDays = 30;
    const saved = await t.admin.put(url(t, '/meta/draft'), { document: forged });
    expect(saved.status, saved.text).toBe(200);
    expect(JSON.stringify((await t.admin.post(url(t, '/meta/diff'), {})).body.changes)).not.toContain('removedReleaseReasons');
    const published = await t.admin.post(url(t, '/meta/publish'), {});
    expect(published.status, published.text).toBe(200);
    const live = (await t.admin.get(url(t, '/meta'))).body.document;
    expect(live.pools.takeawayPool).toMatchObject({ holdDays: 30, releaseReasons: [budget, movedAway] });
    expect(live.pools.takeawayPool).not.toHaveProperty('removedReleaseReasons');
    expect(await exported(t, 'zh')).toEqual({ 'Noodle shop': '预算冻结', 'Dumpling shop': '预算冻结', 'Tea shop': '客户已搬走', Hotel: '集团预算冻结' });
  });
});

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { TenantDirectory } from './tenant-directory.ts';

describeEachDatabase('tenant directory', (database) => {
  async function tenant(liveVersion: number): Promise<{ id: string; slug: string; publish: (version: number) => Promise<void> }> {
    const { storage } = database();
    const id = randomUUID();
    const slug = `d-${id.slice(0, 8)}`;
    await storage.db.insertInto('tenants').values({ id, slug, name: 'D', live_version: liveVersion, time_zone: 'UTC' }).execute();
    return { id, slug, publish: async (version) => { await storage.db.updateTable('tenants').set({ live_version: version }).where('id', '=', id).execute(); } };
  }

  it('answers from its cache until told to forget, then reads the database again', async () => {
    const directory = new TenantDirectory(database().storage);
    const t = await tenant(1);
    expect((await directory.bySlug(t.slug))?.liveVersion).toBe(1);
    await t.publish(2);
    expect((await directory.bySlug(t.slug))?.liveVersion).toBe(1);
    directory.forget(t.slug);
    expect((await directory.bySlug(t.slug))?.liveVersion).toBe(2);
  });

  it('does not keep a read that a forget overtook (a publish\'s NOTIFY arriving while the read was on its way)', async () => {
    const directory = new TenantDirectory(database().storage);
    const t = await tenant(1);
    const reading = directory.bySlug(t.slug);
    directory.forget(t.slug);
    await t.publish(2);
    expect((await reading)?.liveVersion).toBe(1);
    // What that read saw is not what the cache now answers.
    expect((await directory.bySlug(t.slug))?.liveVersion).toBe(2);
  });
});

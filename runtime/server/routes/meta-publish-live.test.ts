import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { indexWorkSettled } from '../../../platform/metadata/publish.ts';
import { advisoryLockSpaces } from '../../../platform/storage/storage.ts';
import { TenantDirectory } from '../../../platform/tenants/tenant-directory.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type TestTenant } from '../../testing/test-server.ts';

/** A fresh copy of the test document, loosely typed so a test can change anything. */
const doc = (): any => structuredClone(testDocument());

/** The test document with lead.notes renamed to remarks, and the migration that does it. */
function notesRenamed(): { document: any; migrations: unknown[] } {
  const document = doc();
  const { notes, ...rest } = document.objects.lead.fields;
  document.objects.lead.fields = { ...rest, remarks: notes };
  document.roles.bd[2].fields = document.roles.bd[2].fields.map((f: string) => (f === 'notes' ? 'remarks' : f));
  return { document, migrations: [{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }] };
}

describeEachServer('a publish goes live everywhere as it commits', (ctx) => {
  const url = (t: TestTenant, path: string) => `/api/t/${t.slug}${path}`;
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /**
   * The next DROP INDEX of the server's storage fails as one that waited out its statement
   * timeout would. A spy on the storage, not a module mock: test files share their workers'
   * modules (vitest.config.ts, isolate: false), so a module mock would not reach publish.ts.
   */
  function failNextDrop(): void {
    const storage = ctx().database.storage;
    const executeRaw = storage.executeRaw.bind(storage);
    let failing = 1;
    vi.spyOn(storage, 'executeRaw').mockImplementation(async (text, values) => {
      if (failing > 0 && /^DROP INDEX/.test(text)) {
        failing--;
        throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
      }
      return executeRaw(text, values);
    });
  }

  async function tenantId(t: TestTenant): Promise<string> {
    const { rows } = await ctx().database.storage.executeRaw('SELECT id FROM tenants WHERE slug = $1', [t.slug]);
    return (rows[0] as { id: string }).id;
  }

  /** The tenant's own indexes over `field`. */
  async function indexesOver(t: TestTenant, field: string): Promise<string[]> {
    const prefix = `rx_${(await tenantId(t)).replace(/-/g, '')}_%`;
    const { rows } = await ctx().database.storage.executeRaw('SELECT indexname FROM pg_indexes WHERE indexname LIKE $1 AND indexdef LIKE $2', [prefix, `%'${field}'%`]);
    return (rows as Array<{ indexname: string }>).map((r) => r.indexname);
  }

  it('answers 200 and every process serves the new version when dropping an unwanted index fails after the commit; a background reconcile drops it', async () => {
    const indexed = doc();
    indexed.objects.hotel.fields.wifi = { type: 'boolean', indexed: true }; // booleans are indexed per tenant
    const t = await ctx().createTenantWith(indexed);
    await indexWorkSettled();
    const [index] = await indexesOver(t, 'wifi');
    expect(index).toMatch(/^rx_/);
    // Another process's tenant directory, holding the live version (it has no expiry).
    const other = new TenantDirectory(ctx().database.storage);
    await other.start();
    const before = (await other.bySlug(t.slug))!.liveVersion!;

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    failNextDrop();
    const unmarked = structuredClone(indexed);
    delete unmarked.objects.hotel.fields.wifi.indexed;
    const res = await publish(t, unmarked);
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(before + 1);
    expect(res.body.indexes.dropped).toEqual([index]);
    await vi.waitFor(async () => expect((await other.bySlug(t.slug))!.liveVersion).toBe(before + 1), { timeout: 5000 });
    expect((await t.admin.get(url(t, '/meta'))).body.version).toBe(before + 1);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`dropping index ${index}`));

    await indexWorkSettled();
    expect(await indexesOver(t, 'wifi')).toEqual([]);
  });

  it('refuses a write resolved against the version a publish replaced while it waited (409 metadata_changed), writing nothing; sent again it is checked against the new version', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const created = await t.admin.post(url(t, '/records/lead'), { name: 'L', notes: 'first' });
    expect(created.status, created.text).toBe(201);
    const lead = url(t, `/records/lead/${created.body.id}`);
    const { kernel } = ctx().server;
    const stale = (await kernel.tenants.bySlug(t.slug))!;
    const { document, migrations } = notesRenamed();
    expect((await publish(t, document, { migrations })).status).toBe(200);

    // The request resolved the tenant (and so its metadata) before the publish committed.
    vi.spyOn(kernel.tenants, 'bySlug').mockResolvedValueOnce(stale);
    const refused = await t.admin.patch(lead, { notes: 'second' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'metadata_changed', type: 'https://shoal.dev/problems/metadata-changed' });
    // As the publish's rename left it (which counts as a change: version 2), and no more.
    expect((await t.admin.get(lead)).body).toMatchObject({ remarks: 'first', version: 2 });
    // Sent again, it is resolved against the live version, which has no `notes` any more.
    expect((await t.admin.patch(lead, { notes: 'second' })).status).not.toBe(200);
    expect((await t.admin.patch(lead, { remarks: 'second' })).body).toMatchObject({ remarks: 'second', version: 3 });
  });

  it('refuses a write that queued behind a publish renaming its field, instead of writing under the old key (PostgreSQL: real interleaving)', async () => {
    const { database } = ctx();
    if (database.kind !== 'postgres') return; // PGlite runs one transaction at a time: nothing queues
    const t = await ctx().createTenantWith(testDocument());
    const created = await t.admin.post(url(t, '/records/lead'), { name: 'L', notes: 'first' });
    const lead = url(t, `/records/lead/${created.body.id}`);
    const id = await tenantId(t);
    const waiting = async () => (await database.storage.executeRaw(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = hashtext($2)::oid`,
      [advisoryLockSpaces.tenantWrites, id])).rows[0] as { n: number };
    // A long write of the tenant is in flight: the publish queues behind it, the PATCH behind the publish.
    const inFlight = new pg.Client({ connectionString: database.url });
    await inFlight.connect();
    try {
      await inFlight.query('BEGIN');
      await inFlight.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [advisoryLockSpaces.tenantWrites, id]);
      const { document, migrations } = notesRenamed();
      const publishing = publish(t, document, { migrations });
      await vi.waitFor(async () => expect(await waiting()).toEqual({ n: 1 }), { timeout: 10_000 });
      const patching = t.admin.patch(lead, { notes: 'second' });
      await vi.waitFor(async () => expect(await waiting()).toEqual({ n: 2 }), { timeout: 10_000 });
      await inFlight.query('COMMIT');
      expect((await publishing).status).toBe(200);
      const refused = await patching;
      expect([refused.status, refused.body.code]).toEqual([409, 'metadata_changed']);
    } finally {
      await inFlight.end();
    }
    const stored = (await database.storage.executeRaw('SELECT data, version FROM records WHERE id = $1', [created.body.id])).rows[0];
    // As the publish's rename left it (version 2), and no more.
    expect(stored).toEqual({ data: expect.objectContaining({ remarks: 'first' }), version: 2 });
    expect((stored as { data: object }).data).not.toHaveProperty('notes');
  });
});

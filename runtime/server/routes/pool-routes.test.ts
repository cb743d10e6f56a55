import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, expect, it, vi } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

/** Every pool parameter of the test document, driven through the API with a frozen clock. */
describeEachServer('pools', (ctx) => {
  let tenant: TestTenant;
  let bd1: { id: string; client: ApiClient };
  let bd2: { id: string; client: ApiClient };
  let manager: { id: string; client: ApiClient };
  const p = (x: string) => `/api/t/${tenant.slug}${x}`;
  const start = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in Asia/Shanghai
  /** `count` leads held by `owner` since `start`, with no visit (hold expiry 45 days on), written with SQL. */
  const insertHeld = (db: Parameters<ReturnType<typeof sql>['execute']>[0], tenantId: string, owner: string, count: number) => sql`
    INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, data)
    SELECT ${tenantId}::uuid, 'lead', gen_random_uuid(), ${owner}::uuid, 'new', 'leadPool', 'private', ${start.toISOString()}::timestamptz,
           ${start.toISOString()}::timestamptz + interval '45 days', jsonb_build_object('name', 'Held ' || i)
      FROM generate_series(1, ${count}) AS i`.execute(db);

  async function newLead(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await tenant.admin.post(p('/records/lead'), { name: `Lead ${Math.random().toString(36).slice(2, 7)}`, contactPhone: '+86 138 0000 0000', ...extra });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    ctx().setNow(start);
    tenant = await ctx().createTenantWith(testDocument());
    bd1 = await ctx().createUser(tenant, { email: 'bd1@t.test', roles: ['bd'], attributes: { team: 'north' } });
    bd2 = await ctx().createUser(tenant, { email: 'bd2@t.test', roles: ['bd'], attributes: { team: 'south' } });
    manager = await ctx().createUser(tenant, { email: 'm@t.test', roles: ['manager'], attributes: { team: 'north' } });
  });

  it('puts new leads in the public pool and masks hidden fields until claimed', async () => {
    const id = await newLead();
    const asBd = await bd1.client.get(p(`/records/lead/${id}`));
    expect(asBd.body).toMatchObject({ poolState: 'public', owner: null });
    expect(asBd.body).not.toHaveProperty('contactPhone');
    const publicList = await bd1.client.get(p('/pools/leadPool/public'));
    expect(publicList.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(publicList.body.data[0]).not.toHaveProperty('contactPhone');
    // A filter on a masked field never matches a public record (no probing).
    const probe = await bd1.client.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ contactPhone: '+86 138 0000 0000' }))}`));
    expect(probe.body.data).toEqual([]);
    expect((await bd1.client.get(p('/records/lead?orderBy=contactPhone'))).status).toBe(400);
    // Pool admins (manager) see them.
    expect((await manager.client.get(p(`/records/lead/${id}`))).body.contactPhone).toBe('+86 138 0000 0000');

    const claimed = await bd1.client.post(p('/pools/leadPool/claim'), { id });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ poolState: 'private', owner: bd1.id, contactPhone: '+86 138 0000 0000', claimedAt: start.toISOString() });
    expect(claimed.body.holdExpiresAt).toBe(new Date(start.getTime() + 45 * 86400_000).toISOString());
    // The claim's answer carries the record's version, for the claimant's first If-Match.
    expect(claimed.headers.get('etag')).toBe(`"${claimed.body.version}"`);
    const again = await bd2.client.post(p('/pools/leadPool/claim'), { id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_claimed');
    // bd2 cannot see bd1's private lead at all.
    expect((await bd2.client.get(p(`/records/lead/${id}`))).status).toBe(404);
    const history = await tenant.admin.get(p(`/records/lead/${id}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'claim', actor: bd1.id, changes: { owner: [null, bd1.id], poolState: ['public', 'private'] } });
    const edited = await bd1.client.patch(p(`/records/lead/${id}`), { notes: 'called' }, { headers: { 'if-match': claimed.headers.get('etag')! } });
    expect(edited.status, edited.text).toBe(200);
  });

  it('refuses a write to a field hidden while public from one who may edit public leads: they cannot overwrite what they cannot see, nor read it in the answer', async () => {
    const base = testDocument();
    const editors = await ctx().createTenantWith(testDocument({ roles: { ...base.roles, desk: [{ object: 'lead', actions: ['read', 'update'], where: { poolState: 'public' } }] } }));
    const desk = await ctx().createUser(editors, { email: 'desk@t.test', roles: ['desk'] });
    const q = (x: string) => `/api/t/${editors.slug}${x}`;
    const id = (await editors.admin.post(q('/records/lead'), { name: 'Masked', contactPhone: '+86 138 0000 0000' })).body.id as string;
    const seen = await desk.client.get(q(`/records/lead/${id}`));
    expect([seen.body.poolState, 'contactPhone' in seen.body]).toEqual(['public', false]);
    const overwrite = await desk.client.patch(q(`/records/lead/${id}`), { contactPhone: '13000000000', notes: 'x' });
    expect([overwrite.status, overwrite.body.code, overwrite.body.errors]).toEqual([403, 'field_forbidden', [{ path: '/contactPhone', message: 'is hidden until the record is claimed' }]]);
    const after = await editors.admin.get(q(`/records/lead/${id}`));
    expect([after.body.contactPhone, after.body.notes ?? null]).toEqual(['+86 138 0000 0000', null]);
    // The fields they see, they may still edit; the answer shows the lead as their read does,
    // without the hidden phone (nor does a PATCH that changes nothing give it away).
    const edited = await desk.client.patch(q(`/records/lead/${id}`), { notes: 'called the front desk' });
    expect([edited.status, edited.body.notes, 'contactPhone' in edited.body]).toEqual([200, 'called the front desk', false]);
    const unchanged = await desk.client.patch(q(`/records/lead/${id}`), {});
    expect([unchanged.status, unchanged.body.notes, 'contactPhone' in unchanged.body]).toEqual([200, 'called the front desk', false]);
    expect((await editors.admin.get(q(`/records/lead/${id}`))).body).toMatchObject({ contactPhone: '+86 138 0000 0000', notes: 'called the front desk' });
  });

  it('caps private holdings (won leads do not count) and lists them by what expires first', async () => {
    const held = (await bd1.client.get(p('/pools/leadPool/mine'))).body.data.length;
    const ids: string[] = [];
    for (let i = held; i < 5; i++) {
      const id = await newLead({ contactName: 'X', expectedRevenue: 100 });
      ids.push(id);
      expect((await bd1.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    }
    const over = await bd1.client.post(p('/pools/leadPool/claim'), { id: await newLead() });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'claim_limit_reached', limit: 5, held: 5 });
    // Winning one frees a slot.
    const won = ids[0]!;
    for (const stage of ['contacted', 'negotiating', 'signed']) {
      const moved = await bd1.client.post(p(`/records/lead/${won}/transition`), { to: stage, ...(stage === 'contacted' ? { values: { contactPhone: '+86 139 1111 2222' } } : {}) });
      expect(moved.status, moved.text).toBe(200);
    }
    expect((await bd1.client.post(p('/pools/leadPool/claim'), { id: await newLead() })).status).toBe(200);
    // What each holds against the limit, as the limit counts it (the won lead left out): a pool
    // admin sees everyone, including a BD of another team whose leads they may not read; a BD only themselves.
    expect((await bd2.client.post(p('/pools/leadPool/claim'), { id: await newLead() })).status).toBe(200);
    const everyone = await manager.client.get(p('/pools/leadPool/holdings'));
    expect(everyone.status, everyone.text).toBe(200);
    expect(everyone.body.limit).toBe(5);
    expect(everyone.body.data).toEqual(expect.arrayContaining([{ userId: bd1.id, held: 5 }, { userId: bd2.id, held: expect.any(Number) }]));
    expect((await bd1.client.get(p('/pools/leadPool/holdings'))).body).toEqual({ limit: 5, data: [{ userId: bd1.id, held: 5 }] });

    const mine = await bd1.client.get(p('/pools/leadPool/mine'));
    const releaseTimes = mine.body.data.map((r: { releaseAt: string | null }) => r.releaseAt);
    expect(mine.body.data.every((r: { owner: string }) => r.owner === bd1.id)).toBe(true);
    expect(releaseTimes.filter(Boolean)).toEqual([...releaseTimes.filter(Boolean)].sort());
    const first = mine.body.data.find((r: { releaseAt: string | null }) => r.releaseAt);
    expect(first.releaseDueTo).toBe('no_visit');
    expect(first.releaseAt).toBe(new Date(new Date(first.claimedAt).getTime() + 15 * 86400_000).toISOString());
    // The signed (exempt) lead is never released: no release time.
    expect(mine.body.data.find((r: { id: string }) => r.id === won).releaseAt).toBeNull();

    // orderBy as a record list takes it: same keys, same checks, keyset pages; each record still says when it goes back.
    type Held = { id: string; name: string; releaseAt: string | null; releaseDueTo: string | null; extensionsLeft: number };
    const byName: Held[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { status: number; text: string; body: { total: number; data: Held[]; nextCursor: string | null } } = await bd1.client.get(p(`/pools/leadPool/mine?orderBy=-name&limit=2&count=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(page.status, page.text).toBe(200);
      expect(page.body.total).toBe(mine.body.data.length);
      byName.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    const holding = mine.body.data as Held[];
    expect(byName.map((r) => r.name)).toEqual(holding.map((r) => r.name).sort().reverse());
    const release = (r: Held) => [r.id, r.releaseAt, r.releaseDueTo, r.extensionsLeft];
    expect(byName.map(release).sort()).toEqual(holding.map(release).sort());
    // A field hidden while public is no secret in one's private pool: it sorts there.
    expect((await bd1.client.get(p('/pools/leadPool/mine?orderBy=contactPhone'))).status).toBe(200);
    // releaseAt names the default order; bad keys are refused at ?orderBy, as for records.
    expect((await bd1.client.get(p('/pools/leadPool/mine?orderBy=releaseAt'))).body.data.map((r: Held) => r.id)).toEqual(holding.map((r) => r.id));
    for (const order of ['nope', '-releaseAt', 'name,score,stage,source,priority,createdAt']) {
      const bad = await bd1.client.get(p(`/pools/leadPool/mine?orderBy=${order}`));
      expect([bad.status, bad.body.errors?.[0]?.path], order).toEqual([400, '?orderBy']);
    }
    // A cursor belongs to the order it came from.
    const named = await bd1.client.get(p('/pools/leadPool/mine?orderBy=name&limit=1'));
    const crossed = await bd1.client.get(p(`/pools/leadPool/mine?cursor=${encodeURIComponent(named.body.nextCursor)}`));
    expect([crossed.status, crossed.body.errors]).toEqual([400, [{ path: '?cursor', message: 'is not a cursor of this list' }]]);

    // What goes back within a week, counted: nothing yet; nine days on, every held lead but the signed one, in the same order.
    type Due = { id: string; releaseAt: string | null };
    const within = async (days: number | string) => bd1.client.get(p(`/pools/leadPool/mine?releaseWithinDays=${days}&count=true`));
    expect((await within(7)).body).toEqual({ data: [], nextCursor: null, total: 0 });
    ctx().setNow(new Date(start.getTime() + 9 * 86400_000));
    const soon = (await within(7)).body;
    expect(soon.total).toBe(mine.body.data.length - 1);
    expect(soon.data.map((r: Due) => r.id)).toEqual(mine.body.data.filter((r: Due) => r.releaseAt).map((r: Due) => r.id));
    expect((await within(5)).body.total).toBe(0);
    // A pool administrator's view of every holder's (owner=any): what they may read, the team's
    // first (bd2, of another team, is left out), in the order things go back; with the week's filter too.
    const team = await manager.client.get(p('/pools/leadPool/mine?owner=any&count=true'));
    expect(team.status, team.text).toBe(200);
    expect(team.body.data.map((r: Due) => r.id)).toEqual(mine.body.data.map((r: Due) => r.id));
    expect(team.body.total).toBe(mine.body.data.length);
    // Who holds each, expanded like any list's lookups.
    const expanded = await manager.client.get(p('/pools/leadPool/mine?owner=any&expand=owner&fields=name,owner&limit=1'));
    expect(expanded.status, expanded.text).toBe(200);
    expect(expanded.body.data[0].owner).toEqual({ id: bd1.id, name: expect.any(String), email: expect.stringContaining('@') });
    expect((await manager.client.get(p('/pools/leadPool/mine?owner=any&releaseWithinDays=7&count=true'))).body.total).toBe(soon.total);
    const forbidden = await bd1.client.get(p('/pools/leadPool/mine?owner=any'));
    expect(forbidden.status).toBe(403);
    expect((await manager.client.get(p('/pools/leadPool/mine?owner=everyone'))).body.errors).toEqual([{ path: '?owner', message: 'must be a user id, or any' }]);
    ctx().setNow(start);
    const refused = await within('soon');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: '?releaseWithinDays', message: 'must be an integer' }]);
  });

  it('limits claims per local day in the pool time zone', async () => {
    const t = await ctx().createTenantWith(testDocument({ pools: { leadPool: { ...testDocument().pools!.leadPool!, maxClaimsPerDay: 2, maxPerOwner: 50 } } }));
    const bd = await ctx().createUser(t, { email: 'day@t.test', roles: ['bd'] });
    const lead = async () => (await t.admin.post(`/api/t/${t.slug}/records/lead`, { name: 'L' })).body.id;
    const claim = async () => bd.client.post(`/api/t/${t.slug}/pools/leadPool/claim`, { id: await lead() });
    ctx().setNow('2026-03-02T15:30:00.000Z'); // 23:30 in Shanghai, Monday
    expect((await claim()).status).toBe(200);
    expect((await claim()).status).toBe(200);
    const capped = await claim();
    expect(capped.status).toBe(409);
    expect(capped.body).toMatchObject({ code: 'daily_claim_limit_reached', day: '2026-03-02' });
    ctx().setNow('2026-03-02T16:00:00.000Z'); // 00:00 Tuesday in Shanghai, still Monday in UTC
    expect((await claim()).status).toBe(200);
    ctx().setNow(start);
  });

  it('releases with a reason and enforces the re-claim cooldown', async () => {
    const id = await newLead();
    const t2 = await bd2.client.post(p('/pools/leadPool/claim'), { id });
    expect(t2.status).toBe(200);
    // A reason the system stores is refused: the release would count as the sweep's (or a reassignment's).
    for (const reason of ['hold_expired', ' no_visit ', 'not_won', 'reassigned']) {
      const refused = await bd2.client.post(p('/pools/leadPool/release'), { id, reason });
      expect(refused.status, reason).toBe(422);
      expect(refused.body).toMatchObject({ code: 'validation_failed', reason: reason.trim(), errors: [{ path: '/reason', message: expect.stringContaining(`${reason.trim()} is what`) }] });
    }
    expect((await bd2.client.get(p(`/records/lead/${id}`))).body).toMatchObject({ poolState: 'private', owner: bd2.id });
    const released = await bd2.client.post(p('/pools/leadPool/release'), { id, reason: 'duplicate of another lead' });
    expect(released.body).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'duplicate of another lead', releasedBy: bd2.id });
    // Released already (a second tab, a double tap): said as not held (409), not as a right the BD lacks (it was 403).
    for (const again of [await bd2.client.post(p('/pools/leadPool/release'), { id, reason: 'duplicate of another lead' }), await bd2.client.post(p('/pools/leadPool/extend'), { id })]) {
      expect([again.status, again.body.code]).toEqual([409, 'conflict']);
    }
    const cooldown = await bd2.client.post(p('/pools/leadPool/claim'), { id });
    expect(cooldown.status).toBe(409);
    expect(cooldown.body.code).toBe('cooldown');
    // Said on the pool's calendar: 10:00 in Shanghai on 2 March, free again at 10:00 on the 9th.
    expect(cooldown.body.detail).toBe('You let this lead go on 2026-03-02; you can claim it again after 2026-03-09 10:00 (Asia/Shanghai)');
    // The public pool tells the one who let it go when they may claim it again (7 days on); others may now.
    const listed = async (client: ApiClient) => (await client.get(p(`/pools/leadPool/public?where=${encodeURIComponent(JSON.stringify({ id }))}&fields=name`))).body.data[0];
    const until = new Date(start.getTime() + 7 * 86400_000).toISOString();
    expect(await listed(bd2.client)).toMatchObject({ id, cooldownUntil: until });
    expect(cooldown.body.availableAt).toBe(until);
    expect(await listed(bd1.client)).toMatchObject({ id, cooldownUntil: null });
    ctx().setNow(new Date(start.getTime() + 8 * 86400_000));
    expect(await listed(bd2.client)).toMatchObject({ id, cooldownUntil: null });
    expect((await bd2.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    // Only the holder or a pool admin releases.
    expect((await bd1.client.post(p('/pools/leadPool/release'), { id, reason: 'mine now' })).status).toBe(404);
    ctx().setNow(start);
  });

  it('lets a manager assign within the assignee’s limit, and the pool’s admins force past it', async () => {
    const id = await newLead();
    const assigned = await manager.client.post(p('/pools/leadPool/assign'), { id, userId: bd2.id });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.owner).toBe(bd2.id);
    const notifications = await bd2.client.get(p('/notifications'));
    expect(notifications.body.data[0]).toMatchObject({ kind: 'assigned', recordId: id });
    const older = await bd2.client.get(p(`/notifications?before=${encodeURIComponent(notifications.body.data[0].createdAt)}`));
    expect(older.body.data.map((n: { recordId: string }) => n.recordId)).not.toContain(id);
    const badBefore = await bd2.client.get(p('/notifications?before=yesterday-ish'));
    expect(badBefore.status).toBe(400);
    expect(badBefore.body).toMatchObject({ code: 'bad_request', errors: [{ path: '?before' }] });
    expect((await bd1.client.post(p('/pools/leadPool/assign'), { id: await newLead(), userId: bd1.id })).status).toBe(403);
    // bd1 is at the limit: an assignment stops there; the pool's admins (manager) and tenant admins can force past it.
    const full = await manager.client.post(p('/pools/leadPool/assign'), { id: await newLead(), userId: bd1.id });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('claim_limit_reached');
    const forcedByManager = await manager.client.post(p('/pools/leadPool/assign'), { id: await newLead(), userId: bd1.id, force: true });
    expect([forcedByManager.status, forcedByManager.body.owner]).toEqual([200, bd1.id]);
    const forced = await tenant.admin.post(p('/pools/leadPool/assign'), { id: await newLead(), userId: bd1.id, force: true });
    expect(forced.status).toBe(200);
  });

  it('lets the pool’s admins extend and release others’ holds without those role actions; others who may assign cannot force', async () => {
    // The spec's manager: a pool admin whose roles grant assign but neither extend nor release.
    const base = testDocument();
    const t = await ctx().createTenantWith(testDocument({ roles: { ...base.roles, desk: [{ object: 'lead', actions: ['read', 'assign'] }] } }));
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    const bd = await ctx().createUser(t, { email: 'held@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const boss = await ctx().createUser(t, { email: 'boss@t.test', roles: ['manager'], attributes: { team: 'north' } });
    const desk = await ctx().createUser(t, { email: 'desk@t.test', roles: ['desk'] });
    ctx().setNow(start);
    const lead = async () => (await t.admin.post(q('/records/lead'), { name: 'Held' })).body.id as string;
    const id = await lead();
    expect((await bd.client.post(q('/pools/leadPool/claim'), { id })).status).toBe(200);

    const extended = await boss.client.post(q('/pools/leadPool/extend'), { id });
    expect([extended.status, extended.body.holdExpiresAt]).toEqual([200, new Date(start.getTime() + 60 * 86400_000).toISOString()]);
    const released = await boss.client.post(q('/pools/leadPool/release'), { id, reason: 'wrong_info' });
    expect(released.status, released.text).toBe(200);
    expect(released.body).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'wrong_info', releasedBy: boss.id });
    expect((await bd.client.get(q('/notifications'))).body.data[0]).toMatchObject({ kind: 'released', recordId: id, body: { by: boss.id } });

    // One whose roles grant assign but who does not administer the pool assigns within the limit only.
    const other = await lead();
    expect((await desk.client.post(q('/pools/leadPool/assign'), { id: other, userId: bd.id, force: true })).status).toBe(403);
    expect((await desk.client.post(q('/pools/leadPool/assign'), { id: other, userId: bd.id })).status).toBe(200);
    // Nor may they extend or release the hold they gave (no pool admin, no role action).
    expect((await desk.client.post(q('/pools/leadPool/extend'), { id: other })).status).toBe(403);
    expect((await desk.client.post(q('/pools/leadPool/release'), { id: other, reason: 'wrong_info' })).status).toBe(403);
  });

  it('extends a hold once, pushing back the hold and the not-won deadline; my pool says how many extensions are left', async () => {
    const id = await newLead();
    ctx().setNow(start);
    const claimed = await bd2.client.post(p('/pools/leadPool/claim'), { id });
    expect(claimed.status, claimed.text).toBe(200);
    const left = async () => (await bd2.client.get(p(`/pools/leadPool/mine?where=${encodeURIComponent(JSON.stringify({ id }))}`))).body.data[0].extensionsLeft;
    expect(await left()).toBe(1);
    const extended = await bd2.client.post(p('/pools/leadPool/extend'), { id });
    expect(extended.status).toBe(200);
    expect(await left()).toBe(0);
    expect(extended.body.holdExpiresAt).toBe(new Date(start.getTime() + 60 * 86400_000).toISOString());
    const twice = await bd2.client.post(p('/pools/leadPool/extend'), { id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('extension_limit_reached');
  });

  it('extends a hold that has no expiry without giving it one: only the not-won deadline moves', async () => {
    const document = testDocument();
    const { holdDays: _, releaseIfNoVisitDays: __, ...pool } = document.pools!.leadPool!;
    const t = await ctx().createTenantWith({ ...document, pools: { leadPool: pool } });
    const bd = await ctx().createUser(t, { email: 'nohold@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    ctx().setNow(start);
    const id = (await t.admin.post(q('/records/lead'), { name: 'Kept' })).body.id as string;
    const claimed = await bd.client.post(q('/pools/leadPool/claim'), { id });
    expect([claimed.status, claimed.body.holdExpiresAt]).toEqual([200, null]);
    const extended = await bd.client.post(q('/pools/leadPool/extend'), { id });
    expect([extended.status, extended.body.holdExpiresAt]).toEqual([200, null]);
    const history = await t.admin.get(q(`/records/lead/${id}/history`));
    expect(history.body.data[0]).toMatchObject({ action: 'extend', actor: bd.id });
    // Day 20: no hold expiry to reach; day 44: the not-won deadline (30 days) moved by 15.
    for (const days of [20, 44]) {
      ctx().setNow(new Date(start.getTime() + days * 86400_000));
      const sweep = await t.admin.post(q('/pools/leadPool/sweep'), {});
      expect(sweep.body, `day ${days}`).toMatchObject({ released: 0, byReason: { hold_expired: 0, no_visit: 0, not_won: 0 } });
    }
    ctx().setNow(new Date(start.getTime() + 46 * 86400_000));
    const late = await t.admin.post(q('/pools/leadPool/sweep'), {});
    expect(late.body).toMatchObject({ released: 1, byReason: { hold_expired: 0, not_won: 1 } });
    ctx().setNow(start);
  });

  it('sweeps due holds by reason, skips exempt records, warns ahead, and is idempotent', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'sweep@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    ctx().setNow(start);
    const lead = async (extra: Record<string, unknown> = {}) => (await t.admin.post(q('/records/lead'), { name: 'S', ...extra })).body.id as string;
    const visited = await lead();
    const stale = await lead();
    const signed = await lead({ contactName: 'A', contactPhone: '+86 1', expectedRevenue: 5 });
    for (const id of [visited, stale, signed]) expect((await bd.client.post(q('/pools/leadPool/claim'), { id })).status).toBe(200);
    for (const stage of ['contacted', 'negotiating', 'signed']) await bd.client.post(q(`/records/lead/${signed}/transition`), { to: stage });
    ctx().setNow(new Date(start.getTime() + 10 * 86400_000));
    const visit = await bd.client.post(q('/records/visit'), { lead: visited, visitedAt: new Date(start.getTime() + 10 * 86400_000).toISOString(), outcome: 'met_kp' });
    expect(visit.status, visit.text).toBe(201);
    expect((await bd.client.get(q(`/records/lead/${visited}`))).body.lastVisitAt).toBe(visit.body.visitedAt);
    // A visit dated in 2099 counts as made now (it must not stop the no-visit clock for good), and
    // the lead's version and updatedAt move with its lastVisitAt, so its ETag and a sync see it.
    const unvisited = (await bd.client.get(q(`/records/lead/${stale}`))).body;
    const future = await bd.client.post(q('/records/visit'), { lead: stale, visitedAt: '2099-01-01T00:00:00Z' });
    expect(future.status, future.text).toBe(201);
    const visitedLater = await bd.client.get(q(`/records/lead/${stale}`));
    expect(visitedLater.body).toMatchObject({ lastVisitAt: new Date(start.getTime() + 10 * 86400_000).toISOString(), version: unvisited.version + 1, updatedAt: new Date(start.getTime() + 10 * 86400_000).toISOString() });
    expect(visitedLater.headers.get('etag')).toBe(`"${unvisited.version + 1}"`);
    // Deleted again, the lead has no visit: its clock is empty, not now.
    expect((await t.admin.delete(q(`/records/visit/${future.body.id}`))).status).toBe(204);
    expect((await bd.client.get(q(`/records/lead/${stale}`))).body.lastVisitAt).toBe(null);

    // Day 13: the stale lead's no-visit release (day 15) is within the 3-day warning window.
    ctx().setNow(new Date(start.getTime() + 13 * 86400_000));
    const warnRun = await t.admin.post(q('/pools/leadPool/sweep'), {});
    expect(warnRun.body).toMatchObject({ released: 0, warned: 1 });
    await t.admin.post(q('/pools/leadPool/sweep'), {});
    const warnings = (await bd.client.get(q('/notifications'))).body.data.filter((n: { kind: string }) => n.kind === 'release_warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ recordId: stale, body: { releaseDueTo: 'no_visit' } });

    // A preview may look ahead (day 16, on day 13); a sweep that releases may not, not even a tenant admin's.
    const asOf = new Date(start.getTime() + 16 * 86400_000).toISOString();
    const preview = await t.admin.post(q('/pools/leadPool/sweep'), { asOf, dryRun: true });
    expect(preview.body).toMatchObject({ released: 1, byReason: { no_visit: 1, hold_expired: 0, not_won: 0 }, dryRun: true, asOf });
    expect((await t.admin.get(q(`/records/lead/${stale}`))).body.poolState).toBe('private');
    const ahead = await t.admin.post(q('/pools/leadPool/sweep'), { asOf });
    expect([ahead.status, ahead.body.code, ahead.body.errors?.[0]?.path]).toEqual([400, 'bad_request', '/asOf']);
    expect((await t.admin.get(q(`/records/lead/${stale}`))).body.poolState).toBe('private');
    ctx().setNow(asOf);
    const swept = await t.admin.post(q('/pools/leadPool/sweep'), { asOf });
    expect(swept.body).toMatchObject({ released: 1, byReason: { no_visit: 1 } });
    const after = await t.admin.get(q(`/records/lead/${stale}`));
    // The sweep's release says who: the system (api.md), on the record, expanded or not, and in lists.
    expect(after.body).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'no_visit', releasedBy: 'system', releasedAt: asOf });
    expect((await t.admin.get(q(`/records/lead/${stale}?expand=releasedBy,owner`))).body.releasedBy).toBe('system');
    const listed = await t.admin.get(q(`/records/lead?where=${encodeURIComponent(JSON.stringify({ id: stale }))}&expand=releasedBy`));
    expect(listed.body.data.map((r: { releasedBy: unknown }) => r.releasedBy)).toEqual(['system']);
    // Never released: nobody.
    expect((await t.admin.get(q(`/records/lead/${visited}`))).body.releasedBy).toBe(null);
    expect((await t.admin.post(q('/pools/leadPool/sweep'), { asOf })).body.released).toBe(0);
    // A second visit on day 20 keeps the visited lead's no-visit clock going until day 35, so on
    // day 31 it is released because it is not won after 30 days; the signed one is exempt.
    ctx().setNow(new Date(start.getTime() + 20 * 86400_000));
    expect((await bd.client.post(q('/records/visit'), { lead: visited, visitedAt: new Date(start.getTime() + 20 * 86400_000).toISOString() })).status).toBe(201);
    ctx().setNow(new Date(start.getTime() + 31 * 86400_000));
    const late = await t.admin.post(q('/pools/leadPool/sweep'), {});
    expect(late.body).toMatchObject({ released: 1, byReason: { not_won: 1 } });
    expect((await t.admin.get(q(`/records/lead/${signed}`))).body.owner).toBe(bd.id);
    expect((await bd.client.post(q('/pools/leadPool/sweep'), {})).status).toBe(403);
    ctx().setNow(start);
  });

  it('sweeps, for a pool admin who is not a tenant admin, only the holds they may read, and never releases ahead of the clock', async () => {
    const t = await ctx().createTenantWith(testDocument());
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    const north = await ctx().createUser(t, { email: 'north@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const south = await ctx().createUser(t, { email: 'south@t.test', roles: ['bd'], attributes: { team: 'south' } });
    const northManager = await ctx().createUser(t, { email: 'nm@t.test', roles: ['manager'], attributes: { team: 'north' } });
    const outsider = await ctx().createUser(t, { email: 'm2@t.test', roles: ['manager'], attributes: { team: 'other-team' } });
    ctx().setNow(start);
    const holds = async (bd: { client: ApiClient }) => {
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = (await t.admin.post(q('/records/lead'), { name: `H${i}` })).body.id as string;
        expect((await bd.client.post(q('/pools/leadPool/claim'), { id })).status).toBe(200);
        ids.push(id);
      }
      return ids;
    };
    const northIds = await holds(north);
    const southIds = await holds(south);
    const state = async (ids: string[]) => Promise.all(ids.map(async (id) => (await t.admin.get(q(`/records/lead/${id}`))).body.poolState));
    const sweep = (who: { client: ApiClient }, body: Record<string, unknown>) => who.client.post(q('/pools/leadPool/sweep'), body);

    // Day 13: all four holds are due on day 15 (no visit); a manager warns only their team's holders.
    ctx().setNow(new Date(start.getTime() + 13 * 86400_000));
    expect((await sweep(northManager, {})).body).toMatchObject({ released: 0, warned: 2 });
    const warnings = async (bd: { client: ApiClient }) => (await bd.client.get(q('/notifications'))).body.data.filter((n: { kind: string }) => n.kind === 'release_warning').length;
    expect([await warnings(north), await warnings(south)]).toEqual([2, 0]);

    // Day 16, the auditor's exploit: a manager of another team reads none of the holds, and may
    // neither count them nor release them, today or in 2100.
    const now = new Date(start.getTime() + 16 * 86400_000);
    ctx().setNow(now);
    expect((await outsider.client.get(q(`/records/lead/${southIds[0]}`))).status).toBe(404);
    const future = '2100-01-01T00:00:00.000Z';
    expect((await sweep(outsider, { asOf: future, dryRun: true })).body).toMatchObject({ released: 0, dryRun: true });
    const ahead = await sweep(outsider, { asOf: future });
    expect([ahead.status, ahead.body.code, ahead.body.errors]).toEqual([400, 'bad_request', [{ path: '/asOf', message: expect.stringContaining('later than now') }]]);
    expect(ahead.headers.get('content-type')).toContain('application/problem+json');
    expect((await sweep(outsider, {})).body).toMatchObject({ released: 0, byReason: { hold_expired: 0, no_visit: 0, not_won: 0 } });
    expect(await state([...northIds, ...southIds])).toEqual(['private', 'private', 'private', 'private']);

    // The north manager previews (also ahead) and releases the north holds only, dated now.
    expect((await sweep(northManager, { asOf: future, dryRun: true })).body).toMatchObject({ released: 2, dryRun: true });
    expect((await sweep(northManager, { dryRun: true })).body).toMatchObject({ released: 2, byReason: { no_visit: 2 } });
    expect((await sweep(northManager, { asOf: future })).status).toBe(400);
    expect((await sweep(northManager, {})).body).toMatchObject({ released: 2, byReason: { no_visit: 2 }, asOf: now.toISOString() });
    expect(await state(northIds)).toEqual(['public', 'public']);
    expect(await state(southIds)).toEqual(['private', 'private']);
    const released = (await t.admin.get(q(`/records/lead/${northIds[0]}`))).body;
    expect([released.releasedAt, released.updatedAt]).toEqual([now.toISOString(), now.toISOString()]);
    // The holder's cooldown runs from now (7 days), not from a moment someone chose.
    const reclaim = await north.client.post(q('/pools/leadPool/claim'), { id: northIds[0] });
    expect([reclaim.status, reclaim.body.code]).toEqual([409, 'cooldown']);
    ctx().setNow(new Date(now.getTime() + 7 * 86400_000 + 1000));
    expect((await north.client.post(q('/pools/leadPool/claim'), { id: northIds[0] })).status).toBe(200);

    // A tenant admin sweeps the rest; a past asOf releases what was due by then, dated now.
    ctx().setNow(now);
    expect((await sweep({ client: t.admin }, { asOf: new Date(start.getTime() + 14 * 86400_000).toISOString() })).body.released).toBe(0);
    expect((await sweep({ client: t.admin }, {})).body).toMatchObject({ released: 2, byReason: { no_visit: 2 } });
    expect(await state(southIds)).toEqual(['public', 'public']);
    expect((await t.admin.get(q(`/records/lead/${southIds[0]}`))).body.releasedAt).toBe(now.toISOString());
    ctx().setNow(start);
  });

  it('sweeps thousands of due holds in parts (parallel transactions on PostgreSQL), each released once with its history, event, cooldown entry and notification', async () => {
    const db = ctx().database.storage.db;
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'many@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    const tenantId = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = ${t.slug}`.execute(db)).rows[0]!.id;
    const held = 2_500;
    // Held since `start` with no visit: all due 15 days later (releaseIfNoVisitDays), 40 days on.
    await insertHeld(db, tenantId, bd.id, held);
    await sql`ANALYZE records`.execute(db);
    const asOf = new Date(start.getTime() + 40 * 86400_000).toISOString();
    ctx().setNow(asOf);
    const swept = await t.admin.post(q('/pools/leadPool/sweep'), { asOf });
    expect(swept.status, swept.text).toBe(200);
    expect(swept.body).toMatchObject({ released: held, byReason: { hold_expired: 0, no_visit: held, not_won: 0 } });
    const counts = async () => (await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM records WHERE tenant_id = ${tenantId}::uuid AND pool_state = 'private') AS private,
             (SELECT count(DISTINCT record_id)::int FROM record_history WHERE tenant_id = ${tenantId}::uuid AND action = 'release') AS history_records,
             (SELECT count(*)::int FROM record_history WHERE tenant_id = ${tenantId}::uuid AND action = 'release') AS history,
             (SELECT count(*)::int FROM pool_events WHERE tenant_id = ${tenantId}::uuid AND kind = 'release') AS events,
             (SELECT count(*)::int FROM pool_releases WHERE tenant_id = ${tenantId}::uuid AND user_id = ${bd.id}::uuid) AS cooldowns,
             (SELECT count(*)::int FROM notifications WHERE tenant_id = ${tenantId}::uuid AND user_id = ${bd.id}::uuid AND kind = 'released') AS notices`.execute(db)).rows[0];
    const all = { private: 0, history_records: held, history: held, events: held, cooldowns: held, notices: held };
    expect(await counts()).toEqual(all);
    // Idempotent: the same moment again releases nothing and writes nothing.
    const again = await t.admin.post(q('/pools/leadPool/sweep'), { asOf });
    expect(again.body.released).toBe(0);
    expect(await counts()).toEqual(all);
    ctx().setNow(start);
  });

  it('finishes a parallel sweep while a publish queues for the tenant\'s write lock, which the sweep holds (its parts do not ask for it again)', async () => {
    const { database } = ctx();
    if (database.kind !== 'postgres') return; // parallel parts run on PostgreSQL only
    const db = database.storage.db;
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'queued@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    const tenantId = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = ${t.slug}`.execute(db)).rows[0]!.id;
    const held = 2_500;
    await insertHeld(db, tenantId, bd.id, held);
    const draft = testDocument() as any;
    draft.objects.hotel.label = 'Hotels';
    expect((await t.admin.put(q('/meta/draft'), { document: draft })).status).toBe(200);
    const asOf = new Date(start.getTime() + 40 * 86400_000).toISOString();
    ctx().setNow(asOf);
    const waitingForWrites = async () => (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = hashtext(${tenantId})::oid`.execute(db)).rows[0]!.n;
    // Hold the sweep at its first read of records, after it took the write lock; queue a publish
    // for the lock meanwhile; then let the sweep go on to its parallel parts.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('LOCK TABLE records IN ACCESS EXCLUSIVE MODE');
      const sweeping = t.admin.post(q('/pools/leadPool/sweep'), { asOf });
      await vi.waitFor(async () => expect((await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'relation' AND relation = 'records'::regclass AND NOT granted`.execute(db)).rows[0]!.n).toBe(1), { timeout: 10_000 });
      const publishing = t.admin.post(q('/meta/publish'), {});
      await vi.waitFor(async () => expect(await waitingForWrites()).toBe(1), { timeout: 10_000 });
      await other.query('COMMIT');
      const started = Date.now();
      const swept = await sweeping;
      expect(swept.status, swept.text).toBe(200);
      expect(swept.body.released).toBe(held);
      expect(Date.now() - started).toBeLessThan(15_000); // not after a 30 s statement timeout
      expect((await publishing).status).toBe(200);
    } finally {
      await other.end();
    }
    ctx().setNow(start);
  });

  it('releases a due hold that another transaction edits while the sweep runs, in that same sweep', async () => {
    const { database } = ctx();
    if (database.kind !== 'postgres') return; // PGlite has one connection: nothing runs concurrently
    const t = await ctx().createTenantWith(testDocument());
    const bd = await ctx().createUser(t, { email: 'edited@t.test', roles: ['bd'] });
    const q = (x: string) => `/api/t/${t.slug}${x}`;
    ctx().setNow(start);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.admin.post(q('/records/lead'), { name: `E${i}` })).body.id);
    for (const id of ids) expect((await bd.client.post(q('/pools/leadPool/claim'), { id })).status).toBe(200);
    // Another session edits one of the holds and keeps its transaction open while the sweep starts.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE records SET data = data || '{"notes": "edited meanwhile"}' WHERE id = $1`, [ids[1]]);
      ctx().setNow(new Date(start.getTime() + 40 * 86400_000));
      const sweep = t.admin.post(q('/pools/leadPool/sweep'), {});
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      const swept = await sweep;
      expect(swept.status, swept.text).toBe(200);
      expect(swept.body.released).toBe(3);
      for (const id of ids) expect((await t.admin.get(q(`/records/lead/${id}`))).body).toMatchObject({ poolState: 'public', owner: null });
      expect((await t.admin.get(q(`/records/lead/${ids[1]}`))).body.notes).toBe('edited meanwhile');
    } finally {
      await other.end();
      ctx().setNow(start);
    }
  });
});

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { Tx } from '../../../platform/storage/storage.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { holdTransaction, waitForLockWaits } from '../../testing/held-transactions.ts';
import { describeEachServer, type ApiClient } from '../../testing/test-server.ts';

interface Order { id: string; recordId: string; assignee: string; title: string | null; outcome: string | null; state: string }

type ServerContext = Parameters<Parameters<typeof describeEachServer>[1]>[0];

/** A tenant with a manager (Boss, east) of Ann (east) and Bob (west), and Xavier, nobody's report. */
async function team(ctx: ServerContext, document: MetadataDocument) {
  const tenant = await ctx().createTenantWith(document);
  const p = (x: string) => `/api/t/${tenant.slug}${x}`;
  const boss = await ctx().createUser(tenant, { email: 'boss@t.test', name: 'Boss', roles: ['bd', 'manager'], attributes: { team: 'east' } });
  const ann = await ctx().createUser(tenant, { email: 'ann@t.test', name: 'Ann', roles: ['bd'], attributes: { team: 'east' }, managerId: boss.id });
  const bob = await ctx().createUser(tenant, { email: 'bob@t.test', name: 'Bob', roles: ['bd'], attributes: { team: 'west' }, managerId: boss.id });
  const xav = await ctx().createUser(tenant, { email: 'xav@t.test', name: 'Xavier', roles: ['bd'] });
  return { tenant, p, boss, ann, bob, xav };
}

describeEachServer('work orders of a tenant without assignment rules', (ctx) => {
  it('a person’s open queue is empty, not a server error (the app opens on it)', async () => {
    const document = testDocument();
    delete document.assignmentRules;
    const t = await ctx().createTenantWith(document);
    const bd = await ctx().createUser(t, { email: 'coach@gym.test', roles: ['bd'] });
    for (const path of ['/work-orders?assignee=me&state=open&limit=50', '/work-orders', '/work-orders?state=all', '/work-orders?assignee=team']) {
      const res = await bd.client.get(`/api/t/${t.slug}${path}`);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
      expect(res.body).toEqual({ data: [], nextCursor: null });
    }
  });
});

describeEachServer('a work order’s title once its record is back in the public pool', (ctx) => {
  it('is not shown where the pool hides the title field from the public, as the record’s own read hides it', async () => {
    const document = testDocument({
      assignmentRules: { west: { object: 'lead', pool: 'leadPool', match: 'even', records: { include: { source: 'bd' } }, users: { where: { 'attributes.team': 'west' } } } },
    });
    document.pools!.leadPool = { ...document.pools!.leadPool!, hiddenWhilePublic: ['contactPhone', 'name'] };
    const { tenant, p, bob } = await team(ctx, document);
    const id = (await tenant.admin.post(p('/records/lead'), { name: 'Jinling Hotel', source: 'bd' })).body.id as string;
    expect((await tenant.admin.post(p('/assignment-rules/west/run'), {})).body.allocations).toMatchObject([{ recordId: id, userId: bob.id }]);
    const titles = async () => (await bob.client.get(p('/work-orders?state=all'))).body.data.map((o: Order) => [o.recordId, o.state, o.title]);
    expect(await titles()).toEqual([[id, 'open', 'Jinling Hotel']]);
    expect((await bob.client.post(p('/pools/leadPool/release'), { id, reason: 'no answer' })).status).toBe(200);
    // Public again: Bob reads the lead, but not its name, and his closed order does not tell it either.
    expect('name' in (await bob.client.get(p(`/records/lead/${id}`))).body).toBe(false);
    expect(await titles()).toEqual([[id, 'skipped', null]]);
    // An administrator still sees it.
    expect((await tenant.admin.get(p('/work-orders?assignee=team&state=all'))).body.data.map((o: Order) => o.title)).toEqual(['Jinling Hotel']);
  });
});

describeEachServer('a team’s work orders in one list (assignee=team)', (ctx) => {
  /**
   * A manager (Boss, who also works leads) with two reports, Ann (his team, east) and Bob (west),
   * and Xavier, nobody's report. Two rules feed the queues: `early` (run first, by score) and
   * `late` (by expected revenue), scales that never compare.
   */
  async function setup() {
    const document = testDocument({
      assignmentRules: {
        late: { object: 'lead', pool: 'leadPool', match: 'even', priority: 10, records: { include: { source: 'crawl' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'expectedRevenue', order: 'desc' } },
        early: { object: 'lead', pool: 'leadPool', match: 'even', priority: 5, records: { include: { source: 'bd' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'desc' } },
      },
    });
    document.pools!.leadPool = { ...document.pools!.leadPool!, maxPerOwner: 100, maxClaimsPerDay: 100 };
    const { tenant, p, boss, ann, bob, xav } = await team(ctx, document);
    // Scores and revenues all differ, so the expected order has no ties; revenues dwarf scores.
    const rows: Array<{ name: string; source: string; score?: number; expectedRevenue?: number }> = [
      ...[91, 12, 77, 45, 60, 33, 88, 5].map((score) => ({ name: `score ${score}`, source: 'bd', score })),
      ...[9100, 1200, 7700, 4500, 6000, 3300, 8800, 500].map((revenue) => ({ name: `revenue ${revenue}`, source: 'crawl', expectedRevenue: revenue })),
    ];
    const created = await tenant.admin.post(p('/records/lead/bulk'), { op: 'create', records: rows });
    expect(created.status, created.text).toBe(200);
    for (const rule of ['late', 'early']) {
      const run = await tenant.admin.post(p(`/assignment-rules/${rule}/run`), {});
      expect(run.body.allocations, run.text).toHaveLength(8);
    }
    const leads = new Map<string, { name: string; rank: number }>((created.body.results as Array<{ id: string }>).map((r, i) => {
      const row = rows[i]!;
      // What the queue order should be: every `early` order before any `late` one, each rule by its own field, descending.
      return [r.id, { name: row.name, rank: row.source === 'bd' ? -row.score! : 100_000 - row.expectedRevenue! }];
    }));
    return { tenant, p, boss, ann, bob, xav, leads };
  }

  async function list(client: ApiClient, path: string): Promise<Order[]> {
    const res = await client.get(path);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  /** Every page of a list, following `nextCursor`. */
  async function allPages(client: ApiClient, path: string): Promise<Order[]> {
    const orders: Order[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; text: string; body: { data: Order[]; nextCursor: string | null } } = await client.get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.text).toBe(200);
      orders.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return orders;
  }

  it('shows a manager his own and his reports’ open orders merged in queue order, page by page, with titles only where he may read them', async () => {
    const { p, boss, ann, bob, xav, leads, tenant } = await setup();
    const queueOf = async (id: string) => list(tenant.admin, p(`/work-orders?assignee=${id}&state=open&limit=500`));
    const byPerson = new Map<string, Order[]>();
    for (const person of [boss, ann, bob, xav]) byPerson.set(person.id, await queueOf(person.id));
    expect([...byPerson.values()].map((q) => q.length)).toEqual([4, 4, 4, 4]);
    const expected = [boss, ann, bob].flatMap((person) => byPerson.get(person.id)!)
      .sort((a, b) => leads.get(a.recordId)!.rank - leads.get(b.recordId)!.rank).map((o) => o.id);

    const team = await list(boss.client, p('/work-orders?assignee=team&state=open&limit=500'));
    expect(team.map((o) => o.id)).toEqual(expected);
    // The rule run first comes first, for everyone: six by score, then six by revenue.
    expect(team.map((o) => leads.get(o.recordId)!.name.split(' ')[0])).toEqual([...Array(6).fill('score'), ...Array(6).fill('revenue')]);
    expect(new Set(team.map((o) => o.assignee))).toEqual(new Set([boss.id, ann.id, bob.id]));
    // Xavier is nobody's report: none of his orders.
    expect(team.some((o) => byPerson.get(xav.id)!.some((x) => x.id === o.id))).toBe(false);

    // Paged across people: every order once, in the same order, whatever the page size.
    for (const limit of [1, 3, 5]) {
      const paged = await allPages(boss.client, p(`/work-orders?assignee=team&state=open&limit=${limit}`));
      expect(paged.map((o) => o.id), `limit ${limit}`).toEqual(expected);
    }

    // Titles as his roles read the leads: his own (bd) and Ann's (manager of the east team), not Bob's (west).
    const titled = team.map((o) => [o.assignee, o.title]);
    for (const [assignee, title] of titled) {
      if (assignee === bob.id) expect(title).toBeNull();
      else expect(title).toMatch(/^(score|revenue) \d+$/);
    }
    // An admin's team is everyone with work orders, titled.
    const everyone = await allPages(tenant.admin, p('/work-orders?assignee=team&state=open&limit=7'));
    expect(everyone.map((o) => o.recordId).sort()).toEqual([...leads.keys()].sort());
    expect(everyone.map((o) => o.title)).toEqual([...everyone].sort((a, b) => leads.get(a.recordId)!.rank - leads.get(b.recordId)!.rank).map((o) => leads.get(o.recordId)!.name));
  });

  it('gives someone without reports only their own, and lists a team’s closed orders the last closed first', async () => {
    const { p, boss, ann, bob, xav } = await setup();
    const own = await list(xav.client, p('/work-orders?state=open'));
    expect((await list(xav.client, p('/work-orders?assignee=team&state=open'))).map((o) => o.id)).toEqual(own.map((o) => o.id));
    // A report's team is herself, not her manager or her colleague.
    expect(new Set((await list(ann.client, p('/work-orders?assignee=team&state=all'))).map((o) => o.assignee))).toEqual(new Set([ann.id]));

    // Closed by each their own, one after another (Xavier too, who is not on the team).
    const closings: Array<{ who: { id: string; client: ApiClient }; state: 'done' | 'skipped' }> = [
      { who: bob, state: 'done' }, { who: ann, state: 'skipped' }, { who: xav, state: 'done' }, { who: boss, state: 'done' }, { who: bob, state: 'done' }, { who: ann, state: 'done' },
    ];
    for (const [i, { who, state }] of closings.entries()) {
      const first = (await list(who.client, p('/work-orders?state=open')))[0]!;
      const res = await who.client.patch(p(`/work-orders/${first.id}`), { state, outcome: `closing ${i}` });
      expect(res.status, res.text).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = await allPages(boss.client, p('/work-orders?assignee=team&state=done&limit=2'));
    expect(done.map((o) => o.outcome)).toEqual(['closing 5', 'closing 4', 'closing 3', 'closing 0']);
    expect((await list(boss.client, p('/work-orders?assignee=team&state=skipped'))).map((o) => o.outcome)).toEqual(['closing 1']);
    // The closed orders are still under `all`, with the open ones: the whole team's twelve.
    expect(await allPages(boss.client, p('/work-orders?assignee=team&state=all&limit=5'))).toHaveLength(12);
    // A queue cursor is not a closed list's, and an assignee is me, team or a user id.
    const page = (await boss.client.get(p('/work-orders?assignee=team&state=open&limit=1'))).body;
    expect((await boss.client.get(p(`/work-orders?assignee=team&state=done&cursor=${page.nextCursor}`))).status).toBe(400);
    const wrong = await boss.client.get(p('/work-orders?assignee=everyone'));
    expect([wrong.status, wrong.body.errors?.[0]?.message ?? wrong.text]).toEqual([400, expect.stringContaining('"team"')]);
  });
});

describeEachServer('a team’s work orders paged through the indexes, ties and all', (ctx) => {
  interface Listed extends Order { rule: string | null; priority: number | null; createdAt: string; rank: number | null; closedAt: string | null }

  /**
   * 40 orders of Boss (a manager), his reports Ann and Bob, and Xavier, with ties everywhere:
   * two priorities (and records without a value), two creation times, two ranks, under the two
   * published rules, two rules no longer published and none. Every eighth is done, closed at
   * one of two instants. Written straight into the table, so the ties are exact.
   */
  async function setup() {
    const document = testDocument({
      assignmentRules: {
        late: { object: 'lead', pool: 'leadPool', match: 'even', priority: 10, records: { include: { source: 'crawl' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'expectedRevenue', order: 'desc' } },
        early: { object: 'lead', pool: 'leadPool', match: 'even', priority: 5, records: { include: { source: 'bd' } }, users: { where: { roles: 'bd' } }, workOrderPriority: { field: 'score', order: 'desc' } },
      },
    });
    const { tenant, p, boss, ann, bob, xav } = await team(ctx, document);
    const people = [boss, ann, bob, xav];
    const created = await tenant.admin.post(p('/records/lead/bulk'), { op: 'create', records: Array.from({ length: 40 }, (_, i) => ({ name: `lead ${i}` })) });
    expect(created.status, created.text).toBe(200);
    const storage = ctx().database.storage;
    const tenantId = ((await storage.executeRaw('SELECT id FROM tenants WHERE slug = $1', [tenant.slug])).rows[0] as { id: string }).id;
    const rules = ['early', 'late', 'gone', 'alsoGone', null];
    for (const [i, record] of (created.body.results as Array<{ id: string }>).entries()) {
      const assignee = people[i % 4]!.id;
      const done = i % 8 === 7;
      await storage.executeRaw('UPDATE records SET owner = $1 WHERE tenant_id = $2 AND id = $3', [assignee, tenantId, record.id]);
      await storage.executeRaw(`
        INSERT INTO work_orders (tenant_id, id, object, record_id, assignee, rule, priority, rank, state, created_at, updated_at, closed_at)
        VALUES ($1, gen_random_uuid(), 'lead', $2, $3, $4, $5::float8, $6, $7, $8, $8, $9)`, [
        tenantId, record.id, assignee, rules[i % 5], ['1', '2', 'Infinity'][i % 3], 1 + (i % 2), done ? 'done' : 'open',
        i % 6 < 3 ? '2026-03-01T08:00:00.000Z' : '2026-03-02T08:00:00.000Z', done ? (i % 16 < 8 ? '2026-03-05T08:00:00.000Z' : '2026-03-06T08:00:00.000Z') : null,
      ]);
    }
    return { tenant, p, boss, ann, bob, xav };
  }

  /** Every page of a list, following `nextCursor`, with how many pages it took. */
  async function allPages(client: ApiClient, path: string): Promise<{ orders: Listed[]; pages: Listed[][] }> {
    const pages: Listed[][] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; text: string; body: { data: Listed[]; nextCursor: string | null } } = await client.get(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.text).toBe(200);
      pages.push(res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return { orders: pages.flat(), pages };
  }

  /** The queue's order as the API documents it: the rule's run order (others after), priority (none last), age, rank, id. */
  function queueOrder(orders: Listed[]): Listed[] {
    const place = (rule: string | null) => (rule === 'early' ? 0 : rule === 'late' ? 1 : 2);
    const key = (o: Listed) => [place(o.rule), o.priority ?? Infinity, o.createdAt, o.rank ?? 0, o.id] as const;
    return [...orders].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i++) if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
  }

  it('pages an administrator’s, a manager’s and a person’s open queue in queue order, ties broken by rank and id across people and rules', async () => {
    const { p, tenant, boss, ann, bob, xav } = await setup();
    const everyone = (await allPages(tenant.admin, p('/work-orders?assignee=team&state=open&limit=500'))).orders;
    // 35 open orders, 5 done; the rules no longer published and none share the last place.
    expect(everyone).toHaveLength(35);
    expect(everyone.map((o) => o.id)).toEqual(queueOrder(everyone).map((o) => o.id));
    expect(new Set(everyone.map((o) => o.rule))).toEqual(new Set(['early', 'late', 'gone', 'alsoGone', null]));
    const team = everyone.filter((o) => o.assignee !== xav.id);
    for (const limit of [1, 2, 3, 7]) {
      expect((await allPages(tenant.admin, p(`/work-orders?assignee=team&state=open&limit=${limit}`))).orders.map((o) => o.id), `admin, limit ${limit}`).toEqual(everyone.map((o) => o.id));
      expect((await allPages(boss.client, p(`/work-orders?assignee=team&state=open&limit=${limit}`))).orders.map((o) => o.id), `manager, limit ${limit}`).toEqual(team.map((o) => o.id));
    }
    for (const person of [ann, bob, xav]) {
      const own = (await allPages(person.client, p('/work-orders?state=open&limit=2'))).orders;
      expect(own.map((o) => o.id)).toEqual(everyone.filter((o) => o.assignee === person.id).map((o) => o.id));
    }
    // A page that ends on the last order of a rule: the next starts with the next rule's first.
    const early = everyone.filter((o) => o.rule === 'early').length;
    const { pages } = await allPages(tenant.admin, p(`/work-orders?assignee=team&state=open&limit=${early}`));
    expect(pages[0]!.map((o) => o.rule)).toEqual(Array(early).fill('early'));
    expect(pages[1]![0]!.id).toBe(everyone.find((o) => o.rule === 'late')!.id);
  });

  it('pages an administrator’s and a manager’s done orders the last closed first, ties by id', async () => {
    const { p, tenant, boss, xav } = await setup();
    const done = (await allPages(tenant.admin, p('/work-orders?assignee=team&state=done&limit=500'))).orders;
    expect(done).toHaveLength(5);
    const expected = [...done].sort((a, b) => (a.closedAt! !== b.closedAt! ? (a.closedAt! > b.closedAt! ? -1 : 1) : a.id > b.id ? -1 : 1));
    expect(done.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    for (const limit of [1, 2]) {
      expect((await allPages(tenant.admin, p(`/work-orders?assignee=team&state=done&limit=${limit}`))).orders.map((o) => o.id)).toEqual(expected.map((o) => o.id));
      expect((await allPages(boss.client, p(`/work-orders?assignee=team&state=done&limit=${limit}`))).orders.map((o) => o.id))
        .toEqual(expected.filter((o) => o.assignee !== xav.id).map((o) => o.id));
    }
  });

  it('lists all states as the open queue first, in queue order, then the closed orders the last closed first, page by page', async () => {
    const { p, tenant, boss, ann, xav } = await setup();
    const open = (await allPages(tenant.admin, p('/work-orders?assignee=team&state=open&limit=500'))).orders;
    const done = (await allPages(tenant.admin, p('/work-orders?assignee=team&state=done&limit=500'))).orders;
    const expected = [...open, ...done].map((o) => o.id);
    const all = (await allPages(tenant.admin, p('/work-orders?assignee=team&state=all&limit=500'))).orders;
    expect(all.map((o) => o.state)).toEqual([...Array(35).fill('open'), ...Array(5).fill('done')]);
    expect(all.map((o) => o.id)).toEqual(expected);
    // Pages that end inside the open ones, exactly at their end (35), and inside the closed ones.
    for (const limit of [1, 3, 7, 35, 36]) {
      expect((await allPages(tenant.admin, p(`/work-orders?assignee=team&state=all&limit=${limit}`))).orders.map((o) => o.id), `admin, limit ${limit}`).toEqual(expected);
      expect((await allPages(boss.client, p(`/work-orders?assignee=team&state=all&limit=${limit}`))).orders.map((o) => o.id), `manager, limit ${limit}`)
        .toEqual(expected.filter((id) => all.find((o) => o.id === id)!.assignee !== xav.id));
    }
    const own = (await allPages(ann.client, p('/work-orders?state=all&limit=2'))).orders;
    expect(own.map((o) => o.id)).toEqual(all.filter((o) => o.assignee === ann.id).map((o) => o.id));
    // A closed order's cursor is not the queue's.
    const page = (await tenant.admin.get(p('/work-orders?assignee=team&state=all&limit=36'))).body;
    expect((await tenant.admin.get(p(`/work-orders?assignee=team&state=open&cursor=${page.nextCursor}`))).status).toBe(400);
  });
});

describeEachServer('reopening a work order while its record is released', (ctx) => {
  /** Ann, with one lead handed to her by a rule, and her order for it, closed as done. */
  async function setup() {
    const document = testDocument({ assignmentRules: { all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } } });
    const tenant = await ctx().createTenantWith(document);
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const ann = await ctx().createUser(tenant, { email: 'ann@t.test', name: 'Ann', roles: ['bd'] });
    expect((await tenant.admin.post(p('/records/lead/bulk'), { op: 'create', records: [{ name: 'a' }] })).status).toBe(200);
    expect((await tenant.admin.post(p('/assignment-rules/all/run'), {})).body.allocations).toHaveLength(1);
    const [order] = (await ann.client.get(p('/work-orders'))).body.data as Order[];
    const patch = (state: string) => ann.client.patch(p(`/work-orders/${order!.id}`), { state });
    expect((await patch('done')).status).toBe(200);
    const release = () => ann.client.post(p('/pools/leadPool/release'), { id: order!.recordId, reason: 'not a fit' });
    const orders = async () => (await ann.client.get(p('/work-orders?state=all'))).body.data as Order[];
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    return { tenantId, order: order!, patch, release, orders, queue: async () => (await ann.client.get(p('/work-orders'))).body.data as Order[] };
  }

  /** A tenant transaction doing `work`, left open until the returned function is called. */
  const holding = (tenantId: string, work: (tx: Tx) => Promise<unknown>) => holdTransaction((w) => ctx().server.kernel.storage.inTenant(tenantId, w), work);
  const lockWaits = (n: number) => waitForLockWaits(ctx().database.storage, n);

  it('reopens while the assignee holds the record, and refuses once it was released, leaving nothing open', async () => {
    const { order, patch, release, orders, queue } = await setup();
    expect((await patch('open')).body).toMatchObject({ state: 'open', outcome: null });
    expect((await patch('done')).status).toBe(200);
    expect((await release()).status).toBe(200);
    const refused = await patch('open');
    expect([refused.status, refused.body.code, refused.body.state]).toEqual([409, 'conflict', 'done']);
    expect(await orders()).toMatchObject([{ id: order.id, state: 'done' }]);
    expect(await queue()).toEqual([]);
  });

  it('a reopen during a release waits for it and is refused; a release during a reopen waits for it and closes the order', async () => {
    if (ctx().database.kind !== 'postgres') return; // (PGlite runs one transaction at a time)
    const { tenantId, order, patch, orders } = await setup();
    // A release under way (the owner changed, its trigger passed the done order by): the reopen
    // waits for it, then finds the record no longer Ann's. Before, it read the old owner and
    // reopened the order after the trigger had run, leaving an open order no queue lists.
    const endRelease = await holding(tenantId, (tx) => sql`
      UPDATE records SET owner = NULL, pool_state = 'public', release_reason = 'not a fit', updated_at = now() WHERE id = ${order.recordId}::uuid`.execute(tx));
    const reopening = patch('open');
    try {
      await lockWaits(1);
    } finally {
      await endRelease();
    }
    const refused = await reopening;
    expect([refused.status, refused.body.code]).toEqual([409, 'conflict']);
    expect(await orders()).toMatchObject([{ id: order.id, state: 'done' }]);

    // The other way round: a reopen that holds the record (and waits for its order, held here)
    // holds off the release, which then closes the order it reopened.
    const again = await setup();
    const endOrderLock = await holding(again.tenantId, (tx) => sql`SELECT 1 FROM work_orders WHERE id = ${again.order.id}::uuid FOR UPDATE`.execute(tx));
    const reopened = again.patch('open');
    let released: ReturnType<typeof again.release> | undefined;
    try {
      await lockWaits(1);
      released = again.release();
      await lockWaits(2);
    } finally {
      await endOrderLock();
    }
    expect((await reopened).body).toMatchObject({ state: 'open' });
    expect((await released!).status).toBe(200);
    expect(await again.orders()).toMatchObject([{ id: again.order.id, state: 'skipped', outcome: 'released: not a fit' }]);
    expect(await again.queue()).toEqual([]);
  });
});

import { beforeAll, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type ApiResponse, type TestTenant } from '../../testing/test-server.ts';

/**
 * Values a client sends that JavaScript or PostgreSQL cannot hold (dates past year 9999 or
 * before year 1, ids past int4, malformed cursors) answer 400 with the offending node's
 * pointer, never 500 (api.md: "A request never gets a 500 for anything a client sent").
 */
describeEachServer('input ranges', (ctx) => {
  let tenant: TestTenant;
  let bd: { id: string; client: ApiClient };
  const p = (x: string) => `/api/t/${tenant.slug}${x}`;
  const where = (filter: unknown) => p(`/records/lead?where=${encodeURIComponent(JSON.stringify(filter))}`);
  const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const expectProblem = (res: ApiResponse, status: number, code: string, path?: string) => {
    expect(res.status, res.text).toBe(status);
    expect(res.body.code, res.text).toBe(code);
    if (path !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path), res.text).toContain(path);
  };

  function document(): MetadataDocument {
    return testDocument({
      assignmentRules: {
        spread: { object: 'lead', pool: 'leadPool', match: 'even', records: { include: { score: { $gte: 50 } } }, users: { where: { roles: { $any: ['bd'] } } } },
      },
    });
  }

  beforeAll(async () => {
    ctx().setNow(null);
    tenant = await ctx().createTenantWith(document());
    bd = await ctx().createUser(tenant, { email: 'bd@ranges.test', roles: ['bd'] });
    const lead = await tenant.admin.post(p('/records/lead'), { name: 'In range', dueOn: '2026-05-01' });
    expect(lead.status, lead.text).toBe(201);
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: lead.body.id })).status).toBe(200);
  });

  it('refuses relative dates whose shift could leave years 1–9999, with the pointer, and still takes large in-range ones', async () => {
    for (const value of ['now+9000y', 'now-999999y', 'now+999999y', 'now+999999M', 'startOfYear+999999y', 'today-999999w', 'now+999999d']) {
      expectProblem(await tenant.admin.get(where({ createdAt: { $gt: value } })), 400, 'invalid_filter', '?where/createdAt/$gt');
    }
    expectProblem(await tenant.admin.get(where({ dueOn: { $in: ['today', 'today+2000y'] } })), 400, 'invalid_filter', '?where/dueOn/$in/1');
    expectProblem(await tenant.admin.post(p('/records/lead/query'), { where: { $or: [{ nextCallAt: { $lt: 'now-1901y' } }] } }), 400, 'invalid_filter', '/where/$or/0/nextCallAt/$lt');
    // Up to the bound, the answer is a list (the far past and future hold no leads).
    for (const [value, count] of [['now-1900y', 1], ['now+1900y', 0], ['now+22800M', 0], ['startOfYear-99000w', 1], ['today+690000d', 0], ['now-999999h', 1]] as const) {
      const res = await tenant.admin.get(`${where({ createdAt: { $gt: value } })}&count=true`);
      expect([value, res.status, res.body.total]).toEqual([value, 200, count]);
    }
    expect((await tenant.admin.get(`${where({ dueOn: { $lte: 'today+1900y' } })}&count=true`)).body.total).toBe(1);
  });

  it('refuses absolute dates and date-times outside years 1–9999', async () => {
    for (const [field, value] of [
      ['createdAt', '0000-01-01T00:00:00Z'], ['createdAt', '+275760-09-13'], ['createdAt', '9999-12-31T23:59:59-01:00'], ['createdAt', '10000-01-01T00:00:00Z'],
      ['dueOn', '0000-01-01'], ['dueOn', '+275760-09-13'], ['dueOn', '99999-01-01'],
    ] as const) {
      expectProblem(await tenant.admin.get(where({ [field]: { $gte: value } })), 400, 'invalid_filter', `?where/${field}/$gte`);
    }
    const edges = await tenant.admin.get(where({ createdAt: { $gte: '0001-01-01T00:00:00Z' }, dueOn: { $lte: '9999-12-31' } }));
    expect(edges.body.data, edges.text).toHaveLength(1);
  });

  it('refuses a role rule with a far relative date in the draft, so it can never be published', async () => {
    const doc = document();
    doc.roles!.bd = [...(doc.roles!.bd as unknown[]), { object: 'lead', actions: ['read'], where: { createdAt: { $gt: 'now+9000y' } } }] as never;
    const res = await tenant.admin.post(p('/meta/draft/validate'), { document: doc });
    expect(res.body.valid, res.text).toBe(false);
    const index = (doc.roles!.bd as unknown[]).length - 1;
    expect(res.body.errors).toEqual([expect.objectContaining({ path: `/roles/bd/${index}/where/createdAt/$gt`, message: expect.stringContaining('1900 years') })]);
  });

  it('answers 404 for a version number past int4, as for any missing version; rollback says 400 /version', async () => {
    for (const version of ['2147483648', '99999999999', '0x10', '1e3', '-1']) {
      expectProblem(await tenant.admin.get(p(`/meta/versions/${version}`)), 404, 'not_found');
    }
    expect((await tenant.admin.get(p('/meta/versions/1'))).status).toBe(200);
    expectProblem(await tenant.admin.post(p('/meta/rollback'), { version: 2147483648 }), 400, 'bad_request', '/version');
  });

  it('refuses private-pool cursors whose time the server never wrote, and pages with its own', async () => {
    for (const at of ['1', '-1', '99999-01-01', '275760-09-13', '2026-01-01T00:00:00+99:00', '2026-02-30T00:00:00.000Z', 5]) {
      expectProblem(await bd.client.get(p(`/pools/leadPool/mine?cursor=${cursorOf([at, '00000000-0000-0000-0000-000000000000'])}`)), 400, 'invalid_cursor');
    }
    expectProblem(await bd.client.get(p(`/pools/leadPool/mine?cursor=${cursorOf(['2026-01-01T00:00:00.000Z', 'not-an-id'])}`)), 400, 'invalid_cursor');
    // Year 0 is a time JavaScript writes (0000-…) and PostgreSQL has no day of: every time cursor refuses it.
    const yearZero = cursorOf(['0000-01-01T12:00:00.000Z', 'ffffffff-a3b3-4f24-bfff-ffe53c263154']);
    for (const list of ['/pools/leadPool/mine?', '/notifications?', '/work-orders?state=done&', '/assignment-rules/spread/runs?']) {
      expectProblem(await tenant.admin.get(p(`${list}cursor=${yearZero}`)), 400, 'invalid_cursor');
    }
    expectProblem(await bd.client.get(p('/pools/leadPool/mine?cursor=!!')), 400, 'invalid_cursor');
    const second = await ctx().createUser(tenant, { email: 'pager@ranges.test', roles: ['bd'] });
    const ids: string[] = [];
    for (const name of ['P1', 'P2', 'P3']) {
      const id = (await tenant.admin.post(p('/records/lead'), { name })).body.id as string;
      expect((await second.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
      ids.push(id);
    }
    const first = await second.client.get(p('/pools/leadPool/mine?limit=2'));
    expect(first.body.data).toHaveLength(2);
    const next = await second.client.get(p(`/pools/leadPool/mine?limit=2&cursor=${first.body.nextCursor}`));
    expect(next.status, next.text).toBe(200);
    expect([...first.body.data, ...next.body.data].map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    // A null release time (exempt records) is a cursor the server writes too.
    expect((await second.client.get(p(`/pools/leadPool/mine?cursor=${cursorOf([null, ids[0]])}`))).status).toBe(200);
  });

  it('refuses an asOf outside years 1–9999 for a sweep and an assignment run, with /asOf', async () => {
    for (const asOf of ['0000-01-01T00:00:00Z', '0000-06-01T00:00:00Z', '9999-12-31T23:59:59-01:00', '2026-06-30T23:59:60Z']) {
      expectProblem(await tenant.admin.post(p('/pools/leadPool/sweep'), { asOf, dryRun: true }), 400, 'bad_request', '/asOf');
      expectProblem(await tenant.admin.post(p('/pools/leadPool/sweep'), { asOf }), 400, 'bad_request', '/asOf');
      expectProblem(await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf, dryRun: true }), 400, 'bad_request', '/asOf');
      expectProblem(await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf }), 400, 'bad_request', '/asOf');
    }
    for (const asOf of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-06-01t10:00:00+08:00']) {
      const sweep = await tenant.admin.post(p('/pools/leadPool/sweep'), { asOf, dryRun: true });
      expect([asOf, sweep.status], sweep.text).toEqual([asOf, 200]);
      const run = await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf, dryRun: true });
      expect([asOf, run.status, run.text.slice(0, 200)]).toEqual([asOf, 200, run.text.slice(0, 200)]);
    }
  });

  it('runs a real assignment as of now or earlier only: a later asOf would hand out leads still in their cooldown', async () => {
    const later = new Date(Date.now() + 30 * 86400_000).toISOString();
    const refused = await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf: later });
    expectProblem(refused, 400, 'bad_request', '/asOf');
    expect((await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf: later, background: true })).status).toBe(400);
    expect((await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf: later, dryRun: true })).status).toBe(200);
    const earlier = new Date(Date.now() - 60_000).toISOString();
    expect((await tenant.admin.post(p('/assignment-rules/spread/run'), { asOf: earlier })).status).toBe(200);
  });
});

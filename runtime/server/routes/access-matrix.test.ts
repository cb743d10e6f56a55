import { beforeAll, expect, it } from 'vitest';
import type { RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

type Who = 'admin' | 'managerNorth' | 'managerSouth' | 'bdA' | 'bdB' | 'auditor' | 'nobody';
type State = 'public' | 'heldByA' | 'heldByB';

/**
 * Who may do what to which lead, by role and record state, through the API on both databases:
 * ownership and pool-state conditions, a condition through a lookup into users
 * (`owner.attributes.team`), one through a lookup into records (`lead.owner` on visits), and
 * field allowlists for reading and writing. The bd role is written with a name
 * (`{ label, rules }`, docs/metadata-extensions.md), the others as plain lists.
 */
describeEachServer('access matrix', (ctx) => {
  let t: TestTenant;
  const clients = {} as Record<Who, ApiClient>;
  const ids = {} as Record<Who, string>;
  const leads = {} as Record<State, string>;
  const p = (x: string) => `/api/t/${t.slug}${x}`;

  beforeAll(async () => {
    // bd is a role with a name ({ label, rules }), manager a plain list: both forms decide the same way.
    const document = testDocument();
    document.roles = { ...document.roles, bd: { label: { en: 'BD', zh: '业务员' }, rules: document.roles!.bd as RoleRule[] } };
    t = await ctx().createTenantWith(document);
    clients.admin = t.admin;
    ids.admin = (await t.admin.get(p('/me'))).body.id;
    const people: Array<[Who, string[], Record<string, unknown>]> = [
      ['managerNorth', ['manager'], { team: 'north' }], ['managerSouth', ['manager'], { team: 'south' }],
      ['bdA', ['bd'], { team: 'north' }], ['bdB', ['bd'], { team: 'south' }], ['auditor', ['auditor'], {}], ['nobody', [], {}],
    ];
    for (const [who, roles, attributes] of people) {
      const user = await ctx().createUser(t, { email: `${who.toLowerCase()}@m.test`, roles, attributes });
      clients[who] = user.client;
      ids[who] = user.id;
    }
    for (const state of ['public', 'heldByA', 'heldByB'] as const) {
      leads[state] = (await t.admin.post(p('/records/lead'), { name: `lead ${state}`, score: 95, contactPhone: '+86 1', expectedRevenue: 10 })).body.id;
    }
    await clients.bdA.post(p('/pools/leadPool/claim'), { id: leads.heldByA });
    await clients.bdB.post(p('/pools/leadPool/claim'), { id: leads.heldByB });
  });

  // Expected read results per lead state (200 visible, 404 invisible).
  const readMatrix: Record<Who, Record<State, number>> = {
    admin: { public: 200, heldByA: 200, heldByB: 200 },
    managerNorth: { public: 200, heldByA: 200, heldByB: 404 },
    managerSouth: { public: 200, heldByA: 404, heldByB: 200 },
    bdA: { public: 200, heldByA: 200, heldByB: 404 },
    bdB: { public: 200, heldByA: 404, heldByB: 200 },
    auditor: { public: 200, heldByA: 200, heldByB: 200 },
    nobody: { public: 404, heldByA: 404, heldByB: 404 },
  };

  it('reads: visible records are 200, invisible ones 404 (never 403), in lists and counts alike', async () => {
    for (const [who, row] of Object.entries(readMatrix) as Array<[Who, Record<State, number>]>) {
      for (const [state, status] of Object.entries(row) as Array<[State, number]>) {
        expect((await clients[who].get(p(`/records/lead/${leads[state]}`))).status, `${who} reads ${state}`).toBe(status);
      }
      const list = await clients[who].get(p('/records/lead?count=true&limit=10'));
      const visible = Object.values(row).filter((s) => s === 200).length;
      if (who === 'nobody') expect(list.status).toBe(404);
      else expect([list.body.total, list.body.data.length], who).toEqual([visible, visible]);
    }
  });

  it('updates: owners within their allowlist, managers for their team, others refused', async () => {
    const cases: Array<[Who, State, Record<string, unknown>, number]> = [
      ['bdA', 'heldByA', { contactName: 'ok' }, 200],
      ['bdA', 'heldByA', { name: 'renamed', score: 1 }, 403],
      ['bdA', 'public', { contactName: 'x' }, 403],
      ['bdA', 'heldByB', { contactName: 'x' }, 404],
      ['managerNorth', 'heldByA', { name: 'manager edit' }, 200],
      ['managerNorth', 'heldByB', { name: 'x' }, 404],
      ['managerSouth', 'public', { name: 'x' }, 403],
      ['auditor', 'heldByA', { name: 'x' }, 403],
      ['admin', 'heldByB', { score: 96 }, 200],
    ];
    for (const [who, state, body, status] of cases) {
      const res = await clients[who].patch(p(`/records/lead/${leads[state]}`), body);
      expect(res.status, `${who} updates ${state} with ${Object.keys(body).join(',')}: ${res.text}`).toBe(status);
      if (status === 403 && who === 'bdA' && state === 'heldByA') {
        expect(res.body).toMatchObject({ code: 'field_forbidden', errors: [{ path: '/name' }, { path: '/score' }] });
      }
    }
    for (const field of ['owner', 'poolState', 'claimedAt', 'version', 'createdBy']) {
      const res = await clients.admin.patch(p(`/records/lead/${leads.heldByA}`), { [field]: ids.bdB });
      expect(res.status, field).toBe(403);
    }
  });

  it('answers a read with the methods the caller may use on that record (Allow), as the writes then go', async () => {
    const cases: Array<[Who, State, string]> = [
      ['bdA', 'public', 'GET, HEAD'],
      ['bdA', 'heldByA', 'GET, HEAD, PATCH'],
      ['managerNorth', 'heldByA', 'GET, HEAD, PATCH, DELETE'],
      ['managerSouth', 'public', 'GET, HEAD'],
      ['auditor', 'heldByA', 'GET, HEAD'],
      ['admin', 'heldByB', 'GET, HEAD, PATCH, DELETE'],
    ];
    for (const [who, state, allow] of cases) {
      const res = await clients[who].get(p(`/records/lead/${leads[state]}`));
      expect([res.status, res.headers.get('allow')], `${who} reads ${state}`).toEqual([200, allow]);
    }
    // The answer follows the record: once bdA releases their lead, it is read-only to them.
    const own = (await clients.bdA.post(p('/records/lead'), { name: 'released soon' })).body.id as string;
    await clients.bdA.post(p('/pools/leadPool/claim'), { id: own });
    expect((await clients.bdA.get(p(`/records/lead/${own}`))).headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect((await clients.bdA.post(p('/pools/leadPool/release'), { id: own, reason: 'not for me' })).status).toBe(200);
    expect((await clients.bdA.get(p(`/records/lead/${own}`))).headers.get('allow')).toBe('GET, HEAD');
    expect((await clients.bdA.patch(p(`/records/lead/${own}`), { contactName: 'x' })).status).toBe(403);
  });

  it('reads only allowlisted fields, conditionally', async () => {
    const audited = (await clients.auditor.get(p(`/records/lead/${leads.heldByA}`))).body;
    expect(Object.keys(audited).filter((k) => ['name', 'stage', 'score', 'expectedRevenue', 'contactPhone', 'notes'].includes(k)).sort()).toEqual(['expectedRevenue', 'name', 'score', 'stage']);
    await t.admin.patch(p(`/records/lead/${leads.heldByA}`), { score: 10 });
    const lowScore = (await clients.auditor.get(p(`/records/lead/${leads.heldByA}`))).body;
    expect(lowScore).not.toHaveProperty('expectedRevenue');
    expect(lowScore).toHaveProperty('score', 10);
    await t.admin.patch(p(`/records/lead/${leads.heldByA}`), { score: 95 });
  });

  it('creates: checks the new record against the rule, deletes need their own permission', async () => {
    const created = await clients.bdA.post(p('/records/lead'), { name: 'bd lead' });
    expect(created.status).toBe(201);
    expect((await clients.auditor.post(p('/records/lead'), { name: 'x' })).status).toBe(403);
    expect((await clients.bdA.post(p('/records/hotel'), { name: 'x' })).status).toBe(403);
    expect((await clients.bdA.delete(p(`/records/lead/${created.body.id}`))).status).toBe(403);
    expect((await clients.managerNorth.delete(p(`/records/lead/${created.body.id}`))).status).toBe(403);
  });

  it('follows lookups in conditions: visits are readable through their lead’s owner', async () => {
    const visitA = await t.admin.post(p('/records/visit'), { lead: leads.heldByA, visitedAt: new Date().toISOString() });
    const visitB = await t.admin.post(p('/records/visit'), { lead: leads.heldByB, visitedAt: new Date().toISOString() });
    expect((await clients.bdA.get(p(`/records/visit/${visitA.body.id}`))).status).toBe(200);
    expect((await clients.bdA.get(p(`/records/visit/${visitB.body.id}`))).status).toBe(404);
    expect((await clients.bdA.get(p('/records/visit'))).body.data.map((v: { id: string }) => v.id)).toEqual([visitA.body.id]);
    // Creating a visit for someone else's lead is refused, exactly as for a lead that does not exist.
    const other = await clients.bdA.post(p('/records/visit'), { lead: leads.heldByB, visitedAt: new Date().toISOString() });
    const ghost = await clients.bdA.post(p('/records/visit'), { lead: '00000000-0000-4000-8000-000000000001', visitedAt: new Date().toISOString() });
    expect(other.status).toBe(403);
    expect({ ...ghost.body, instance: undefined }).toEqual({ ...other.body, instance: undefined });
    expect((await clients.bdA.post(p('/records/visit'), { lead: leads.heldByA, visitedAt: new Date().toISOString() })).status).toBe(201);
    // Expanding a lookup never reveals an invisible target.
    const expanded = (await clients.managerSouth.get(p(`/records/visit?expand=lead&limit=100`))).body.data;
    expect(expanded.find((v: { id: string }) => v.id === visitA.body.id).lead).toBe(leads.heldByA);
    expect(expanded.find((v: { id: string }) => v.id === visitB.body.id).lead).toMatchObject({ id: leads.heldByB, name: 'lead heldByB' });
  });

  it('shows each user only the objects they may read, narrows API keys, and keeps the studio API for admins', async () => {
    const objects = async (c: ApiClient) => (await c.get(p('/objects'))).body.data.map((o: { key: string }) => o.key).sort();
    expect(await objects(clients.bdA)).toEqual(['hotel', 'lead', 'visit']);
    expect(await objects(clients.auditor)).toEqual(['lead']);
    expect(await objects(clients.nobody)).toEqual([]);
    const key = (await clients.bdA.post(p('/api-keys'), { name: 'narrow', roles: [] })).body.key;
    expect((await ctx().api.get(p(`/records/lead/${leads.heldByA}`), { token: key })).status).toBe(404);
    expect((await clients.managerNorth.get(p('/meta/draft'))).status).toBe(403);
    expect((await clients.managerNorth.get(p('/meta'))).status).toBe(200);
    expect((await clients.bdA.post(p('/api-keys'), { name: 'escalate', roles: ['admin'] })).status).toBe(403);
  });
});

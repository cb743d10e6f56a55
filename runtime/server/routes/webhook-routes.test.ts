import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverDue, signPayload } from '../../../platform/webhooks/webhook-delivery.ts';
import { isPrivateAddress, vettedAgent } from '../../../platform/webhooks/webhook-addresses.ts';
import { WebhookRegistry } from '../../../platform/webhooks/webhooks.ts';
import { createAjv2020 } from '../../../platform/validation/ajv.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiResponse } from '../../testing/test-server.ts';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describeEachServer('webhooks', (ctx) => {
  const received: Received[] = [];
  let receiverUrl = '';
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = req.url === '/fail' ? 500 : 204;
      res.end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  async function until<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await check();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out');
  }

  it('delivers signed events from committed changes, logs them, and retries failures with backoff', async () => {
    const start = new Date('2026-05-01T00:00:00.000Z');
    ctx().setNow(start);
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const ok = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/ok`, events: ['record.created', 'record.deleted'], object: 'lead' });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.secret).toMatch(/^whsec_/);
    const failing = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/fail`, events: ['*'] });
    expect((await tenant.admin.get(p('/webhooks'))).body.data).toHaveLength(2);
    expect(JSON.stringify((await tenant.admin.get(p('/webhooks'))).body)).not.toContain(ok.body.secret);

    const lead = await tenant.admin.post(p('/records/lead'), { name: 'Hooked' });
    await tenant.admin.post(p('/records/hotel'), { name: 'Not a lead' });
    const delivery = await until(() => received.find((r) => r.path === '/ok'));
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ event: 'record.created', object: 'lead', recordId: lead.body.id, record: { name: 'Hooked' } });
    expect(delivery.headers['x-shoal-event']).toBe('record.created');
    const [t] = /t=(\d+)/.exec(String(delivery.headers['x-shoal-signature']))!.slice(1);
    expect(delivery.headers['x-shoal-signature']).toBe(signPayload(ok.body.secret, Number(t), delivery.body));
    expect(received.filter((r) => r.path === '/ok')).toHaveLength(1);
    // The tenant's OpenAPI document describes this delivery: its body and every header it names.
    const doc = (await tenant.admin.get(p('/openapi.json'))).body;
    const ajv = createAjv2020();
    ajv.addSchema(doc, 'openapi');
    const fits = ajv.getSchema('openapi#/components/schemas/WebhookEvent')!;
    expect(fits(payload), JSON.stringify(fits.errors)).toBe(true);
    expect(payload.id).toBe(delivery.headers['x-shoal-delivery']);
    for (const header of doc.webhooks['record.created'].post.parameters as Array<{ name: string; schema: { pattern?: string } }>) {
      expect(delivery.headers[header.name.toLowerCase()], header.name).toMatch(new RegExp(header.schema.pattern ?? '.'));
    }

    const log = await until(async () => {
      const res = await tenant.admin.get(p(`/webhooks/${failing.body.id}/deliveries`));
      return res.body.data.length === 2 && res.body.data.every((d: { attempts: number }) => d.attempts === 1) ? res.body.data : undefined;
    });
    expect(log[0]).toMatchObject({ state: 'pending', lastStatus: 500, nextAttemptAt: new Date(start.getTime() + 10_000).toISOString() });
    // Not due yet; 11 s later it is, and the backoff doubles.
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const clock = () => new Date(start.getTime() + 11_000);
    expect(await deliverDue(ctx().database.storage, tenantId, () => start, { allowPrivateUrls: true })).toBe(0);
    expect(await deliverDue(ctx().database.storage, tenantId, clock, { allowPrivateUrls: true })).toBe(2);
    const retried = (await tenant.admin.get(p(`/webhooks/${failing.body.id}/deliveries`))).body.data[0];
    expect(retried).toMatchObject({ attempts: 2, nextAttemptAt: new Date(start.getTime() + 11_000 + 20_000).toISOString() });

    // A change that rolls back sends nothing.
    const before = received.length;
    const invalid = await tenant.admin.post(p('/records/lead'), { name: 'x', score: 1000 });
    expect(invalid.status).toBe(422);
    await new Promise((r) => setTimeout(r, 1500));
    expect(received.slice(before).filter((r) => r.path === '/ok')).toHaveLength(0);
    expect((await tenant.admin.delete(p(`/webhooks/${failing.body.id}`))).status).toBe(204);
    ctx().setNow(null);
  });

  it('sends record.assigned for an assignment rule\'s records and record.released for a sweep\'s, with the records before and after', async () => {
    const tenant = await ctx().createTenantWith(testDocument({ assignmentRules: { all: { object: 'lead', pool: 'leadPool', match: 'even', records: {}, users: { where: { roles: 'bd' } } } } }));
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const bd = await ctx().createUser(tenant, { email: 'bd@t.test', roles: ['bd'] });
    const created = await tenant.admin.post(p('/records/lead/bulk'), { op: 'create', records: [{ name: 'one' }, { name: 'two' }, { name: 'three' }] });
    const ids = created.body.results.map((r: { id: string }) => r.id) as string[];
    // Nobody listens yet: a run assigns without events.
    const quiet = await tenant.admin.post(p('/assignment-rules/all/run'), {});
    expect(quiet.body.allocations).toHaveLength(3);
    // The clock moves: a sweep that releases runs as of now.
    const now = Date.now();
    ctx().setNow(new Date(now + 60 * 86_400_000));
    expect((await tenant.admin.post(p('/pools/leadPool/sweep'), {})).body.released).toBe(3);

    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/pool`, events: ['record.assigned', 'record.released'], object: 'lead' });
    expect(hook.status, hook.text).toBe(201);
    // After the cooldown of the sweep's releases (7 days).
    ctx().setNow(new Date(now + 70 * 86_400_000));
    const run = await tenant.admin.post(p('/assignment-rules/all/run'), {});
    expect(run.body.allocations).toHaveLength(3);
    const assigned = await until(() => {
      const bodies = received.filter((r) => r.path === '/pool').map((r) => JSON.parse(r.body));
      return bodies.length >= 3 ? bodies : undefined;
    });
    expect(assigned.map((b) => b.event)).toEqual(['record.assigned', 'record.assigned', 'record.assigned']);
    expect(assigned.map((b) => b.recordId).sort()).toEqual([...ids].sort());
    for (const body of assigned) {
      expect(body.previous).toMatchObject({ owner: null, poolState: 'public', releaseReason: 'no_visit', releasedBy: 'system' });
      expect(body.record).toMatchObject({ owner: bd.id, poolState: 'private', releasedAt: null, releasedBy: null, version: body.previous.version + 1 });
    }

    ctx().setNow(new Date(now + 200 * 86_400_000));
    const swept = await tenant.admin.post(p('/pools/leadPool/sweep'), {});
    expect(swept.body.released).toBe(3);
    const released = await until(() => {
      const bodies = received.filter((r) => r.path === '/pool').map((r) => JSON.parse(r.body)).filter((b) => b.event === 'record.released');
      return bodies.length >= 3 ? bodies : undefined;
    });
    expect(released.map((b) => b.recordId).sort()).toEqual([...ids].sort());
    for (const body of released) {
      expect(body.previous).toMatchObject({ owner: bd.id, poolState: 'private' });
      expect(body.record).toMatchObject({ owner: null, poolState: 'public', releaseReason: 'no_visit', releasedBy: 'system' });
    }
    expect(received.filter((r) => r.path === '/pool')).toHaveLength(6);
    ctx().setNow(null);
  });

  it('sends a delivery once when several delivery runs go at once', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/once`, events: ['record.created'], object: 'lead' });
    expect(hook.status, hook.text).toBe(201);
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const clock = () => new Date(Date.now() + 60_000);
    await tenant.admin.post(p('/records/lead'), { name: 'Once' });
    await Promise.all([1, 2, 3].map(() => deliverDue(ctx().database.storage, tenantId, clock, { allowPrivateUrls: true })));
    await until(() => received.find((r) => r.path === '/once'));
    await new Promise((r) => setTimeout(r, 300)); // a second send would have arrived by now
    expect(received.filter((r) => r.path === '/once')).toHaveLength(1);
  });

  it('keeps delivering a tenant’s other webhooks when one with pending retries is deleted', async () => {
    const start = new Date('2026-06-01T00:00:00.000Z');
    ctx().setNow(start);
    try {
      const tenant = await ctx().createTenantWith(testDocument());
      const p = (x: string) => `/api/t/${tenant.slug}${x}`;
      const gone = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/fail`, events: ['record.created'], object: 'lead' });
      expect(gone.status, gone.text).toBe(201);
      // More pending retries than one delivery run claims at a time.
      for (let i = 0; i < 12; i++) expect((await tenant.admin.post(p('/records/lead'), { name: `Retry ${i}` })).status).toBe(201);
      expect((await tenant.admin.delete(p(`/webhooks/${gone.body.id}`))).status).toBe(204);
      const after = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/after`, events: ['record.created'], object: 'lead' });
      expect(after.status, after.text).toBe(201);
      const lead = await tenant.admin.post(p('/records/lead'), { name: 'After' });
      const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
      await deliverDue(ctx().database.storage, tenantId, () => new Date(start.getTime() + 3_600_000), { allowPrivateUrls: true });
      const delivered = await until(() => received.find((r) => r.path === '/after'));
      expect(JSON.parse(delivered.body)).toMatchObject({ event: 'record.created', recordId: lead.body.id });
    } finally {
      ctx().setNow(null);
    }
  });

  it('pauses, resumes and changes a subscription with the checks of a new one', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/changed`, events: ['record.created'], object: 'lead' });
    expect(hook.status, hook.text).toBe(201);
    const url = p(`/webhooks/${hook.body.id}`);
    const log = async () => (await tenant.admin.get(`${url}/deliveries`)).body.data as Array<{ event: string }>;

    const paused = await tenant.admin.patch(url, { active: false });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body).toMatchObject({ id: hook.body.id, active: false, events: ['record.created'], object: 'lead', url: `${receiverUrl}/changed` });
    expect(paused.body.secret).toBeUndefined();
    await tenant.admin.post(p('/records/lead'), { name: 'While paused' });
    expect(await log()).toEqual([]);

    const changed = await tenant.admin.patch(url, { active: true, events: ['record.updated'], object: null });
    expect(changed.body).toMatchObject({ active: true, events: ['record.updated'], object: null });
    expect((await tenant.admin.get(p('/webhooks'))).body.data).toEqual([changed.body]);
    const hotel = await tenant.admin.post(p('/records/hotel'), { name: 'Any object now' });
    await tenant.admin.post(p('/records/lead'), { name: 'Not an update' });
    await tenant.admin.patch(p(`/records/hotel/${hotel.body.id}`), { name: 'Renamed' });
    expect((await log()).map((d) => d.event)).toEqual(['record.updated']);

    for (const [body, status, path] of [
      [{}, 400, undefined], [{ events: ['record.exploded'] }, 400, '/events/0'], [{ url: 'ftp://files.example.com/x' }, 400, '/url'],
      [{ secret: 'mine' }, 400, undefined], [{ object: 'nothing' }, 422, '/object'], [{ object: '' }, 400, '/object'], [{ active: 'yes' }, 400, '/active'],
      // fetch sends no request to a URL with credentials in it: every delivery would fail.
      [{ url: 'https://shoal:hunter2@hooks.example.com/in' }, 422, '/url'],
    ] as const) {
      const refused = await tenant.admin.patch(url, body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      if (path) expect(refused.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    const withPassword = await tenant.admin.post(p('/webhooks'), { url: 'https://shoal:hunter2@hooks.example.com/in', events: ['*'] });
    expect([withPassword.status, withPassword.body.errors?.[0]?.path]).toEqual([422, '/url']);
    expect(withPassword.text).not.toContain('hunter2');
    expect((await tenant.admin.get(p('/webhooks'))).body.data).toHaveLength(1);
    expect((await tenant.admin.patch(p('/webhooks/00000000-0000-4000-8000-000000000000'), { active: false })).status).toBe(404);
    expect((await tenant.admin.patch(p('/webhooks/not-an-id'), { active: false })).status).toBe(404);
    const bd = await ctx().createUser(tenant, { email: 'bd@changes.test', roles: ['bd'] });
    expect((await bd.client.patch(url, { active: false })).status).toBe(403);
    expect((await bd.client.post(`${url}/ping`)).status).toBe(403);

    // The private-address guard of a new subscription holds for a changed URL (this test server allows them).
    const guarded = new WebhookRegistry(ctx().database.storage, { allowPrivateUrls: false });
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    for (const address of ['http://127.0.0.1:9000/x', 'http://[::ffff:10.0.0.1]/', 'http://localhost./hook', 'http://[64:ff9b::7f00:1]/', 'http://[2002:7f00:1::]/', 'http://[fec0::1]/']) {
      await expect(guarded.update(tenantId, hook.body.id, { url: address }, new Set()), address).rejects.toMatchObject({ code: 'validation_failed', errors: [{ path: '/url' }] });
    }
    expect((await tenant.admin.get(p('/webhooks'))).body.data[0].url).toBe(`${receiverUrl}/changed`);
  });

  it('says where a new subscription is (Location) and reads it back there, without its secret', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/read-back`, events: ['record.created'], object: 'lead' });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.headers.get('location')).toBe(p(`/webhooks/${hook.body.id}`));
    const read = await tenant.admin.get(hook.headers.get('location')!);
    expect([read.status, read.body]).toEqual([200, { id: hook.body.id, url: `${receiverUrl}/read-back`, events: ['record.created'], object: 'lead', active: true, createdAt: hook.body.createdAt }]);
    expect((await tenant.admin.get(p('/webhooks'))).body.data).toEqual([read.body]);
    expect((await tenant.admin.get(p('/webhooks/00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await tenant.admin.get(p('/webhooks/not-an-id'))).status).toBe(404);
    expect((await tenant.admin.get(p(`/webhooks/${hook.body.id}?secret=true`))).status).toBe(400);
    const bd = await ctx().createUser(tenant, { email: 'bd@read-back.test', roles: ['bd'] });
    expect((await bd.client.get(p(`/webhooks/${hook.body.id}`))).status).toBe(403);
  });

  it('sends a delivery to the address its name had when vetted, not to what the name answers next', async () => {
    const start = new Date('2026-06-01T00:00:00.000Z');
    ctx().setNow(start);
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const port = new URL(receiverUrl).port;
    expect((await tenant.admin.post(p('/webhooks'), { url: `http://rebind.example.com:${port}/vetted`, events: ['record.created'], object: 'hotel' })).status).toBe(201);
    await tenant.admin.post(p('/records/hotel'), { name: 'Pinned' });
    // The name answers 127.0.0.1 once (standing in for a public address: the receiver is there), 10.9.9.9 after.
    const asked: string[] = [];
    const dispatcher = vettedAgent(async (host) => {
      asked.push(host);
      return [{ address: asked.length === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    }, (address) => address !== '127.0.0.1');
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    try {
      // This test server's own sender tries the name too (and fails: it does not resolve); an hour on, the delivery is due here.
      const delivered = await until(async () => {
        await deliverDue(ctx().database.storage, tenantId, () => new Date(start.getTime() + 3_600_000), { allowPrivateUrls: false, dispatcher });
        return received.find((r) => r.path === '/vetted');
      });
      expect(delivered.headers.host).toBe(`rebind.example.com:${port}`);
    } finally {
      await dispatcher.close();
    }
    expect(asked).toEqual(['rebind.example.com']);
  });

  it('rotates a subscription’s signing secret: shown once, and what is sent from then on, a retry included, is signed with it', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/rotated`, events: ['record.created'], object: 'lead' });
    const signedWith = (r: Received, secret: string) => {
      const [t] = /t=(\d+)/.exec(String(r.headers['x-shoal-signature']))!.slice(1);
      return r.headers['x-shoal-signature'] === signPayload(secret, Number(t), r.body);
    };
    const before = await tenant.admin.post(p('/records/lead'), { name: 'Before' });
    const first = await until(() => received.find((r) => r.path === '/rotated' && JSON.parse(r.body).recordId === before.body.id));
    expect(signedWith(first, hook.body.secret)).toBe(true);

    const rotated = await tenant.admin.post(p(`/webhooks/${hook.body.id}/rotate-secret`));
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body).toMatchObject({ id: hook.body.id, url: `${receiverUrl}/rotated`, active: true, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.secret).not.toBe(hook.body.secret);
    expect((await tenant.admin.get(p('/webhooks'))).body.data[0].secret).toBeUndefined();
    const after = await tenant.admin.post(p('/records/lead'), { name: 'After' });
    const second = await until(() => received.find((r) => r.path === '/rotated' && JSON.parse(r.body).recordId === after.body.id));
    expect([signedWith(second, rotated.body.secret), signedWith(second, hook.body.secret)]).toEqual([true, false]);
    // A redelivery of an event from before the rotation is signed with the new secret too.
    const again = await tenant.admin.post(p(`/webhooks/${hook.body.id}/deliveries/${first.headers['x-shoal-delivery']}/redeliver`));
    const third = await until(() => received.find((r) => r.headers['x-shoal-delivery'] === again.body.id));
    expect(signedWith(third, rotated.body.secret)).toBe(true);

    expect((await tenant.admin.post(p('/webhooks/00000000-0000-4000-8000-000000000000/rotate-secret'))).status).toBe(404);
    expect((await tenant.admin.post(p('/webhooks/not-an-id/rotate-secret'))).status).toBe(404);
    const bd = await ctx().createUser(tenant, { email: 'bd@rotate.test', roles: ['bd'] });
    expect((await bd.client.post(p(`/webhooks/${hook.body.id}/rotate-secret`))).status).toBe(403);
  });

  it('holds what was queued for a paused subscription until it is resumed (a redelivery here; retries are claimed the same way), but not a test ping', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/held`, events: ['record.created'], object: 'lead' });
    const other = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/beside`, events: ['record.created'], object: 'hotel' });
    const url = p(`/webhooks/${hook.body.id}`);
    const lead = await tenant.admin.post(p('/records/lead'), { name: 'Held' });
    const first = await until(() => received.find((r) => r.path === '/held' && JSON.parse(r.body).recordId === lead.body.id));
    const firstId = String(first.headers['x-shoal-delivery']);

    expect((await tenant.admin.patch(url, { active: false })).status).toBe(200);
    const again = await tenant.admin.post(`${url}/deliveries/${firstId}/redeliver`);
    expect(again.status, again.text).toBe(202);
    expect(again.body).toMatchObject({ state: 'held', attempts: 0 });
    // The sender has run since (it sent the other subscription's event, queued later), and left the redelivery waiting.
    const hotel = await tenant.admin.post(p('/records/hotel'), { name: 'Beside' });
    await until(() => received.find((r) => r.path === '/beside' && JSON.parse(r.body).recordId === hotel.body.id));
    expect(received.filter((r) => r.headers['x-shoal-delivery'] === again.body.id)).toEqual([]);
    const waiting = (await tenant.admin.get(`${url}/deliveries`)).body.data.find((d: { id: string }) => d.id === again.body.id);
    expect(waiting).toMatchObject({ state: 'held', attempts: 0 });
    // A test ping is not held.
    const ping = await tenant.admin.post(`${url}/ping`);
    await until(() => received.find((r) => r.headers['x-shoal-delivery'] === ping.body.id));
    expect(received.filter((r) => r.headers['x-shoal-delivery'] === again.body.id)).toEqual([]);

    expect((await tenant.admin.patch(url, { active: true })).status).toBe(200);
    const sent = await until(() => received.find((r) => r.headers['x-shoal-delivery'] === again.body.id));
    expect(JSON.parse(sent.body)).toMatchObject({ recordId: lead.body.id, redeliveryOf: firstId });
    expect(other.status).toBe(201);
  });

  it('holds a retry of a paused subscription, keeping its backoff, and refuses to redeliver an event that is still on its way', async () => {
    const start = new Date('2026-06-01T00:00:00.000Z');
    ctx().setNow(start);
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/fail`, events: ['record.created'], object: 'lead' });
    const url = p(`/webhooks/${hook.body.id}`);
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const log = async () => (await tenant.admin.get(`${url}/deliveries`)).body.data as Array<{ id: string; state: string; attempts: number; nextAttemptAt: string | null }>;
    await tenant.admin.post(p('/records/lead'), { name: 'Failing' });
    const failed = await until(async () => (await log()).find((d) => d.attempts === 1));
    expect(failed).toMatchObject({ state: 'pending', nextAttemptAt: new Date(start.getTime() + 10_000).toISOString() });

    // Still to be retried: a redelivery would send the event twice.
    const refused = await tenant.admin.post(`${url}/deliveries/${failed.id}/redeliver`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ code: 'conflict', deliveryId: failed.id, state: 'pending' });

    // Paused, the retry is held with its time; the sender's run when it is due leaves it alone.
    await tenant.admin.patch(url, { active: false });
    expect((await log())[0]).toMatchObject({ id: failed.id, state: 'held', attempts: 1, nextAttemptAt: failed.nextAttemptAt });
    await deliverDue(ctx().database.storage, tenantId, () => new Date(start.getTime() + 11_000), { allowPrivateUrls: true });
    expect((await log())[0]).toMatchObject({ state: 'held', attempts: 1, nextAttemptAt: failed.nextAttemptAt });
    expect((await tenant.admin.post(`${url}/deliveries/${failed.id}/redeliver`)).body).toMatchObject({ code: 'conflict', deliveryId: failed.id, state: 'held' });

    // Resumed, it is pending again and retried as it was due; after its last attempt fails, a redelivery is taken.
    await tenant.admin.patch(url, { active: true });
    expect((await log())[0]).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: failed.nextAttemptAt });
    await deliverDue(ctx().database.storage, tenantId, () => new Date(start.getTime() + 11_000), { allowPrivateUrls: true });
    expect((await log())[0]).toMatchObject({ state: 'pending', attempts: 2 });
    let now = start.getTime() + 11_000;
    for (let attempt = 2; attempt < 8; attempt++) {
      now += 10_000 * 2 ** (attempt - 1) + 1_000;
      await deliverDue(ctx().database.storage, tenantId, () => new Date(now), { allowPrivateUrls: true });
    }
    expect((await log())[0]).toMatchObject({ id: failed.id, state: 'failed', attempts: 8 });
    ctx().setNow(new Date(now));
    const again = await tenant.admin.post(`${url}/deliveries/${failed.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    // Asked again (by another admin, or a retrying client) while that one is queued: refused, naming it.
    const twice = await tenant.admin.post(`${url}/deliveries/${failed.id}/redeliver`);
    expect([twice.status, twice.body.deliveryId]).toEqual([409, again.body.id]);
  });

  it('sends a signed test ping, redelivers a logged delivery as a new one of the same event, and pages the log newest first', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/ping`, events: ['record.created'], object: 'lead', active: false });
    const other = await tenant.admin.post(p('/webhooks'), { url: `${receiverUrl}/other`, events: ['*'] });
    const url = p(`/webhooks/${hook.body.id}`);
    const doc = (await tenant.admin.get(p('/openapi.json'))).body;
    const ajv = createAjv2020();
    ajv.addSchema(doc, 'openapi');
    const verify = (r: Received) => {
      const [t] = /t=(\d+)/.exec(String(r.headers['x-shoal-signature']))!.slice(1);
      expect(r.headers['x-shoal-signature']).toBe(signPayload(hook.body.secret, Number(t), r.body));
      return JSON.parse(r.body);
    };

    // A paused subscription can still be tested.
    const ping = await tenant.admin.post(`${url}/ping`);
    expect(ping.status, ping.text).toBe(202);
    expect(ping.body).toMatchObject({ event: 'webhook.ping', state: 'pending', attempts: 0, payload: { event: 'webhook.ping', webhookId: hook.body.id } });
    const pinged = await until(() => received.find((r) => r.path === '/ping' && r.headers['x-shoal-delivery'] === ping.body.id));
    expect(pinged.headers['x-shoal-event']).toBe('webhook.ping');
    const pingBody = verify(pinged);
    const fitsPing = ajv.getSchema('openapi#/components/schemas/WebhookPing')!;
    expect(fitsPing(pingBody), JSON.stringify(fitsPing.errors)).toBe(true);
    expect(pingBody).toEqual({ id: ping.body.id, event: 'webhook.ping', webhookId: hook.body.id, occurredAt: ping.body.createdAt, actor: expect.any(String) });
    for (const header of doc.webhooks['webhook.ping'].post.parameters as Array<{ name: string; schema: { pattern?: string } }>) {
      expect(pinged.headers[header.name.toLowerCase()], header.name).toMatch(new RegExp(header.schema.pattern ?? '.'));
    }
    await until(async () => (await tenant.admin.get(`${url}/deliveries`)).body.data[0]?.state === 'delivered');
    expect((await tenant.admin.get(`${url}/deliveries`)).body.data[0]).toMatchObject({ id: ping.body.id, state: 'delivered', attempts: 1, lastStatus: 204, lastError: null });

    await tenant.admin.patch(url, { active: true });
    const lead = await tenant.admin.post(p('/records/lead'), { name: 'Again' });
    const first = await until(() => received.find((r) => r.path === '/ping' && r.headers['x-shoal-event'] === 'record.created'));
    const original = verify(first);
    const again = await tenant.admin.post(`${url}/deliveries/${original.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    expect(again.body).toMatchObject({ event: 'record.created', state: 'pending', attempts: 0 });
    expect(again.body.id).not.toBe(original.id);
    const second = await until(() => received.find((r) => r.path === '/ping' && r.headers['x-shoal-delivery'] === again.body.id));
    const redelivered = verify(second);
    expect(redelivered).toEqual({ ...original, id: again.body.id, redeliveryOf: original.id });
    expect(redelivered.recordId).toBe(lead.body.id);
    const fitsEvent = ajv.getSchema('openapi#/components/schemas/WebhookEvent')!;
    expect(fitsEvent(redelivered), JSON.stringify(fitsEvent.errors)).toBe(true);
    // A redelivery of a redelivery still names the first delivery (once the one before has been delivered: see the next test).
    await until(async () => (await tenant.admin.get(`${url}/deliveries`)).body.data.find((d: { id: string; state: string }) => d.id === again.body.id && d.state === 'delivered'));
    const third = await tenant.admin.post(`${url}/deliveries/${again.body.id}/redeliver`);
    expect(third.body.payload).toMatchObject({ id: third.body.id, redeliveryOf: original.id });
    const log = await until(async () => {
      const data = (await tenant.admin.get(`${url}/deliveries`)).body.data as Array<{ id: string; state: string }>;
      return data.length === 4 && data.every((d) => d.state === 'delivered') ? data : undefined;
    });
    expect(new Set(log.map((d) => d.id))).toEqual(new Set([ping.body.id, original.id, again.body.id, third.body.id]));

    for (const path of [
      `/webhooks/${hook.body.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, `/webhooks/${other.body.id}/deliveries/${original.id}/redeliver`,
      `/webhooks/${hook.body.id}/deliveries/not-an-id/redeliver`, '/webhooks/00000000-0000-4000-8000-000000000000/ping',
    ]) expect((await tenant.admin.post(p(path))).status, path).toBe(404);

    // Pages of 3 walk the whole log, newest first, each delivery once.
    for (let i = 0; i < 4; i++) expect((await tenant.admin.post(`${url}/ping`)).status).toBe(202);
    const whole = (await tenant.admin.get(`${url}/deliveries?limit=500`)).body;
    expect(whole.data).toHaveLength(8);
    expect(whole.nextCursor).toBeNull();
    const paged: Array<{ id: string; createdAt: string }> = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await tenant.admin.get(`${url}/deliveries?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      paged.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged.map((d) => d.id)).toEqual(whole.data.map((d: { id: string }) => d.id));
    expect(paged.map((d) => d.createdAt)).toEqual([...paged.map((d) => d.createdAt)].sort().reverse());
    const bad = await tenant.admin.get(`${url}/deliveries?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_cursor', errors: [{ path: '?cursor' }] });
    // The id in the path may come in capitals; the ping names the subscription as it is known.
    const shouted = await tenant.admin.post(p(`/webhooks/${hook.body.id.toUpperCase()}/ping`));
    expect([shouted.status, shouted.body.payload.webhookId]).toEqual([202, hook.body.id]);
  });

  it('has no webhook endpoints where the component is off', async () => {
    const document = testDocument();
    const tenant = await ctx().createTenantWith({ ...document, components: { enabled: ['pools', 'visits'] } });
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expect((await tenant.admin.get(p('/webhooks'))).status).toBe(404);
    expect((await tenant.admin.patch(p(`/webhooks/${nowhere}`), { active: false })).status).toBe(404);
    expect((await tenant.admin.post(p(`/webhooks/${nowhere}/ping`))).status).toBe(404);
    expect((await tenant.admin.post(p(`/webhooks/${nowhere}/deliveries/${nowhere}/redeliver`))).status).toBe(404);
  });

  it('refuses private addresses unless allowed', () => {
    expect(isPrivateAddress('http://127.0.0.1:9000/x')).toBe(true);
    expect(isPrivateAddress('http://10.1.2.3/')).toBe(true);
    expect(isPrivateAddress('http://[::1]/')).toBe(true);
    expect(isPrivateAddress('http://192.168.0.4/')).toBe(true);
    expect(isPrivateAddress('https://hooks.example.com/shoal')).toBe(false);
  });
});

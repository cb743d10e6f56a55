import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { ApiClient } from '../testing/test-server.ts';

/**
 * `npm start` as a user runs it: the embedded database (one connection), with the background
 * job queue running (tests elsewhere run jobs in-process, without it). A record write that a
 * webhook listens to once stopped the whole process: the write's transaction waited for the
 * queue, which waited for the transaction's connection.
 */
describe('the server on the embedded database, with its job queue', () => {
  let child: ChildProcess | undefined;
  let receiver: Server | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'shoal-embedded-jobs-'));
  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('saves a record a webhook listens to, keeps answering, and delivers the event', async () => {
    const received: string[] = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => { received.push(body); res.statusCode = 204; res.end(); });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    child = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', SHOAL_DATA_DIR: dataDir, PORT: '0', SHOAL_DEMO: '0', SHOAL_ADMIN_TOKEN: 'embedded-token', SHOAL_TICK_SECONDS: '2', SHOAL_WEBHOOKS_ALLOW_PRIVATE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /App\s+(http:\/\/localhost:\d+)\/app/.exec(output);
        if (match) { clearTimeout(timer); resolve(match[1]!); }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    const api = new ApiClient(url);
    const created = await api.post('/api/tenants', { slug: 'hooks', name: 'Hooks', admin: { email: 'a@hooks.test', password: 'password-1' } }, { token: 'embedded-token' });
    expect(created.status, created.text).toBe(201);
    const admin = api.withToken((await api.post('/api/t/hooks/auth/login', { email: 'a@hooks.test', password: 'password-1' })).body.token);
    expect((await admin.put('/api/t/hooks/meta/draft', { document: testDocument() })).status).toBe(200);
    expect((await admin.post('/api/t/hooks/meta/publish', {})).status).toBe(200);
    const hook = await admin.post('/api/t/hooks/webhooks', { url: hookUrl, events: ['record.created', 'record.updated'], object: 'lead' });
    expect(hook.status, hook.text).toBe(201);

    const timed = <T>(work: Promise<T>, what: string) => Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in 15 s`)), 15_000))]);
    const lead = await timed(admin.post('/api/t/hooks/records/lead', { name: 'Hooked' }), 'the create');
    expect(lead.status, lead.text).toBe(201);
    const patched = await timed(admin.patch(`/api/t/hooks/records/lead/${lead.body.id}`, { notes: 'called' }), 'the update');
    expect(patched.status, patched.text).toBe(200);
    // Still answering, and the events arrive through the queue.
    expect((await timed(api.get('/healthz'), 'the health check')).status).toBe(200);
    await expect.poll(() => received.map((b) => JSON.parse(b).event as string).sort(), { timeout: 30_000, interval: 250 }).toEqual(['record.created', 'record.updated']);
  });
});

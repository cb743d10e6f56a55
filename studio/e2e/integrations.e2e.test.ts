import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signPayload } from '../../platform/webhooks/webhook-delivery.ts';
import { choose, clickUntil, closeStudio, draftSaved, menu, openStudio, popconfirmDone, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** A hotel-leads tenant whose live version has webhooks switched off (every component but them). */
const document = {
  name: 'Hotel leads',
  locale: 'en',
  objects: {
    lead: {
      label: { en: 'Hotel lead', zh: '酒店线索' },
      titleField: 'name',
      fields: { name: { type: 'text', required: true }, city: { type: 'select', options: ['shanghai', 'beijing'] } },
    },
  },
  roles: { admin: { all: true }, bd: [{ object: 'lead', actions: ['read', 'create'] }] },
  components: { enabled: ['reports', 'import'] },
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** The integrator's endpoint: a local HTTP receiver (the test server lets webhooks call loopback addresses). */
const received: Received[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.statusCode = 204;
    res.end();
  });
});
let receiverUrl = '';

let session: StudioSession | undefined;
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/shoal-events`;
  session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document) });
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.ctx.server.url });
}, 120_000);
afterAll(async () => {
  await closeStudio(session);
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

it('creates an API key shown once and used against the API, switches webhooks on, follows a delivery to a local receiver, redelivers it, and revokes the key', () => recorded(session!, 'studio-integrations', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const me = (await tenant.admin.get(api('/me'))).body as { id: string; name: string; email: string };
  const ben = await ctx.createUser(tenant, { email: 'ben@hotels.test', name: 'Ben BD', roles: ['bd'] });
  expect((await ben.client.post(api('/api-keys'), { name: 'Ben’s spreadsheet' })).status).toBe(201);

  s.step = 'the Integrations screen lists every key of the tenant, with who made it';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/`);
  await signIn(s);
  await menu(page, 'Integrations');
  const bensKey = page.getByRole('row', { name: /Ben’s spreadsheet/ });
  await bensKey.getByText('Ben BD').waitFor();
  await bensKey.getByText('All of its creator’s roles').waitFor();
  await bensKey.getByText('Never').waitFor();

  s.step = 'create a key narrowed to the admin role: the secret is shown once, with a warning and a copy button';
  await page.getByRole('button', { name: 'New API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API key' });
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await dialog.getByText('Required').waitFor();
  await dialog.getByLabel('Name').fill('ERP sync');
  await choose(page, dialog.getByLabel('Roles'), /^admin$/);
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByRole('dialog', { name: 'Your new API key “ERP sync”' });
  await shown.getByText('This is the only time it is shown.', { exact: false }).waitFor();
  const key = (await shown.getByTestId('one-time-secret').innerText()).trim();
  expect(key).toMatch(/^shk_[A-Za-z0-9_-]{43}$/);
  // The copy button puts the key on the clipboard. Once in a loaded CI run (d28bcbc) the clipboard
  // stayed empty after the press; a user would press again, and so does this, up to three times.
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  for (let attempt = 1; attempt <= 3 && (await clipboard()) !== key; attempt++) {
    await shown.getByTestId('one-time-secret').locator('.ant-typography-copy').click();
    await expect.poll(clipboard, { timeout: 4_000 }).toBe(key).catch(() => undefined);
  }
  expect(await clipboard()).toBe(key);
  await screenshot(page, 'studio-integrations-key-once');
  await pressUntil(shown.getByRole('button', { name: 'I have copied it' }), shown, 'hidden');
  await shown.waitFor({ state: 'hidden' });
  const erp = page.getByRole('row', { name: /ERP sync/ });
  await erp.getByText(me.name).waitFor();
  await erp.getByText(`${key.slice(0, 10)}…`).waitFor();
  expect(await page.locator('body').innerText()).not.toContain(key);

  s.step = 'the key works against the API as the admin, narrowed to its role';
  const keyClient = ctx.api.withToken(key);
  const asKey = await keyClient.get(api('/me'));
  expect(asKey.status).toBe(200);
  expect(asKey.body).toMatchObject({ id: me.id, roles: ['admin'], authenticatedBy: 'api_key' });
  expect((await keyClient.post(api('/records/lead'), { name: 'Made by the ERP', city: 'beijing' })).status).toBe(201);
  const listed = (await tenant.admin.get(api('/api-keys?all=true'))).body.data as Array<{ name: string; roles: string[] | null; userId: string }>;
  expect(listed.map((k) => [k.name, k.roles, k.userId]).sort()).toEqual([['Ben’s spreadsheet', null, ben.id], ['ERP sync', ['admin'], me.id]]);

  s.step = 'webhooks are off: the screen says so and leads to Settings';
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  const off = page.getByTestId('webhooks-off');
  await off.getByText('Webhooks are switched off for this tenant').waitFor();
  await off.getByRole('link', { name: 'Open Settings' }).click();
  // Pressed again if a press lands while the settings screen is still being drawn (under CI's load one
  // did not take: "Clicking the checkbox did not change its state"), as a user would.
  const webhooksBox = page.getByRole('checkbox', { name: /^Webhooks/ });
  await expect.poll(async () => {
    if (!(await webhooksBox.isChecked())) await webhooksBox.click();
    return webhooksBox.isChecked();
  }, { timeout: 15_000 }).toBe(true);
  await draftSaved(page);

  s.step = 'switched on in the draft: publish, and the webhooks are there';
  await menu(page, 'Integrations');
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await off.getByText('Webhooks are switched on in your draft').waitFor();
  await off.getByRole('link', { name: 'Review and publish' }).click();
  await expect.poll(() => page.getByRole('button', { name: /Publish$/ }).isEnabled(), { timeout: 20_000 }).toBe(true);
  await page.getByRole('button', { name: /Publish$/ }).click();
  await page.getByText(/^Version \d+ is live$/).waitFor({ timeout: 20_000 });
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/integrations/webhooks`);
  await page.getByText('No webhooks yet').waitFor();

  s.step = 'subscribe the local receiver to new leads: the signing secret is shown once';
  await page.getByRole('button', { name: 'New webhook' }).click();
  const hookDialog = page.getByRole('dialog', { name: 'New webhook' });
  await hookDialog.getByLabel('URL').fill(receiverUrl);
  await choose(page, hookDialog.getByLabel('Events'), 'Record created');
  await page.keyboard.press('Escape');
  await choose(page, hookDialog.getByLabel('Object'), 'Hotel lead');
  await hookDialog.getByRole('button', { name: 'Create webhook' }).click();
  const secretDialog = page.getByRole('dialog', { name: 'Signing secret of the new webhook' });
  const secret = (await secretDialog.getByTestId('one-time-secret').innerText()).trim();
  expect(secret).toMatch(/^whsec_/);
  await pressUntil(secretDialog.getByRole('button', { name: 'I have copied it' }), secretDialog, 'hidden');
  const hookRow = page.getByRole('row', { name: new RegExp(receiverUrl) });
  await hookRow.getByText('Record created · record.created').waitFor();
  await hookRow.getByText('Hotel lead').waitFor();
  const [hook] = (await tenant.admin.get(api('/webhooks'))).body.data;
  expect(hook).toMatchObject({ url: receiverUrl, events: ['record.created'], object: 'lead', active: true });

  s.step = 'a new lead reaches the receiver, signed with that secret, and shows in the delivery log';
  await tenant.admin.post(api('/records/lead'), { name: 'Peninsula Shanghai', city: 'shanghai' });
  // The sender wakes a second after the commit (and the tick catches any wake-up lost).
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
  const first = received[0]!;
  const signedAt = /t=(\d+)/.exec(String(first.headers['x-shoal-signature']))![1]!;
  expect(first.headers['x-shoal-signature']).toBe(signPayload(secret, Number(signedAt), first.body));
  const event = JSON.parse(first.body);
  expect(event).toMatchObject({ event: 'record.created', object: 'lead', record: { name: 'Peninsula Shanghai' } });
  await hookRow.getByRole('button', { name: 'Deliveries' }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByText(`Deliveries to ${receiverUrl}`).waitFor();
  const rows = drawer.locator('.ant-table-tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(1);
  await rows.first().getByText('Delivered').waitFor();
  expect(await rows.first().locator('td').allTextContents()).toEqual(expect.arrayContaining(['Record created · record.created', '204', '1']));
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await expect.poll(() => drawer.locator('.ant-table-expanded-row pre').first().innerText()).toContain('"name": "Peninsula Shanghai"');

  s.step = 'redeliver it: a new delivery of the same event, marked as a redelivery';
  await rows.first().getByRole('button', { name: 'Redeliver' }).click();
  await page.locator('.ant-message-notice', { hasText: 'Queued again as a new delivery' }).waitFor();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
  const again = JSON.parse(received[1]!.body);
  expect(again).toEqual({ ...event, id: received[1]!.headers['x-shoal-delivery'], redeliveryOf: event.id });
  const redeliveredAt = /t=(\d+)/.exec(String(received[1]!.headers['x-shoal-signature']))![1]!;
  expect(received[1]!.headers['x-shoal-signature']).toBe(signPayload(secret, Number(redeliveredAt), received[1]!.body));
  await expect.poll(() => rows.count()).toBe(2);
  await rows.first().getByText('Redelivery').waitFor();
  await rows.first().getByText('Delivered').waitFor({ timeout: 10_000 });
  await screenshot(page, 'studio-integrations-deliveries');

  s.step = 'a test event from the log';
  await drawer.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => rows.count()).toBe(3);
  await rows.first().getByText('Test event · webhook.ping').waitFor();
  await rows.first().getByText('Delivered').waitFor({ timeout: 10_000 });
  expect(received[2]!.headers['x-shoal-event']).toBe('webhook.ping');

  s.step = 'a refresh keeps what was shown below the newest deliveries';
  for (let i = 0; i < 20; i++) expect((await tenant.admin.post(api(`/webhooks/${hook.id}/ping`))).status).toBe(202);
  await drawer.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => rows.count()).toBe(23);
  await drawer.getByRole('button', { name: 'Close' }).click();

  s.step = 'opened again, the log shows its newest page; older deliveries page in below';
  await hookRow.getByRole('button', { name: 'Deliveries' }).click();
  await expect.poll(() => rows.count()).toBe(20);
  await drawer.getByRole('button', { name: 'Older deliveries' }).click();
  await expect.poll(() => rows.count()).toBe(23);
  await rows.last().getByText('Record created · record.created').waitFor();
  await expect.poll(() => drawer.getByRole('button', { name: 'Older deliveries' }).count()).toBe(0);
  await drawer.getByRole('button', { name: 'Close' }).click();

  s.step = 'pause the webhook: new leads are not sent; resume it';
  await hookRow.getByRole('switch', { name: `Active: ${receiverUrl}` }).click();
  await hookRow.getByText('Paused').waitFor();
  expect((await tenant.admin.get(api('/webhooks'))).body.data[0].active).toBe(false);
  await tenant.admin.post(api('/records/lead'), { name: 'While paused' });
  expect((await tenant.admin.get(api(`/webhooks/${hook.id}/deliveries?limit=500`))).body.data).toHaveLength(23);
  // A redelivery asked while paused is held, and the event cannot be redelivered again until it has gone out.
  await hookRow.getByRole('button', { name: 'Deliveries' }).click();
  await expect.poll(() => rows.count()).toBe(20);
  await drawer.getByRole('button', { name: 'Older deliveries' }).click();
  await expect.poll(() => rows.count()).toBe(23);
  await rows.last().getByRole('button', { name: 'Redeliver' }).click();
  await page.locator('.ant-message-notice', { hasText: 'Queued again as a new delivery' }).last().waitFor();
  await expect.poll(() => rows.count()).toBe(24);
  await rows.first().getByText('Held').waitFor();
  await rows.first().getByText('The webhook is paused: sent once it is resumed').waitFor();
  expect(await rows.last().getByRole('button', { name: 'Redeliver' }).isDisabled()).toBe(true);
  expect(await rows.first().getByRole('button', { name: 'Redeliver' }).isDisabled()).toBe(true);
  await screenshot(page, 'studio-integrations-held');
  await drawer.getByRole('button', { name: 'Close' }).click();
  expect(received).toHaveLength(23);
  await hookRow.getByRole('switch', { name: `Active: ${receiverUrl}` }).click();
  await hookRow.getByText('Active', { exact: true }).waitFor();
  expect((await tenant.admin.get(api('/webhooks'))).body.data[0].active).toBe(true);
  // Resumed: the held redelivery goes out.
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(24);
  expect(JSON.parse(received[23]!.body)).toMatchObject({ redeliveryOf: event.id, record: { name: 'Peninsula Shanghai' } });

  s.step = 'give the webhook a new signing secret, after confirming: shown once, and what is sent next is signed with it';
  await hookRow.getByRole('button', { name: 'New secret' }).click();
  const rotate = page.locator('.ant-popconfirm', { hasText: 'The current one stops working at once' });
  await clickUntil(rotate.getByRole('button', { name: 'New secret' }), popconfirmDone(rotate));
  const rotatedDialog = page.getByRole('dialog', { name: 'New signing secret' });
  const newSecret = (await rotatedDialog.getByTestId('one-time-secret').innerText()).trim();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(secret);
  await pressUntil(rotatedDialog.getByRole('button', { name: 'I have copied it' }), rotatedDialog, 'hidden');
  await rotatedDialog.waitFor({ state: 'detached' });
  const sentBefore = received.length;
  await hookRow.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(sentBefore + 1);
  const afterRotation = received[sentBefore]!;
  const rotatedAt = Number(/t=(\d+)/.exec(String(afterRotation.headers['x-shoal-signature']))![1]);
  expect(afterRotation.headers['x-shoal-signature']).toBe(signPayload(newSecret, rotatedAt, afterRotation.body));
  await page.locator('.ant-drawer-open').getByRole('button', { name: 'Close' }).click();

  s.step = 'revoke the key, after confirming: it stops working at once';
  await page.getByRole('tab', { name: 'API keys' }).click();
  await erp.getByRole('button', { name: 'Revoke ERP sync' }).click();
  const confirm = page.locator('.ant-popconfirm', { hasText: 'Revoke “ERP sync”? Whatever uses it stops working at once.' });
  await clickUntil(confirm.getByRole('button', { name: 'Revoke' }), popconfirmDone(confirm));
  await page.locator('.ant-message-notice', { hasText: 'Key “ERP sync” revoked' }).waitFor();
  await erp.waitFor({ state: 'detached' });
  expect((await keyClient.get(api('/me'))).status).toBe(401);
  await page.getByRole('row', { name: /Ben’s spreadsheet/ }).waitFor();

  s.step = 'the same screen in Chinese';
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('menuitem', { name: '集成' }).waitFor();
  await page.getByRole('tab', { name: 'API 密钥' }).waitFor();
  await page.getByRole('columnheader', { name: '创建人' }).waitFor();
  await page.getByRole('row', { name: /Ben’s spreadsheet/ }).getByText('创建者的全部角色').waitFor();
  await page.getByRole('tab', { name: 'Webhook' }).click();
  await page.getByRole('row', { name: new RegExp(receiverUrl) }).getByText('记录创建 · record.created').waitFor();
  await page.getByRole('button', { name: '投递记录' }).click();
  await page.locator('.ant-drawer-open').getByText('已送达').first().waitFor();
  await screenshot(page, 'studio-integrations-zh');
  expect(s.problems).toEqual([]);
}), 240_000);

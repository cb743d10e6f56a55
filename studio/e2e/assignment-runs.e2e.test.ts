import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenant({ template: 'hotel', sampleData: true }) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('previews a live rule by record title, shows its state and next run, runs it on request, and logs the run with who ran it', () => recorded(session!, 'studio-rule-runs', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const me = (await tenant.admin.get(api('/me'))).body as { name: string };

  s.step = 'open the rule: active, a next run on its schedule, no runs yet';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/rules/eastChinaNewHotels`);
  await signIn(s);
  const panel = page.getByTestId('rule-runs');
  await panel.getByText('No runs yet').waitFor();
  await panel.getByText('Active', { exact: true }).waitFor();
  const next = (await tenant.admin.get(api('/assignment-rules'))).body.data.find((r: { key: string }) => r.key === 'eastChinaNewHotels').nextRunAt as string;
  expect(next).toEqual(expect.any(String));
  expect(await panel.textContent()).toContain(new Date(next).toLocaleString('en'));

  s.step = 'a dry run first: what it would give, by record title and person';
  await page.getByRole('button', { name: 'Run dry run' }).click();
  const allocations = page.getByTestId('dry-run-allocations').locator('.ant-table-tbody tr.ant-table-row');
  await allocations.first().waitFor();
  const first = allocations.first().locator('td').first();
  const recordId = (await first.locator('span').getAttribute('title'))!;
  const lead = (await tenant.admin.get(api(`/records/lead/${recordId}`))).body as { name: string };
  await expect.poll(() => first.textContent()).toBe(lead.name);

  s.step = 'run it now, after confirming';
  await panel.getByRole('button', { name: 'Run now' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Run now' }).click();
  const toast = page.locator('.ant-message-notice', { hasText: /^Assigned \d+; \d+ left unassigned$/ });
  await toast.waitFor();
  const assigned = Number(/Assigned (\d+)/.exec((await toast.textContent())!)![1]);

  s.step = 'the run is in the log, by the admin, with what it assigned';
  const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(1);
  const cells = await rows.first().locator('td').allTextContents();
  expect(cells[1]).toBe(me.name);
  expect(Number(cells[4])).toBe(assigned);
  const log = (await tenant.admin.get(api('/assignment-rules/eastChinaNewHotels/runs'))).body.data;
  expect(log).toMatchObject([{ trigger: 'manual', allocations: assigned }]);
  await screenshot(page, 'studio-rule-runs');
}), 120_000);

it('names every receiver of a dry run, however many people the tenant has', () => recorded(session!, 'studio-dry-run-names', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  // 120 people whose names sort first: the rule's receivers are no longer among the first 100 users.
  for (let i = 0; i < 120; i++) {
    expect((await tenant.admin.post(api('/users'), { name: `Aaa Filler ${String(i).padStart(3, '0')}`, email: `filler${i}@fill.test`, roles: ['bd'] })).status).toBe(201);
  }
  const firstPage = (await tenant.admin.get(api('/users'))).body.data.map((u: { id: string }) => u.id);
  const dry = (await tenant.admin.post(api('/assignment-rules/eastChinaNewHotels/run'), { dryRun: true })).body;
  const receivers = Object.keys(dry.stats.perUser);
  expect(receivers.length).toBeGreaterThan(0);
  expect(receivers.filter((id) => firstPage.includes(id))).toEqual([]);
  const names = await Promise.all(receivers.map(async (id) => (await tenant.admin.get(api(`/users/${id}`))).body.name as string));

  s.step = 'dry run in the rule editor: the receivers by name';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/rules/eastChinaNewHotels`);
  await page.getByRole('button', { name: 'Run dry run' }).click();
  const rows = page.getByTestId('dry-run-per-user').locator('.ant-table-tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(Math.min(receivers.length, 20));
  const shown = await rows.locator('td:first-child').allTextContents();
  expect(shown.every((name) => names.includes(name))).toBe(true);
  await screenshot(page, 'studio-dry-run-names');
  expect(s.problems).toEqual([]);
}), 120_000);

it('gives a condition on a user attribute its row once the tenant\'s attributes have loaded', () => recorded(session!, 'studio-attribute-row', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  expect((await tenant.admin.post(api('/users'), { name: 'Zhou East', email: 'zhou@east.test', roles: ['bd'], attributes: { team: 'east' } })).status).toBe(201);
  const draft = (await tenant.admin.get(api('/meta/draft'))).body.document;
  draft.assignmentRules.eastChinaNewHotels.users.where = { roles: 'bd', 'attributes.team': 'east' };
  expect((await tenant.admin.put(api('/meta/draft'), { document: draft })).status).toBe(200);
  const published = await tenant.admin.post(api('/meta/publish'), {});
  expect(published.status, published.text).toBe(200);

  s.step = 'the people (and so their attribute keys) arrive after the rule is shown';
  await page.route((url) => url.pathname === api('/users'), async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/rules/eastChinaNewHotels`);
  await page.getByText('Personnel recall', { exact: true }).waitFor();
  await page.getByText('Attribute team', { exact: true }).first().waitFor({ timeout: 10_000 });
  expect(await page.getByText('Shown as JSON (no row form for this condition)').count()).toBe(0);
  await page.unroute((url) => url.pathname === api('/users'));
  await screenshot(page, 'studio-attribute-row');
  expect(s.problems).toEqual([]);
}), 120_000);

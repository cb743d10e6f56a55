import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, desktop, expectToast, newContext, phone, pickOption, setTicked, signIn } from './e2e-helpers.ts';

/**
 * The food-delivery demo's lists as a sales manager, an operator and a BD use them: views one
 * can edit and read, columns of one's choosing, CSV out and in, several leads assigned at once
 * with each BD's load in sight, cards sorted on a phone, and every notice of a sweep listed.
 */
describe('lists for managers and operators (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  let users: Map<string, { id: string; name: string }>;
  const api = () => `/api/t/${tenant.slug}`;

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenant({ template: 'food-delivery', sampleData: true });
    const listed = await tenant.admin.get(`${api()}/users`);
    users = new Map((listed.body.data as Array<{ id: string; email: string; name: string }>).map((u) => [u.email, u]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  async function open(size: typeof desktop | typeof phone, email: string, name: string): Promise<Page> {
    const context = await newContext(browser, ctx.server.url, { locale: 'en-US', size });
    // The template speaks Chinese by default; these checks read the English words.
    await context.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-manager-lists-${name}`).catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/`);
    await signIn(page, email, 'shoal-demo');
    return page;
  }

  const headers = (page: Page) => page.locator('#main .ant-table-thead th').allTextContents();
  /** What the server counts `userId` as holding in the restaurant pool (the assign dialog shows it). */
  const held = async (userId: string) => {
    const holdings = (await tenant.admin.get(`${api()}/pools/restaurantPool/holdings`)).body as { data: Array<{ userId: string; held: number }> };
    return holdings.data.find((row) => row.userId === userId)?.held ?? 0;
  };
  const total = async (page: Page) => Number((await page.locator('.shoal-page-head').textContent())!.match(/(\d+) records?/)![1]);

  it('manager: a personal view’s filter and columns can be changed and saved; a shared view says its own conditions; the team board names owners', async () => {
    const page = await open(desktop, 'manager@food.demo', 'views');
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const all = await total(page);
    // Priorities read alike: Low is a (grey) tag beside the coloured High and Medium.
    const priorities = await page.locator('#main .ant-table-tbody td').filter({ hasText: /^(High|Medium|Low)$/ }).evaluateAll((cells) => cells.map((c) => `${c.textContent}:${!!c.querySelector('.ant-tag')}`));
    expect(priorities.some((p) => p.startsWith('Low'))).toBe(true);
    expect(priorities.filter((p) => p.endsWith(':false'))).toEqual([]);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Condition' }).click();
    await pickOption(page, '[aria-label="Field"]', 'Priority', { type: true });
    await pickOption(page, '[aria-label="Priority: Value"]', 'High');
    await expect.poll(() => total(page)).toBeLessThan(all);
    const high = await total(page);
    await page.getByRole('button', { name: 'Save as my view' }).click();
    await page.getByLabel('View name').fill('Hot leads');
    await page.keyboard.press('Enter');
    await page.locator('#list-title', { hasText: 'Hot leads' }).waitFor();
    expect(page.url()).toContain('view=my%3A');

    // The view's filter is there to change (it used to vanish into the view: "No conditions").
    await page.getByRole('button', { name: 'Filter' }).click();
    const fieldSelect = page.locator('.ant-select').filter({ has: page.locator('[aria-label="Field"]') });
    await expect.poll(() => fieldSelect.first().textContent()).toBe('Priority');
    expect(await page.locator('#main').textContent()).not.toContain('No conditions');
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);

    // Columns of one's choosing, kept with the view.
    expect(await headers(page)).toContain('Restaurant');
    await page.getByRole('button', { name: 'Columns' }).click();
    const columns = page.getByRole('group', { name: 'Columns' });
    await setTicked(columns.getByRole('checkbox', { name: 'Restaurant' }), false);
    await setTicked(columns.getByRole('checkbox', { name: 'Expected monthly GMV' }), true);
    await page.keyboard.press('Escape');
    await expect.poll(() => headers(page)).not.toContain('Restaurant');
    expect(await headers(page)).toContain('Expected monthly GMV');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectToast(page, 'View saved');
    await artifact(page, 'desktop-manager-personal-view');
    await page.reload();
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await headers(page)).not.toContain('Restaurant');
    expect(await headers(page)).toContain('Expected monthly GMV');
    expect(await total(page)).toBe(high);
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);

    // A shared view's own conditions, in words (not "$user.id").
    await page.goto(`/app/${tenant.slug}/o/lead?view=teamUnvisited`);
    await page.getByRole('button', { name: 'Filter' }).click();
    const own = page.getByRole('group', { name: 'This view’s own conditions' });
    await expect.poll(() => own.textContent()).toContain('Owner · attribute team is my attribute team');
    expect(await own.textContent()).toContain('Claimed < now − 5 days');
    expect(await own.textContent()).toContain('Any of: Last visit is empty; Last visit < now − 5 days');
    expect(await own.textContent()).not.toContain('$user');
    // The demo's team has such leads: the view is not empty, as one by hold expiry was (a lead goes back for want of a visit or a win long before).
    await expect.poll(() => total(page)).toBeGreaterThan(0);

    // The team's board: whose lead, and what it is worth.
    await page.goto(`/app/${tenant.slug}/o/lead?view=teamPipeline`);
    const card = page.locator('[aria-roledescription="card"]').first();
    await card.waitFor();
    expect(await card.textContent()).toContain('Owner:');
    expect(await card.textContent()).toContain('Expected monthly GMV:');
    await artifact(page, 'desktop-manager-team-board');
    await page.context().close();
  }, 120_000); // a long walk: it took 69 s in a CI run on a machine five times as loaded as usual

  it('manager, by keyboard in English: a new condition takes the focus, the view dialog names a view each time it opens, an empty form says which field is required and goes there', async () => {
    const page = await open(desktop, 'manager@food.demo', 'keyboard');
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const all = await total(page);
    await page.getByRole('button', { name: 'Filter' }).click();
    // Enter on + Condition: the new row's field choice has the focus; typing picks a field.
    await page.getByRole('button', { name: 'Condition' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Field');
    await page.keyboard.type('Priority');
    // Enter once the list has narrowed to it (typed into a select still opening, it had not yet).
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: /^Priority$/ }).waitFor();
    await page.keyboard.press('Enter');
    await pickOption(page, '[aria-label="Priority: Value"]', 'High');
    await expect.poll(() => total(page)).toBeLessThan(all);
    expect(await page.locator('[aria-label="Field"]').count()).toBe(1);

    // The view dialog: opened, closed with Esc, opened again — the name box has the focus both times.
    const saveView = page.getByRole('button', { name: 'Save as my view' });
    await saveView.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('View name');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await saveView.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('View name');
    await page.keyboard.type('Keyboard view');
    await page.keyboard.press('Enter');
    await page.locator('#list-title', { hasText: 'Keyboard view' }).waitFor();

    // On Shanghai's clock, as the workspace is, the header has no zone to point out.
    expect(await page.locator('.shoal-zone-note').count()).toBe(0);
    // An empty new lead: the form says first where a new lead goes; the first required field says
    // what is missing in a sentence, and has the focus.
    await page.goto(`/app/${tenant.slug}/o/lead/new`);
    await page.locator('#create-title').waitFor();
    await page.getByText('goes to the public pool: it is yours once you claim it, and others may claim it first.').waitFor();
    await page.getByRole('button', { name: 'Create' }).click();
    const nameLabel = (await page.locator('label[for="root_name"]').textContent())!.trim();
    await page.locator('.ant-form-item-explain-error', { hasText: `${nameLabel} is required` }).first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('root_name');
    await page.context().close();
  });

  it('BD, by keyboard: a lead claimed from the public pool leaves it, and the focus goes on to the next lead\'s Claim', async () => {
    const page = await open(desktop, 'bd1@food.demo', 'claim-focus');
    await page.goto(`/app/${tenant.slug}/pools/restaurantPool/public`);
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    await rows.nth(1).waitFor();
    // The lead's name is its row's link (the row starts with its tick box: BDs claim several at once too).
    const title = (row: typeof rows) => row.locator('a').first().textContent();
    const first = (await title(rows.first()))!;
    // Each row's Claim says which lead it claims, to a screen reader too.
    const claim = rows.first().getByRole('button', { name: /^Claim / });
    expect(await claim.getAttribute('aria-label')).toBe(`Claim ${first}`);
    await claim.focus();
    await page.keyboard.press('Enter');
    await expectToast(page, 'Claimed');
    await expect.poll(() => title(rows.first())).not.toBe(first);
    const next = (await title(rows.first()))!;
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Claim');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Claim ${next}`);
    expect(await rows.first().evaluate((row) => row.contains(document.activeElement))).toBe(true);
    await page.context().close();
  });

  it('operator: starts at the records, exports a view as CSV with the columns on screen (a refusal said in words, in the app), imports a CSV with a refused row named by its row number', async () => {
    const page = await open(desktop, 'operator@food.demo', 'csv');
    // Work orders reach pool members only: the operator's start is the first list, not an empty queue.
    await expect.poll(() => page.url()).toMatch(/\/o\/restaurant$/);

    await page.goto(`/app/${tenant.slug}/o/restaurant?view=busyRestaurants`);
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const busy = await total(page);
    // Five columns of the operator's choosing, in an order of theirs: the file has those, in that order.
    await page.getByRole('button', { name: 'Columns' }).click();
    const columns = page.getByRole('group', { name: 'Columns' });
    await setTicked(columns.getByRole('checkbox', { name: 'Cuisine', exact: true }), false);
    await setTicked(columns.getByRole('checkbox', { name: 'Rating', exact: true }), false);
    await setTicked(columns.getByRole('checkbox', { name: 'Owner', exact: true }), true);
    await columns.getByRole('button', { name: 'Owner ↑' }).click();
    await page.keyboard.press('Escape');
    const shown = ['Name', 'City', 'Average order value', 'Owner', 'Orders / month'];
    await expect.poll(async () => (await headers(page)).filter(Boolean)).toEqual(shown);
    const firstNames = await page.locator('#main .ant-table-tbody tr.ant-table-row').evaluateAll((rows) => rows.map((row) => row.querySelector('a')?.textContent ?? ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^restaurant-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(page.url()).toContain('view=busyRestaurants');
    const csv = readFileSync((await download.path())!, 'utf8');
    // UTF-8 with a byte-order mark (Excel reads Chinese right), written for people in the reader's
    // language (English here, in a Chinese tenant): columns and cities by label, not keys; each
    // record's id and version first, which an import of the file back updates by.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(['ID', 'Version', ...shown]);
    expect(rows.map((r) => r[2]).join('\n')).not.toMatch(/^(beijing|shanghai|hangzhou|guangzhou|shenzhen)$/m);
    // The view's filter and order: as many rows as it counts, the busiest first, as on screen.
    expect(rows).toHaveLength(busy);
    expect(rows.slice(0, firstNames.length).map((r) => r[2])).toEqual(firstNames);

    // A refusal or a proxy's page is a message in the reader's words; the list stays.
    const problem = (status: number, code: string) => JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail: 'Sign in first' });
    await page.route('**/records/restaurant/export.csv*', (route) => route.fulfill({ status: 401, contentType: 'application/problem+json', body: problem(401, 'unauthenticated') }));
    await page.getByRole('button', { name: 'Export' }).click();
    await expectToast(page, 'The export failed: Your session has ended; sign in again');
    await page.unroute('**/records/restaurant/export.csv*');
    await page.route('**/records/restaurant/export.csv*', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>' }));
    await page.getByRole('button', { name: 'Export' }).click();
    await expectToast(page, 'The export failed: The server cannot be reached right now; try again shortly');
    expect(page.url()).toContain('view=busyRestaurants');
    expect(await page.locator('#list-title').textContent()).toBe('Busy restaurants');
    expect(await page.locator('#main').textContent()).not.toContain('Service Temporarily Unavailable');
    await page.unroute('**/records/restaurant/export.csv*');

    await page.goto(`/app/${tenant.slug}/o/restaurant`);
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const before = await total(page);
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'Import Restaurants from a CSV file' });
    await dialog.waitFor();
    const file = '门店名称,城市,品类,评分\nE2E Noodle Bar,上海,面食饺子,4.5\nE2E Grill,Beijing,bbq,9\n';
    await dialog.locator('input[type=file]').setInputFiles({ name: 'restaurants.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Import' }).click();
    await dialog.getByText('Done: 1 added, 0 updated').waitFor({ timeout: 30_000 });
    expect(await dialog.textContent()).toContain('1 row was not imported');
    // The field by its label, the problem in words (the server says rating: must be <= 5).
    expect(await dialog.textContent()).toContain('Row 3: Rating must be at most 5');
    await artifact(page, 'desktop-operator-import');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => total(page)).toBe(before + 1);
    await page.context().close();
  }, 120_000); // columns, a download, two refusals and an import: 73 s alone on a machine running another build

  it('manager: assigns two public leads at once seeing each BD’s load, and re-assigns a held lead from the leads list', async () => {
    const page = await open(desktop, 'manager@food.demo', 'bulk-assign');
    const bd2 = users.get('bd2@food.demo')!;
    const bd3 = users.get('bd3@food.demo')!;
    await page.goto(`/app/${tenant.slug}/pools/restaurantPool/public`);
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const picked = [await rows.nth(0).locator('a').first().textContent(), await rows.nth(1).locator('a').first().textContent()];
    await setTicked(rows.nth(0).locator('.ant-checkbox-input'), true);
    await setTicked(rows.nth(1).locator('.ant-checkbox-input'), true);
    await page.getByRole('region', { name: '2 selected' }).waitFor();
    await page.getByRole('button', { name: 'Assign…' }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'Assign 2 records' });
    await assignTo(page, dialog, bd2.name, await held(bd2.id));
    await expectToast(page, `2 assigned to ${bd2.name}`);
    await expect.poll(async () => (await rows.allTextContents()).some((t) => picked.some((name) => t.includes(name!)))).toBe(false);
    const theirs = await tenant.admin.get(`${api()}/records/lead?where=${encodeURIComponent(JSON.stringify({ name: { $in: picked } }))}`);
    expect(theirs.body.data.map((r: { owner: string }) => r.owner)).toEqual([bd2.id, bd2.id]);

    // Re-assign one of them from the leads list.
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await page.getByPlaceholder('Search leads by name').fill(picked[0]!);
    await page.keyboard.press('Enter');
    const row = page.locator('#main .ant-table-tbody tr.ant-table-row', { hasText: picked[0]! });
    await expect.poll(() => page.locator('#main .ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await row.textContent()).toContain(bd2.name);
    await setTicked(row.locator('.ant-checkbox-input'), true);
    await page.getByRole('button', { name: 'Assign…' }).click();
    await assignTo(page, page.locator('.ant-modal', { hasText: 'Assign 1 record' }), bd3.name, await held(bd3.id));
    await expectToast(page, `1 assigned to ${bd3.name}`);
    await expect.poll(() => row.textContent()).toContain(bd3.name);
    // Again to the same person: nothing to do, and no "changed meanwhile" error.
    await setTicked(row.locator('.ant-checkbox-input'), true);
    await page.getByRole('button', { name: 'Assign…' }).click();
    await assignTo(page, page.locator('.ant-modal', { hasText: 'Assign 1 record' }), bd3.name, await held(bd3.id));
    await expectToast(page, `Already with ${bd3.name}`);
    expect(await page.locator('#main [role="alert"]').count()).toBe(0);
    await artifact(page, 'desktop-manager-reassigned');
    await page.context().close();
  });

  it('on a phone: cards can be sorted, decimals read with their scale (4.0, not 4), and the public pool shows leads before its filter', async () => {
    const page = await open(phone, 'operator@food.demo', 'phone-sort');
    await page.goto(`/app/${tenant.slug}/o/restaurant`);
    const cards = page.locator('#main .shoal-card-list > .ant-card');
    await cards.first().waitFor();
    const firstRating = () => cards.first().locator('.shoal-card-row', { hasText: 'Rating' }).textContent();
    const ranked = async (order: string) => ((await tenant.admin.get(`${api()}/records/restaurant?orderBy=${order}&limit=1`)).body.data[0].rating as number).toFixed(1);
    // The list starts busiest first (descending): picking Rating keeps the direction.
    await pickOption(page, '[aria-label="Sort"]', 'Rating');
    await expect.poll(firstRating).toBe(`Rating${await ranked('-rating')}`);
    await artifact(page, 'phone-sorted-cards');
    await page.getByRole('button', { name: 'descending' }).click();
    await page.getByRole('button', { name: 'ascending' }).waitFor();
    await expect.poll(firstRating).toBe(`Rating${await ranked('rating')}`);
    await page.context().close();

    // A BD's public pool on a phone starts with the leads, the filter a tap away.
    const bd = await open(phone, 'bd1@food.demo', 'phone-pool');
    await bd.goto(`/app/${tenant.slug}/pools/restaurantPool/public`);
    await bd.locator('#main .shoal-card-list > .ant-card').first().waitFor();
    expect(await bd.getByText('No conditions: every record matches').count()).toBe(0);
    const top = (await bd.locator('#main .shoal-card-list > .ant-card').first().boundingBox())!;
    expect(top.y).toBeLessThan(phone.viewport.height / 3);
    await bd.getByRole('button', { name: 'Filter' }).click();
    await bd.getByText('No conditions: every record matches').waitFor();
    await bd.context().close();
  });

  it('BD: my pool says how many I hold against the limit, a won lead offers no Extend, and a lead’s restaurant is a link', async () => {
    const bd1 = users.get('bd1@food.demo')!;
    const held = await tenant.admin.post(`${api()}/records/lead/query`, { where: { owner: bd1.id, poolState: 'private', stage: { $ne: 'onboarded' } }, limit: 1, count: true });
    const page = await open(desktop, 'bd1@food.demo', 'my-pool');
    await page.goto(`/app/${tenant.slug}/pools/restaurantPool/mine`);
    await page.locator('#main', { hasText: `You hold ${held.body.total} of 150` }).waitFor();
    const due = page.locator('#main .ant-table-tbody tr.ant-table-row', { hasText: 'Back in the pool in' }).first();
    await due.waitFor();
    expect(await due.getByRole('button', { name: 'Extend' }).count()).toBe(1);
    await artifact(page, 'desktop-bd-my-pool');
    // A won lead, found by its name: the list goes by what is released first, so won ones, never
    // released, come last, past the first page when the BD holds 50 others (CI failed so once).
    // The demo's random data may give bd1 none (a CI run met that once): then one is brought in
    // won by the administrator (who may create at any stage) and assigned to them.
    let wonLead = (await tenant.admin.post(`${api()}/records/lead/query`, { where: { owner: bd1.id, poolState: 'private', stage: 'onboarded' }, limit: 1, fields: ['name'] })).body.data[0] as { name: string } | undefined;
    if (!wonLead) {
      const restaurantId = (await tenant.admin.post(`${api()}/records/restaurant/query`, { limit: 1, fields: ['id'] })).body.data[0].id as string;
      const created = await tenant.admin.post(`${api()}/records/lead`, { name: '已上线的老客户', restaurant: restaurantId, stage: 'onboarded' });
      expect(created.status, created.text).toBe(201);
      const assigned = await tenant.admin.post(`${api()}/pools/restaurantPool/assign`, { id: created.body.id, userId: bd1.id });
      expect(assigned.status, assigned.text).toBe(200);
      wonLead = { name: created.body.name as string };
    }
    await page.getByPlaceholder('Search leads by name').fill(wonLead.name);
    await page.keyboard.press('Enter');
    const won = page.locator('#main .ant-table-tbody tr.ant-table-row', { hasText: wonLead.name }).first();
    await won.getByText('Won: never released automatically').waitFor();
    expect(await won.getByRole('button', { name: 'Release' }).count()).toBe(1);
    expect(await won.getByRole('button', { name: 'Extend' }).count()).toBe(0);
    await page.getByPlaceholder('Search leads by name').fill('');
    await page.keyboard.press('Enter');
    // The restaurant beside a lead opens the restaurant.
    const restaurant = due.locator('a[href*="/o/restaurant/"]');
    const restaurantName = (await restaurant.textContent())!;
    await restaurant.click();
    await page.locator('#record-title', { hasText: restaurantName }).waitFor();
    await page.context().close();
  });

  it('BD: every notice of a sweep is listed, also past the first page (they share one instant)', async () => {
    const bd1 = users.get('bd1@food.demo')!;
    const open35 = await tenant.admin.get(`${api()}/pools/restaurantPool/public?limit=35&fields=id`);
    for (const lead of open35.body.data as Array<{ id: string }>) {
      const assigned = await tenant.admin.post(`${api()}/pools/restaurantPool/assign`, { id: lead.id, userId: bd1.id, force: true });
      expect(assigned.status, assigned.text).toBe(200);
    }
    // A sweep that releases runs as of now: the server's clock moves 90 days on for it.
    ctx.setNow(new Date(Date.now() + 90 * 86400_000));
    const swept = await tenant.admin.post(`${api()}/pools/restaurantPool/sweep`, {});
    ctx.setNow(null);
    expect(swept.body.released).toBeGreaterThan(35);
    const bd = await ctx.login(tenant.slug, 'bd1@food.demo', 'shoal-demo');
    const all = (await bd.get(`${api()}/notifications?limit=200`)).body.data as unknown[];
    expect(all.length).toBeGreaterThan(60);

    const page = await open(desktop, 'bd1@food.demo', 'notifications');
    await page.goto(`/app/${tenant.slug}/notifications`);
    const items = page.locator('#main .ant-list-item');
    await items.first().waitFor();
    // "Load more" (it also loads by itself once scrolled into view) until all are there.
    await expect.poll(async () => {
      const more = page.getByRole('button', { name: 'Load more' });
      if (await more.count()) await more.click({ timeout: 2000 }).catch(() => undefined);
      return page.getByText('All loaded').count();
    }, { timeout: 30_000 }).toBe(1);
    expect(await items.count()).toBe(all.length);

    // The newest page read, older ones not: "Mark all read" still has work to do.
    const newest = (all as Array<{ id: string }>).slice(0, 30).map((n) => n.id);
    expect((await bd.post(`${api()}/notifications/read`, { ids: newest })).status).toBe(200);
    await page.reload();
    await items.first().waitFor();
    const markAll = page.getByRole('button', { name: 'Mark all read' });
    await expect.poll(() => markAll.isEnabled()).toBe(true);
    await markAll.click();
    await expect.poll(() => markAll.isEnabled()).toBe(false);
    expect((await bd.get(`${api()}/notifications?unread=true&limit=1`)).body.unread).toBe(0);
    await page.context().close();
  });
});


/**
 * Picks a person in an assign dialog and confirms. Their load is beside their name: `held`, what
 * the server counts as they are now (not what the dialog showed the last time it opened).
 */
async function assignTo(page: Page, dialog: ReturnType<Page['locator']>, name: string, held: number): Promise<void> {
  await dialog.waitFor();
  const assign = dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Assign' });
  await dialog.locator('#assign-user').click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: name }).first();
  await expect.poll(() => option.textContent()).toContain(`holds ${held} of 150`);
  await page.keyboard.press('Escape');
  await pickOption(page, dialog.locator('#assign-user'), name, { contains: true });
  await expect.poll(() => assign.isEnabled()).toBe(true);
  await assign.click();
}

import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, desktop, expectToast, listedTitles, newContext, phone, pickOption, setTicked, signIn } from './e2e-helpers.ts';

/**
 * The hotel demo's lists and pools as the people who open them see them: a BD on a phone gets
 * cards as wide as the screen with Claim, Extend and Release in reach; a lost lead's stage bar
 * does not claim it was signed; someone outside the pool who opens its address gets one plain
 * "no access" page, whether the app knows it up front or only the server does.
 */
describe('pool lists and access (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  const api = () => `/api/t/${tenant.slug}`;

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenant({ template: 'hotel', sampleData: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  async function open(size: typeof desktop | typeof phone, email: string, password = 'shoal-demo', slug = tenant.slug): Promise<Page> {
    const context = await newContext(browser, ctx.server.url, { locale: 'en-US', size });
    // The hotel template speaks Chinese by default; these checks read the English words.
    await context.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-pool-lists-${email.split('@')[0]}`).catch(() => undefined); });
    await page.goto(`/app/${slug}/`);
    await signIn(page, email, password);
    return page;
  }

  /** The right edges of the list's cards, and how wide the page scrolls. */
  async function cardExtent(page: Page): Promise<{ cards: number; right: number; scrollWidth: number }> {
    await page.locator('#main .shoal-card-list > .ant-card').first().waitFor();
    return page.evaluate(() => {
      const cards = [...document.querySelectorAll('#main .shoal-card-list > .ant-card')];
      return {
        cards: cards.length,
        right: Math.max(...cards.map((c) => c.getBoundingClientRect().right)),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
  }

  async function expectOnScreen(button: Locator): Promise<void> {
    await button.waitFor();
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(phone.viewport.width);
  }

  it('BD on a phone: pool and lead cards fit the screen, and Claim, Extend and Release are in reach', async () => {
    const page = await open(phone, 'bd1@hotel.demo');
    const width = phone.viewport.width;
    for (const path of ['pools/leadPool/public', 'pools/leadPool/mine', 'o/lead']) {
      await page.goto(`/app/${tenant.slug}/${path}`);
      const extent = await cardExtent(page);
      expect(extent.cards, path).toBeGreaterThan(1);
      expect(extent.right, path).toBeLessThanOrEqual(width);
      expect(extent.scrollWidth, path).toBeLessThanOrEqual(width);
    }
    await artifact(page, 'phone-lead-cards');

    await page.goto(`/app/${tenant.slug}/pools/leadPool/mine`);
    const held = page.locator('#main .shoal-card-list > .ant-card').first();
    await expectOnScreen(held.getByRole('button', { name: 'Extend' }));
    await expectOnScreen(held.getByRole('button', { name: 'Release' }));
    await artifact(page, 'phone-my-pool');

    await page.goto(`/app/${tenant.slug}/pools/leadPool/public`);
    const card = page.locator('#main .shoal-card-list > .ant-card').first();
    const name = (await card.locator('.ant-card-head a').textContent())!;
    const claim = card.getByRole('button', { name: 'Claim' });
    await expectOnScreen(claim);
    await artifact(page, 'phone-public-pool');
    await claim.click();
    await expectToast(page, 'Claimed');
    await expect.poll(() => page.locator('#main .shoal-card-list .ant-card-head a').allTextContents()).not.toContain(name);
    await page.context().close();
  });

  it('a lost lead: the stage bar marks Lost as the end, not Signed or stages it never reached as done', async () => {
    const lost = await tenant.admin.get(`${api()}/records/lead?where=${encodeURIComponent(JSON.stringify({ stage: 'lost' }))}&limit=1`);
    const id = lost.body.data[0].id as string;
    // Another's history: created New, moved on to Contacted, then lost; Negotiating and Signed never reached.
    const reached = (await tenant.admin.post(`${api()}/records/lead`, { name: 'Lost after contact', hotel: lost.body.data[0].hotel })).body;
    const move = (body: Record<string, unknown>) => tenant.admin.post(`${api()}/records/lead/${reached.id}/transition`, body);
    expect((await move({ to: 'contacted', values: { contactName: '王芳', contactPhone: '13800138000' } })).status).toBe(200);
    expect((await move({ to: 'lost', note: 'Chose a competitor' })).status).toBe(200);

    const page = await open(desktop, 'admin@hotel.demo');
    const steps = async (leadId: string) => {
      await page.goto(`/app/${tenant.slug}/o/lead/${leadId}`);
      // The stage bar's steps (the history beside it is drawn with steps too).
      const items = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^Stage$/ }) }).locator('.ant-steps-item');
      await items.last().waitFor();
      return items.evaluateAll((nodes) => nodes.map((n) => {
        const status = ['finish', 'process', 'wait', 'error'].find((s) => n.classList.contains(`ant-steps-item-${s}`));
        return `${n.querySelector('.ant-steps-item-title')?.textContent ?? ''}:${status}`;
      }));
    };
    // A demo lead was lost from some open stage (its history says which): the stages up to that one are done.
    const history = (await tenant.admin.get(`${api()}/records/lead/${id}/history?limit=500`)).body.data as Array<{ changes: { stage?: [string | null, string] } }>;
    const lostFrom = history.find((h) => h.changes.stage?.[1] === 'lost')!.changes.stage![0]!;
    const openStages = [['new', 'New'], ['contacted', 'Contacted'], ['confirmed', 'Needs confirmed'], ['negotiating', 'Negotiating']];
    const upTo = openStages.findIndex(([key]) => key === lostFrom);
    expect(upTo).toBeGreaterThanOrEqual(0);
    await expect.poll(() => steps(id)).toEqual([...openStages.map(([, name], i) => `${name}:${i <= upTo ? 'finish' : 'wait'}`), 'Signed:wait', 'Lost:error']);
    await expect.poll(() => steps(reached.id)).toEqual(['New:finish', 'Contacted:finish', 'Needs confirmed:wait', 'Negotiating:wait', 'Signed:wait', 'Lost:error']);
    await artifact(page, 'desktop-lost-lead-stage-bar');
    await page.context().close();
  });

  /** What a list shows that its user set: the rows, the order's marker, the filter's count and its first condition, the search, the columns. */
  async function listShown(page: Page, sortedBy: string) {
    await page.locator('#main .ant-table-tbody tr.ant-table-row, #main .ant-empty').first().waitFor();
    const text = async (locator: Locator) => (await locator.count() > 0 ? locator.first().textContent() : null);
    return {
      loading: await page.locator('#main .ant-table .ant-spin-spinning').count() > 0,
      titles: await listedTitles(page),
      sort: await page.locator('#main .ant-table-thead th').evaluateAll((ths, name) => ths.find((th) => th.textContent === name)?.getAttribute('aria-sort') ?? null, sortedBy),
      filters: await text(page.locator('.ant-badge', { has: page.getByRole('button', { name: 'Filter' }) }).locator('.ant-badge-count')),
      condition: await text(page.locator('.ant-select', { has: page.locator('[aria-label="Field"]') })),
      shows: await text(page.locator('#main .ant-segmented-item-selected')),
      search: await page.locator('#main .ant-input-search input').inputValue(),
      columns: await page.locator('#main .ant-table-thead th').allTextContents(),
    };
  }
  /** The list once it has loaded what it was asked for. */
  const settled = async (page: Page, sortedBy: string) => {
    await expect.poll(async () => (await listShown(page, sortedBy)).loading).toBe(false);
    return listShown(page, sortedBy);
  };

  it('BD in 公海: a filter and order left for a lead come back as they were (← and Back), and the copied address opens the same list', async () => {
    const page = await open(desktop, 'bd2@hotel.demo');
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    const total = async () => Number((await page.locator('.shoal-page-head').textContent())!.match(/(\d+) records?/)![1]);

    // 公海: High priority only, by score from the highest; on a desk the filter is open from the start.
    await page.goto(`/app/${tenant.slug}/pools/leadPool/public`);
    await rows.first().waitFor();
    const all = await total();
    await page.getByRole('button', { name: 'Condition' }).click();
    await pickOption(page, '[aria-label="Field"]', 'Priority', { type: true });
    await pickOption(page, '[aria-label="Priority: Value"]', 'High');
    await expect.poll(total).toBeLessThan(all);
    const score = page.locator('#main .ant-table-thead th', { hasText: /^Score$/ });
    await score.click();
    await score.click();
    await expect.poll(() => score.getAttribute('aria-sort')).toBe('descending');
    const scores = async () => (await rows.evaluateAll((trs, column) => trs.map((tr) => Number(tr.children[column]?.textContent)), await score.evaluate((th) => [...th.parentElement!.children].indexOf(th))));
    await expect.poll(async () => { const s = await scores(); return s.length > 0 && s.every((v, i) => i === 0 || v <= s[i - 1]!); }).toBe(true);
    const left = await settled(page, 'Score');
    expect(left).toMatchObject({ sort: 'descending', filters: '1', condition: 'Priority' });
    const address = page.url();
    expect(new URL(address).searchParams.get('sort')).toBe('-score');

    await rows.first().locator('a').first().click();
    await page.locator('#record-title').waitFor();
    await page.getByRole('link', { name: /^Back to Public pool/ }).click();
    await expect.poll(() => listShown(page, 'Score')).toEqual(left);
    await rows.nth(1).locator('a').first().click();
    await page.locator('#record-title').waitFor();
    await page.goBack();
    await expect.poll(() => listShown(page, 'Score')).toEqual(left);
    expect(page.url()).toBe(address);
    await artifact(page, 'desktop-public-pool-came-back');

    const copied = await page.context().newPage();
    await copied.goto(address);
    await expect.poll(() => listShown(copied, 'Score')).toEqual(left);
    await copied.close();
    await page.context().close();
  }, 120_000);

  it('BD: 私海’s search and week switch, and the lead list’s columns and order, come back with Back and ←', async () => {
    const page = await open(desktop, 'bd2@hotel.demo');
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');

    // 私海: what goes back within the week, found by a word of its name.
    await page.goto(`/app/${tenant.slug}/pools/leadPool/mine`);
    await rows.first().waitFor();
    const dueSoon = page.waitForResponse((response) => response.url().includes('releaseWithinDays=7') && !response.url().includes('count=true'));
    await page.locator('#main .ant-segmented-item', { hasText: /^Back to the public pool within 7 days/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('soon')).toBe('1');
    await dueSoon;
    await settled(page, 'Lead name');
    const word = (await rows.first().locator('a').first().textContent())!.slice(0, 2);
    await page.locator('#main .ant-input-search input').fill(word);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(word);
    const held = await settled(page, 'Lead name');
    expect(held).toMatchObject({ search: word, shows: expect.stringMatching(/^Back to the public pool within 7 days/) });
    await rows.first().locator('a').first().click();
    await page.locator('#record-title').waitFor();
    await page.getByRole('link', { name: /^Back to My pool/ }).click();
    await expect.poll(() => listShown(page, 'Lead name')).toEqual(held);

    // The lead list: a column taken away and another order, kept through Back.
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await rows.first().waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await setTicked(page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Hotel' }), false);
    await page.keyboard.press('Escape');
    await page.locator('#main .ant-table-thead th', { hasText: /^Lead name$/ }).click();
    await expect.poll(() => page.locator('#main .ant-table-thead th', { hasText: /^Lead name$/ }).getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await listShown(page, 'Lead name')).columns).not.toContain('Hotel');
    const leads = await settled(page, 'Lead name');
    await rows.first().locator('a').first().click();
    await page.locator('#record-title').waitFor();
    await page.goBack();
    await expect.poll(() => listShown(page, 'Lead name')).toEqual(leads);
    await page.context().close();
  }, 120_000);

  it('BD in 公海: back from the 120th lead (← or Back) or a reload finds the 150 leads loaded, scrolled to it; the menu opens 公海 at its top', async () => {
    // Enough public leads for more than three pages.
    const hotel = (await tenant.admin.get(`${api()}/records/hotel?limit=1`)).body.data[0].id as string;
    const names = Array.from({ length: 160 }, (_, i) => `Far lead ${String(i + 1).padStart(3, '0')}`);
    const created = await tenant.admin.post(`${api()}/records/lead/bulk`, { op: 'create', records: names.map((name) => ({ name, hotel })) });
    expect((created.body.results as Array<{ status: number }>).every((r) => r.status < 300)).toBe(true);

    const page = await open(desktop, 'bd2@hotel.demo');
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    await page.goto(`/app/${tenant.slug}/pools/leadPool/public`);
    await rows.first().waitFor();
    // Scrolled to the end twice: the next pages come (as "Load more" brings them).
    for (const loaded of [100, 150]) {
      await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight }));
      await expect.poll(() => rows.count()).toBe(loaded);
    }
    /** How many rows the list has loaded, whether the row titled `title` is on screen, and how far the page is scrolled. */
    const place = (title: string) => page.evaluate((wanted) => {
      const shown = [...document.querySelectorAll('#main .ant-table-tbody tr.ant-table-row')];
      const box = shown.find((row) => row.querySelector('a')?.textContent === wanted)?.getBoundingClientRect();
      return { rows: shown.length, inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight, top: window.scrollY };
    }, title);
    const openRow = async (index: number) => {
      const link = rows.nth(index).locator('a').first();
      const title = (await link.textContent())!;
      await link.click();
      await page.locator('#record-title', { hasText: title }).waitFor();
      return title;
    };

    const far = await openRow(119);
    await page.getByRole('link', { name: /^Back to Public pool/ }).click();
    await expect.poll(async () => (await place(far)).inView).toBe(true);
    expect(await place(far)).toMatchObject({ rows: 150, inView: true });

    const farther = await openRow(129);
    await page.goBack();
    await expect.poll(async () => (await place(farther)).inView).toBe(true);
    expect(await place(farther)).toMatchObject({ rows: 150, inView: true });
    // Reloaded (F5), the list comes back as it was left too: the rows it had, scrolled where it was.
    await page.reload();
    await expect.poll(async () => (await place(farther)).inView).toBe(true);
    expect(await place(farther)).toMatchObject({ rows: 150, inView: true });

    // From the menu, 公海 is opened afresh: its first page, at the top.
    await openRow(124);
    await page.locator('nav').getByRole('link', { name: 'Public pool', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(50);
    expect((await place(far)).top).toBe(0);
    await page.context().close();
  }, 120_000);

  it('operator opening a pool address: one "no access" page, no pool title, table or empty-pool hint, and no request for the pool', async () => {
    const page = await open(desktop, 'operator@hotel.demo');
    const poolRequests: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/api/') && request.url().includes('/pools/')) poolRequests.push(request.url()); });
    for (const path of ['public', 'mine']) {
      await page.goto(`/app/${tenant.slug}/pools/leadPool/${path}`);
      await page.locator('#main', { hasText: 'You may not see this' }).waitFor();
      const text = await page.locator('#main').innerText();
      expect(text).toContain('Only the members of this pool work in it');
      expect(text).not.toContain('Hotel leads');
      expect(text).not.toContain('There is no pool called');
      expect(text).not.toContain('Your private pool is empty');
      expect(await page.locator('#main .ant-table, #main .shoal-card-list, #pool-title, #mine-title').count()).toBe(0);
    }
    expect(poolRequests).toEqual([]);
    await artifact(page, 'desktop-operator-pool-no-access');
    await page.context().close();
  });

  it('a BD the server keeps out of the pool (not in its members): the same "no access" page, once the server says so', async () => {
    const base = testDocument();
    const members = await ctx.createTenantWith(testDocument({ pools: { leadPool: { ...base.pools!.leadPool!, members: { 'attributes.team': 'east' } } } }));
    await ctx.createUser(members, { email: 'west@e2e.test', name: 'Wes West', roles: ['bd'], attributes: { team: 'west' } });
    const page = await open(desktop, 'west@e2e.test', 'user-password-1', members.slug);
    for (const path of ['public', 'mine']) {
      await page.goto(`/app/${members.slug}/pools/leadPool/${path}`);
      await page.locator('#main', { hasText: 'You may not see this' }).waitFor();
      expect(await page.locator('#main .ant-table, #main .shoal-card-list, #pool-title, #mine-title, #main [role="alert"]').count()).toBe(0);
    }
    await page.context().close();
  });
});

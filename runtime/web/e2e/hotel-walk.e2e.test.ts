import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, chartDescription, clickUntil, demoWithBrowser, desktop, newContext, signIn } from './e2e-helpers.ts';

/**
 * What an earlier walk of the hotel demo found wrong, as its BDs and managers meet it, in
 * Chinese and in English.
 */
describe('the hotel demo as its BDs and managers walk it (Chromium)', () => {
  const demo = demoWithBrowser('hotel');

  async function open(locale: 'zh-CN' | 'en-US', email: string, path: string): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale, size: desktop });
    await context.addInitScript((lang) => localStorage.setItem('shoal.locale', lang), locale === 'en-US' ? 'en' : 'zh');
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-hotel-walk-${email.split('@')[0]}-${locale}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}${path}`);
    await signIn(page, email, 'shoal-demo', locale === 'en-US' ? 'Sign in' : /登\s*录/);
    return page;
  }

  it('the search box of a list and of both pools says what it searches, as a sentence in either language', async () => {
    for (const [locale, words] of [['en-US', 'Search leads by name'], ['zh-CN', '按名称搜索线索']] as const) {
      const page = await open(locale, 'bd1@hotel.demo', '/o/lead');
      for (const path of ['/o/lead', '/pools/leadPool/public', '/pools/leadPool/mine']) {
        await page.goto(`/app/${demo.tenant.slug}${path}`);
        const box = page.locator('#main').getByPlaceholder(words, { exact: true });
        await box.waitFor();
        expect(await box.getAttribute('aria-label'), path).toBe(words);
      }
      await page.context().close();
    }
  });

  it('the manager\'s team workload shows the BDs who carry the leads, not the manager who assigns them', async () => {
    for (const [locale, title] of [['zh-CN', '工作量'], ['en-US', 'Workload']] as const) {
      const page = await open(locale, 'manager@hotel.demo', '/dashboards');
      const chart = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: title }) }).getByRole('img', { name: title });
      await chart.locator('canvas').waitFor();
      // The chart's description for screen readers names every bar.
      await expect.poll(() => chartDescription(chart)).toContain('张伟');
      const described = await chartDescription(chart);
      for (const bd of ['张伟', 'Emily Chen', '王磊', 'David Liu']) expect(described, locale).toContain(bd);
      expect(described, locale).not.toContain('李娜');
      // Nor is he counted as a member who holds none.
      const note = await chart.locator('xpath=..').textContent();
      expect(note, locale).not.toMatch(/未持有|holds? none/);
      await page.context().close();
    }
  });

  it('a lead\'s activity (动态) shows the visits logged on it, with who, when and the outcome, in time order', async () => {
    const api = `/api/t/${demo.tenant.slug}`;
    const users = (await demo.tenant.admin.get(`${api}/users?limit=100`)).body.data as Array<{ id: string; email: string; name: string }>;
    const bd1 = users.find((u) => u.email === 'bd1@hotel.demo')!;
    const held = (await demo.tenant.admin.post(`${api}/records/lead/query`, { where: { owner: bd1.id, poolState: 'private' }, limit: 50, fields: ['name'] })).body.data as Array<{ id: string; name: string }>;
    type Visit = { id: string; visitedAt: string; outcome?: string; owner?: { name?: string } };
    let lead: { id: string; name: string } | undefined;
    let visits: Visit[] = [];
    for (const candidate of held) {
      visits = (await demo.tenant.admin.post(`${api}/records/visit/query`, { where: { lead: candidate.id, outcome: { $null: false } }, orderBy: '-visitedAt', limit: 20, expand: ['owner'] })).body.data;
      if (visits.length >= 2) { lead = candidate; break; }
    }
    expect(lead, 'a lead of bd1 with two visits').toBeDefined();
    const outcomes = { met_kp: ['见到 KP', 'Met the KP'], no_show: ['未见到人', 'No show'], follow_up: ['需跟进', 'Follow-up needed'] } as Record<string, [string, string]>;
    for (const [locale, card, visited, outcome] of [['zh-CN', '动态', '拜访', '拜访结果'], ['en-US', 'History', 'visited', 'Outcome']] as const) {
      const page = await open(locale, 'bd1@hotel.demo', `/o/lead/${lead!.id}`);
      const activity = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: new RegExp(`^${card}$`) }) });
      const entries = activity.locator('li');
      await activity.getByRole('link', { name: visited, exact: true }).first().waitFor();
      const texts = await entries.allTextContents();
      const shown = texts.filter((text) => new RegExp(`(^|\\s)${visited}\\s`).test(text) && text.includes(`${outcome}:`));
      // Every visit (newest first), with its outcome in the reader's language and who made it.
      expect(shown.length, locale).toBe(visits.length);
      visits.forEach((visit, i) => {
        expect(shown[i], locale).toContain(outcomes[visit.outcome!]![locale === 'zh-CN' ? 0 : 1]);
        if (visit.owner?.name) expect(shown[i], locale).toContain(visit.owner.name);
      });
      // In time order with the history: the lead was claimed before it was visited.
      const claimedAt = texts.findIndex((text) => text.includes(locale === 'zh-CN' ? '领取' : 'claimed'));
      if (claimedAt >= 0) expect(claimedAt, locale).toBeGreaterThan(texts.indexOf(shown[shown.length - 1]!));
      await page.context().close();
    }
  });

  it('a release reason picked in English is stored as a key and read in each viewer\'s language; an old Chinese one too', async () => {
    const api = `/api/t/${demo.tenant.slug}`;
    const page = await open('en-US', 'bd1@hotel.demo', '/pools/leadPool/mine');
    const row = page.locator('#main .ant-table-tbody tr.ant-table-row').first();
    const name = (await row.locator('a').first().textContent())!;
    await row.getByRole('button', { name: 'Release' }).click();
    const dialog = page.getByRole('dialog');
    // Picked while the dialog opens, the reason can go unheard (CI on a18c18a): Release enables once it took.
    const release = dialog.getByRole('button', { name: 'Release', exact: true });
    await clickUntil(dialog.getByRole('button', { name: 'Cannot reach the key person' }), () => release.isEnabled());
    await release.click();
    await page.locator('.ant-message-notice').first().waitFor();
    await page.context().close();
    const found = (await demo.tenant.admin.post(`${api}/records/lead/query`, { where: { name }, limit: 1 })).body.data[0] as { id: string; releaseReason: string; poolState: string };
    expect(found).toMatchObject({ poolState: 'public', releaseReason: 'kp_unreachable' });
    // One released before reasons were keys, in the words of a Chinese app.
    const users = (await demo.tenant.admin.get(`${api}/users?limit=100`)).body.data as Array<{ id: string; email: string }>;
    const older = (await demo.tenant.admin.post(`${api}/records/lead/query`, { where: { owner: users.find((u) => u.email === 'bd2@hotel.demo')!.id, poolState: 'private', stage: { $ne: 'signed' } }, limit: 1, fields: ['name'] })).body.data[0] as { id: string; name: string };
    const released = await demo.tenant.admin.post(`${api}/pools/leadPool/release`, { id: older.id, reason: '已与竞对签约' });
    expect(released.status, released.text).toBe(200);

    for (const [locale, search, reason, oldReason, card] of [
      ['zh-CN', '按名称搜索线索', '联系不上关键人', '已与竞对签约', '动态'],
      ['en-US', 'Search leads by name', 'Cannot reach the key person', 'Signed with a competitor', 'History'],
    ] as const) {
      const viewer = await open(locale, 'manager@hotel.demo', '/pools/leadPool/public');
      const box = viewer.locator('#main').getByPlaceholder(search, { exact: true });
      const rows = viewer.locator('#main .ant-table-tbody tr.ant-table-row');
      for (const [lead, words] of [[name, reason], [older.name, oldReason]] as const) {
        await box.fill(lead);
        await box.press('Enter');
        await expect.poll(() => rows.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining(words)]);
      }
      await viewer.goto(`/app/${demo.tenant.slug}/o/lead/${found.id}`);
      const history = viewer.locator('.ant-card', { has: viewer.locator('.ant-card-head-title', { hasText: new RegExp(`^${card}$`) }) });
      await history.locator('li', { hasText: reason }).first().waitFor();
      expect(await history.textContent(), locale).not.toContain('kp_unreachable');
      await viewer.context().close();
    }
  });
});

import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { publish } from '../../testing/test-server.ts';
import { artifact, demoWithBrowser, desktop, newContext, pickOption, signIn } from './e2e-helpers.ts';

/** The leads listed, by their titles (a row also links its hotel). */
const listedTitles = (page: Page) => page.locator('#main .ant-table-tbody tr.ant-table-row a[href*="/o/lead/"]').allTextContents();

/**
 * The hotel demo's sales manager (the lead pool's administrator) looks at the team's private
 * leads from the 私海 page: everyone's at once with who holds each, what goes back to the 公海
 * within a week first, or one BD's — each the list the server gives for it.
 */
describe('a sales manager looks at the team\'s private pool, in Chinese (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  it('lists everyone\'s private leads by what goes back first, those due within 7 days, and one BD\'s', async () => {
    const manager = await demo.ctx.login(demo.tenant.slug, 'manager@hotel.demo', 'shoal-demo');
    type Listed = { data: Array<{ name: string; owner: string }>; total: number };
    const listed = async (query: string) => (await manager.get(api(`/pools/leadPool/mine?count=true&limit=50${query}`))).body as Listed;
    const everyone = await listed('&owner=any');
    const dueSoon = await listed('&owner=any&releaseWithinDays=7');
    expect(everyone.total).toBeGreaterThan(dueSoon.total);
    expect(dueSoon.total).toBeGreaterThan(0);
    const users = (await demo.tenant.admin.get(api('/users?limit=100'))).body.data as Array<{ id: string; name: string }>;
    const wangLei = users.find((u) => u.name === '王磊')!;
    const his = await listed(`&owner=${wangLei.id}`);
    expect(his.total).toBeGreaterThan(0);
    // What he holds against the pool's limit (won leads do not count).
    const held = ((await manager.get(api('/pools/leadPool/holdings'))).body.data as Array<{ userId: string; held: number }>).find((h) => h.userId === wangLei.id)!.held;

    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, 'failed-manager-team-pool').catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/mine`);
    await signIn(page, 'manager@hotel.demo', 'shoal-demo', /登\s*录/);
    const head = page.locator('.shoal-page-head');
    // The manager claims nothing himself: the page starts at everyone's.
    await expect.poll(() => head.textContent()).toContain(`共 ${everyone.total} 条私海记录`);
    expect(await page.locator('h2').textContent()).toMatch(/· 全部成员$/);
    await expect.poll(() => listedTitles(page)).toEqual(everyone.data.map((r) => r.name));
    // Each row says who holds the lead, by name.
    const rows = await page.locator('#main .ant-table-tbody tr.ant-table-row').allTextContents();
    const names = new Map(users.map((u) => [u.id, u.name]));
    expect(rows.map((row, i) => row.includes(names.get(everyone.data[i]!.owner)!))).toEqual(everyone.data.map(() => true));

    const soon = page.locator('.ant-segmented-item', { hasText: '7 天内回收公海' });
    await expect.poll(() => soon.textContent()).toBe(`7 天内回收公海 · ${dueSoon.total}`);
    await soon.click();
    await expect.poll(() => listedTitles(page)).toEqual(dueSoon.data.map((r) => r.name));
    await artifact(page, 'manager-team-pool-due-soon-zh');

    await pickOption(page, page.getByLabel('查看谁的私海'), '王磊');
    // The address names whose pool it is, and keeps the 7-day switch as it was set.
    await page.waitForURL(new RegExp(`\\?owner=${wangLei.id}&soon=1$`));
    await expect.poll(() => page.locator('h2').textContent()).toMatch(/· 王磊$/);
    await expect.poll(() => head.textContent()).toContain(`王磊持有 ${held} / 200 条`);
    await page.locator('.ant-segmented-item', { hasText: '全部' }).click();
    await expect.poll(() => listedTitles(page)).toEqual(his.data.map((r) => r.name));

    // Back returns to everyone's, as it was left: due within 7 days; and his own (empty) private pool is one pick away.
    await page.goBack();
    await page.waitForURL(/\/mine\?soon=1$/);
    await expect.poll(() => listedTitles(page)).toEqual(dueSoon.data.map((r) => r.name));
    expect(await page.locator('h2').textContent()).toMatch(/· 全部成员$/);
    await pickOption(page, page.getByLabel('查看谁的私海'), '我的私海');
    await expect.poll(() => head.locator('.ant-typography-secondary').first().textContent()).toMatch(/^持有 0 \/ 200 条/);
    expect(await page.locator('h2').textContent()).not.toContain('全部成员');
    await context.close();
  });

  it('offers the pool\'s administrator 延期, 释放 and 分配 on a BD\'s lead where his roles grant none of them (metadata.md: admins assign, extend for others, force), and the extension is made', async () => {
    // The spec's manager: he administers the pool, his role rules grant neither assign, extend nor release, and only holders extend.
    const draft = (await demo.tenant.admin.get(api('/meta/draft'))).body.document;
    for (const rule of draft.roles.manager) if ([rule.object].flat().includes('lead')) rule.actions = rule.actions.filter((a: string) => !['assign', 'extend', 'release'].includes(a));
    draft.pools.leadPool.extension.by = ['owner'];
    const published = await publish(demo.tenant, draft);
    expect(published.status, published.text).toBe(200);
    const manager = await demo.ctx.login(demo.tenant.slug, 'manager@hotel.demo', 'shoal-demo');
    const held = (await manager.get(api('/pools/leadPool/mine?owner=any&limit=100'))).body.data as Array<{ id: string; name: string; releaseDueTo: string | null; extensionsLeft: number }>;
    const lead = held.find((r) => r.releaseDueTo === 'hold_expired' && r.extensionsLeft === 1) ?? held.find((r) => r.releaseDueTo !== null && r.extensionsLeft === 1)!;
    expect(lead).toBeDefined();

    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, 'failed-manager-pool-admin').catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/o/lead/${lead.id}`);
    await signIn(page, 'manager@hotel.demo', 'shoal-demo', /登\s*录/);
    await page.locator('#record-title', { hasText: lead.name }).waitFor();
    await page.getByRole('button', { name: /释\s*放/ }).waitFor();
    await page.getByRole('button', { name: /分\s*配/ }).waitFor();
    await page.getByRole('button', { name: /延\s*期/ }).click();
    // Where a visit is due first, the app asks before the extension is spent.
    const anyway = page.getByRole('button', { name: '仍要延期' });
    if (await anyway.isVisible({ timeout: 1500 }).catch(() => false)) await anyway.click();
    await page.locator('.ant-message-notice', { hasText: '保护期已延至' }).waitFor();
    const after = (await manager.get(api(`/pools/leadPool/mine?owner=any&where=${encodeURIComponent(JSON.stringify({ id: lead.id }))}`))).body.data[0];
    expect(after.extensionsLeft).toBe(0);

    // The public pool offers him 分配 on each lead.
    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/public`);
    await expect.poll(() => page.locator('#main .ant-table-tbody tr.ant-table-row').getByRole('button', { name: /分\s*配/ }).count()).toBeGreaterThan(0);
    await artifact(page, 'manager-pool-admin-public-zh');
    await context.close();
  });
});

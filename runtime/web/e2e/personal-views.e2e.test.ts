import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, demoUser, demoWithBrowser, desktop, expectToast, newContext, pickOption, signIn } from './e2e-helpers.ts';

/**
 * A BD's own views of the lead list follow them: saved in one browser, found and applied in a
 * fresh one (nothing in its storage), and those an older version kept in this browser only are
 * moved to the server on the first visit, once, and leave the browser.
 */
describe('personal views follow the user (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  const bd = demoUser(demo, 'bd1@hotel.demo');
  const hot = { score: { $gte: 80 } };

  /** A fresh browser context (its own cookies and local storage), on the sign-in page. */
  async function freshBrowser(name: string): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-personal-views-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/`);
    return page;
  }
  const leads = (page: Page, query = '') => page.goto(`/app/${demo.tenant.slug}/o/lead${query}`);
  const total = async (page: Page) => Number((await page.locator('.shoal-page-head').textContent())!.match(/共 (\d+) 条/)?.[1] ?? NaN);
  const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), `shoal.views.${demo.tenant.slug}.${bd.id}.lead`);
  const serverLabels = async (page: Page) => page.evaluate(async (slug) => {
    const res = await fetch(`/api/t/${slug}/me/views/lead`, { credentials: 'same-origin' });
    return ((await res.json()) as { data: Array<{ label: string }> }).data.map((v) => v.label);
  }, demo.tenant.slug);

  it('a view saved in one browser is there, and applies, in a fresh one; a name taken says so and keeps the dialog', async () => {
    const office = await freshBrowser('office');
    await signIn(office, 'bd1@hotel.demo', 'shoal-demo', /^登\s?录$/);
    await leads(office);
    await expect.poll(() => total(office)).toBeGreaterThan(0);
    const all = await total(office);
    await leads(office, `?where=${encodeURIComponent(JSON.stringify(hot))}`);
    await expect.poll(() => total(office)).toBeLessThan(all);
    const hotCount = await total(office);
    await office.getByRole('button', { name: '保存为我的视图' }).click();
    await office.getByLabel('视图名称').fill('我的杭州线索');
    await office.keyboard.press('Enter');
    await office.locator('#list-title', { hasText: '我的杭州线索' }).waitFor();
    expect(office.url()).toContain('view=my%3A');
    // Kept on the server, not in this browser.
    expect(await serverLabels(office)).toEqual(['我的杭州线索']);
    expect(await stored(office)).toBeNull();

    // The same name again: refused, said so, and the dialog keeps what was typed.
    await office.getByRole('button', { name: '保存为我的视图' }).click();
    await office.getByLabel('视图名称').fill('我的杭州线索');
    await office.keyboard.press('Enter');
    await expectToast(office, '视图未保存：你已有同名视图');
    expect(await office.getByLabel('视图名称').inputValue()).toBe('我的杭州线索');
    await office.keyboard.press('Escape');
    await office.context().close();

    const laptop = await freshBrowser('laptop');
    await signIn(laptop, 'bd1@hotel.demo', 'shoal-demo', /^登\s?录$/);
    await leads(laptop);
    await expect.poll(() => total(laptop)).toBe(all);
    await pickOption(laptop, '.ant-select [aria-label="视图"]', '我的杭州线索');
    await laptop.locator('#list-title', { hasText: '我的杭州线索' }).waitFor();
    await expect.poll(() => total(laptop)).toBe(hotCount);
    // Renamed here, it is renamed everywhere.
    await laptop.getByRole('button', { name: '重命名此视图' }).click();
    await laptop.getByLabel('视图名称').fill('杭州 · 高分');
    await laptop.keyboard.press('Enter');
    await laptop.locator('#list-title', { hasText: '杭州 · 高分' }).waitFor();
    expect(await serverLabels(laptop)).toEqual(['杭州 · 高分']);
    await artifact(laptop, 'desktop-bd-personal-view-on-laptop');
    await laptop.context().close();
  }, 120_000);

  it('views this browser kept before are uploaded once (a label the server has is skipped) and leave the browser', async () => {
    const page = await freshBrowser('upload');
    const kept = [
      { id: 'k7x2m9qa', label: '本地高分线索', where: hot, orderBy: '-score', columns: ['name', 'score', 'stage'], display: 'table' },
      { id: 'p3n8v1zc', label: '杭州 · 高分', where: { score: { $gte: 1 } } },
      // Saved before labels were limited, with a column since removed: kept, cut to 100 characters, without that column.
      { id: 'q5w1e2r3', label: '很长的名字'.repeat(21), columns: ['name', 'noSuchField'] },
    ];
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`shoal.views.${demo.tenant.slug}.${bd.id}.lead`, JSON.stringify(kept)]);
    await signIn(page, 'bd1@hotel.demo', 'shoal-demo', /^登\s?录$/);
    // An address naming the old, browser-made id still opens the view, now under its server id.
    await leads(page, '?view=my:k7x2m9qa');
    await page.locator('#list-title', { hasText: '本地高分线索' }).waitFor();
    await expect.poll(() => page.url()).toMatch(/view=my%3A[0-9a-f]{8}-/);
    // Its own columns (three), not the list's ten.
    const headers = await page.locator('#main .ant-table-thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['线索名称', '线索评分']));
    expect(headers.length).toBeLessThan(6);
    expect(await serverLabels(page)).toEqual(['杭州 · 高分', '本地高分线索', '很长的名字'.repeat(20)]);
    expect(await stored(page)).toBeNull();

    // Once: another visit uploads nothing more.
    await page.reload();
    await page.locator('#list-title', { hasText: '本地高分线索' }).waitFor();
    expect(await serverLabels(page)).toEqual(['杭州 · 高分', '本地高分线索', '很长的名字'.repeat(20)]);
    await page.context().close();
  }, 120_000);
});

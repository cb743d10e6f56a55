import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, demoWithBrowser, desktop, newContext, signIn } from './e2e-helpers.ts';

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
      const chart = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: title }) }).locator('[role="img"]');
      await chart.locator('canvas').waitFor();
      // The chart's description for screen readers names every bar.
      await expect.poll(() => chart.getAttribute('aria-label')).toContain('张伟');
      const described = (await chart.getAttribute('aria-label'))!;
      for (const bd of ['张伟', 'Emily Chen', '王磊', 'David Liu']) expect(described, locale).toContain(bd);
      expect(described, locale).not.toContain('李娜');
      // Nor is he counted as a member who holds none.
      const note = await chart.locator('xpath=..').textContent();
      expect(note, locale).not.toMatch(/未持有|holds? none/);
      await page.context().close();
    }
  });
});

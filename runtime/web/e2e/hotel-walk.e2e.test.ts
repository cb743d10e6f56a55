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
});

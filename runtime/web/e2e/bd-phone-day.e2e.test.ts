import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, newContext, phone, signIn } from './e2e-helpers.ts';

/**
 * A BD of the hotel demo on a phone (390×844) in Chinese, through a working day: what they are
 * offered is what the server lets them do, and the screens read in Chinese at that size.
 */
describe('a BD\'s day on the phone, in Chinese (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  let bd1: { id: string };
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenant({ template: 'hotel', sampleData: true });
    const users = (await tenant.admin.get(api('/users?limit=100'))).body.data as Array<{ id: string; email: string }>;
    bd1 = users.find((u) => u.email === 'bd1@hotel.demo')!;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  async function open(path: string, name: string): Promise<Page> {
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: phone });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-phone-${name}`).catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}${path}`);
    await signIn(page, 'bd1@hotel.demo', 'shoal-demo', /登\s*录/);
    return page;
  }

  const firstLead = async (where: Record<string, unknown>) =>
    (await tenant.admin.post(api('/records/lead/query'), { where, limit: 1 })).body.data[0] as { id: string; name: string };

  it('offers 添加拜访 on the BD\'s own lead, not on a public one (the server would refuse that visit)', async () => {
    const publicLead = await firstLead({ poolState: 'public', stage: 'new' });
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    const page = await open(`/o/lead/${publicLead.id}`, 'public-lead');
    const visits = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: /^拜访记录/ }) });
    await page.locator('#record-title', { hasText: publicLead.name }).waitFor();
    await visits.locator('.ant-card-head-title', { hasText: '拜访记录 (0)' }).waitFor();
    // What the BD can do here is claim it.
    await page.getByRole('button', { name: /领\s*取/ }).waitFor();
    expect(await visits.getByRole('button', { name: '添加拜访' }).count()).toBe(0);

    await page.goto(`/app/${tenant.slug}/o/lead/${own.id}`);
    await page.locator('#record-title', { hasText: own.name }).waitFor();
    await visits.getByRole('button', { name: '添加拜访' }).waitFor();
    await page.context().close();
  });
});

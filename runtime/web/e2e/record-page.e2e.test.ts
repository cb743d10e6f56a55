import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, desktop, expectToast, newContext, signIn } from './e2e-helpers.ts';

/**
 * A record page keeps its parts in step: a stage move that creates a related record (the hotel
 * demo's Signed makes a contract) shows it in the related list at once, without a reload.
 */
describe('record page (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;

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

  it('a stage move that creates a contract shows it in the lead\'s contracts at once', async () => {
    const users = (await tenant.admin.get(`/api/t/${tenant.slug}/users?limit=100`)).body.data as Array<{ id: string; email: string }>;
    const bd2 = users.find((u) => u.email === 'bd2@hotel.demo')!;
    const where = { owner: bd2.id, poolState: 'private', stage: 'negotiating', expectedRevenue: { $ne: null } };
    const lead = (await tenant.admin.post(`/api/t/${tenant.slug}/records/lead/query`, { where, limit: 1 })).body.data[0] as { id: string; name: string };
    expect(lead).toBeDefined();

    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-record-page').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/lead/${lead.id}`);
    await signIn(page, 'bd2@hotel.demo', 'shoal-demo', /登\s*录/);
    await page.locator('#record-title', { hasText: lead.name }).waitFor();
    const contracts = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: /^合同/ }) });
    await expect.poll(() => contracts.locator('.ant-card-head-title').textContent()).toBe('合同 (0)');

    await page.getByRole('button', { name: '推进到已签约' }).click();
    await expectToast(page, '已移至已签约');
    await expect.poll(() => contracts.locator('.ant-card-head-title').textContent()).toBe('合同 (1)');
    expect(await contracts.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await context.close();
  });
});

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../../platform/testing/fixtures.ts';
import { chromiumPath, launchBrowser, screenshot } from '../../../testing/browser.ts';
import { createTestContext, type TestContext } from '../../../testing/test-server.ts';

const run = existsSync(chromiumPath) ? describe : describe.skip;

run('the API reference page in a browser', () => {
  let context: TestContext;
  let browser: Browser;

  beforeAll(async () => {
    context = await createTestContext('pglite');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await context?.server.close();
    await context?.database.dispose();
  });

  it('asks for a sign-in, renders the tenant’s operations under the CSP, and calls the API with the cookie and CSRF token', async () => {
    const tenant = await context.createTenantWith(testDocument());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // The first load answers 401 before the sign-in; only script and CSP errors count.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });

    await page.goto(`${context.server.url}/api/t/${tenant.slug}/docs`);
    await page.locator('#sign-in-form').waitFor();
    await page.fill('input[name=password]', 'wrong-password');
    await page.fill('input[name=email]', tenant.adminEmail);
    await page.click('#sign-in-form button');
    await expect.poll(() => page.textContent('#sign-in-message'), { timeout: 15_000 }).toContain('Wrong e-mail or password');

    await page.fill('input[name=password]', tenant.adminPassword);
    await page.click('#sign-in-form button');
    await page.locator('#session-user').filter({ hasText: tenant.adminEmail }).waitFor();
    await page.locator('.opblock-tag', { hasText: 'Lead (线索)' }).waitFor();
    expect(await page.locator('#sign-in').isHidden()).toBe(true);

    // Try GET /me through Swagger UI: the session cookie authenticates it.
    await page.click('.opblock-tag:has-text("Authentication")');
    await page.click('#operations-Authentication-getMe .opblock-summary');
    await page.click('#operations-Authentication-getMe button.try-out__btn');
    await page.click('#operations-Authentication-getMe button.execute');
    const status = page.locator('#operations-Authentication-getMe .live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('200');
    await screenshot(page, 'api-reference');

    await page.click('#sign-out');
    await page.locator('#sign-in-form').waitFor();

    // A write through Swagger UI with the cookie: the page adds the session's X-CSRF-Token.
    await page.fill('input[name=email]', tenant.adminEmail);
    await page.fill('input[name=password]', tenant.adminPassword);
    await page.click('#sign-in-form button');
    await page.locator('.opblock-tag', { hasText: 'Lead (线索)' }).waitFor();
    // Deep linking may have kept the Authentication section open across the reload.
    if (!(await page.locator('#operations-Authentication-logout').isVisible())) await page.click('.opblock-tag:has-text("Authentication")');
    await page.click('#operations-Authentication-logout .opblock-summary');
    await page.click('#operations-Authentication-logout button.try-out__btn');
    await page.click('#operations-Authentication-logout button.execute');
    const logout = page.locator('#operations-Authentication-logout .live-responses-table tbody .response-col_status').first();
    await expect.poll(() => logout.textContent(), { timeout: 15_000 }).toContain('204');
    await page.reload();
    await page.locator('#sign-in-form').waitFor();
    expect(problems).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { launchBrowser, screenshot } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { expectText, listedTitles, pickOption, signIn } from './e2e-helpers.ts';

/**
 * The generated screens in real Chromium against a real server: a manager filters hotels,
 * edits one into a server validation error shown at its field, fixes it and creates a hotel
 * (desktop); a BD works the lead list as cards and claims a public lead (phone width).
 */
describe('app e2e (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  const password = 'user-password-1';

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext('pglite');
    const document = testDocument();
    document.objects.hotel!.icon = 'shop'; // chosen in the studio: the menu shows it
    tenant = await ctx.createTenantWith(document);
    await ctx.createUser(tenant, { email: 'mgr@e2e.test', name: 'Mia Manager', roles: ['manager'], attributes: { team: 'east' } });
    await ctx.createUser(tenant, { email: 'bd@e2e.test', name: 'Bo BD', roles: ['bd'], attributes: { team: 'east' } });
    const api = `/api/t/${tenant.slug}/records`;
    const hotels = [
      { name: 'Hilton Pudong', city: 'shanghai', stars: 5, roomNights: 5200, code: 'H1' },
      { name: 'Jinling Nanjing', city: 'nanjing', stars: 5, roomNights: 3100, code: 'H2' },
      { name: 'Garden Inn Suzhou', city: 'suzhou', stars: 3, roomNights: 900, code: 'H3' },
    ];
    const ids: string[] = [];
    for (const hotel of hotels) ids.push((await tenant.admin.post(`${api}/hotel`, hotel)).body.id);
    for (const [i, name] of ['Hilton renewal', 'Jinling new deal', 'Garden Inn trial'].entries()) {
      const res = await tenant.admin.post(`${api}/lead`, { name, hotel: ids[i], score: 40 + i * 20, source: 'crawl' });
      expect(res.status).toBe(201);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  it('manager: filter a list, see a server error at its field, fix it, create a record (desktop)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, baseURL: ctx.server.url, locale: 'en-US' });
    await page.goto('/app/');
    await page.locator('#tenant').fill(tenant.slug);
    await page.getByRole('button', { name: 'Continue' }).click();
    // The sign-in page names the workspace, not its address.
    await page.getByRole('heading', { name: `Sign in to Tenant ${tenant.slug}` }).waitFor();
    await signIn(page, 'mgr@e2e.test', password);

    await page.goto(`/app/${tenant.slug}/o/hotel`);
    await expectText(page, '#main .ant-table-tbody a', 'Garden Inn Suzhou');
    // The menu shows hotels by the icon the studio chose for them, leads (none chosen) by the default one.
    const nav = page.locator('nav[aria-label="main"]');
    await nav.locator('li', { hasText: /^Hotel/ }).locator('.anticon-shop').waitFor();
    expect(await nav.locator('li', { hasText: /^Lead/ }).first().locator('.anticon-table').count()).toBe(1);
    expect((await listedTitles(page)).sort()).toEqual(['Garden Inn Suzhou', 'Hilton Pudong', 'Jinling Nanjing']);

    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Condition' }).click();
    // The test document gives hotel.city no label: the app names it by its key in words.
    await pickOption(page, '[aria-label="Field"]', 'City');
    await pickOption(page, '[aria-label="City: Value"]', 'nanjing');
    await expect.poll(() => listedTitles(page)).toEqual(['Jinling Nanjing']);
    await expectText(page, '#main', '1 record');
    expect(await page.locator('#main').textContent()).not.toContain('1 records');
    await screenshot(page, 'app-desktop-list-filtered');

    await page.getByRole('link', { name: 'Jinling Nanjing' }).click();
    await page.locator('#record-title', { hasText: 'Jinling Nanjing' }).waitFor();
    await page.locator('#root_code').fill('H1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page, '.ant-form-item-explain-error', 'must be unique');
    await screenshot(page, 'app-desktop-record-server-error');

    await page.locator('#root_code').fill('H2-NJ');
    await page.locator('#root_name').fill('Jinling Hotel Nanjing');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#record-title', { hasText: 'Jinling Hotel Nanjing' }).waitFor();

    await page.goto(`/app/${tenant.slug}/o/hotel/new`);
    await page.locator('#root_name').fill('Shangri-La Suzhou');
    await pickOption(page, '#root_city', 'suzhou');
    await page.locator('#root_stars').fill('4');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('#record-title', { hasText: 'Shangri-La Suzhou' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/app/${tenant.slug}/o/hotel/[0-9a-f-]{36}$`));
    const created = await tenant.admin.get(`/api/t/${tenant.slug}/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: 'Shangri-La Suzhou' }))}`);
    expect(created.body.data).toMatchObject([{ city: 'suzhou', stars: 4 }]);
    await screenshot(page, 'app-desktop-record-created');

    // A filter typed as JSON that names no field: the list says which and why, and offers no
    // retry of the same request.
    await page.goto(`/app/${tenant.slug}/o/hotel`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('JSON', { exact: true }).click();
    await page.locator('#main textarea').first().fill('{"roomz": {"$gt": 5}}');
    const problem = page.locator('#main .ant-alert-error');
    await expect.poll(() => problem.textContent()).toContain('/roomz: is not a field of hotel');
    expect(await problem.textContent()).toContain('The filter has 1 problem');
    expect(await problem.getByRole('button', { name: 'Try again' }).count()).toBe(0);

    // The builder's switches have names a screen reader says: rows or JSON, all or any, a fixed or a relative date.
    await page.goto(`/app/${tenant.slug}/o/hotel?where=${encodeURIComponent(JSON.stringify({ $or: [{ city: 'nanjing' }, { createdAt: { $gt: 'now-30d' } }] }))}`);
    const named = (name: string | RegExp) => page.getByRole('radiogroup', { name }).textContent();
    await expect.poll(() => named('Edit conditions as')).toBe('ConditionsJSON');
    expect(await named('Match all or any')).toBe('All ofAny of');
    expect(await named(/: Value: Fixed or relative date$/)).toBe('DateRelative');
    await page.close();
  });

  it('BD: leads as cards on a phone, open one and claim it from the public pool', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: ctx.server.url, locale: 'en-US', hasTouch: true, isMobile: true });
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await signIn(page, 'bd@e2e.test', password);
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await expectText(page, '.shoal-card-list .ant-card-head a', 'Garden Inn trial');
    expect(await page.locator('.ant-table').count()).toBe(0);
    await screenshot(page, 'app-phone-lead-cards');

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('.ant-drawer').getByRole('link', { name: 'Public pool' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Garden Inn trial' }).click();
    await page.locator('#record-title', { hasText: 'Garden Inn trial' }).waitFor();
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('button', { name: 'Release' }).waitFor();
    await expectText(page, 'time', 'Back in the pool in');
    await screenshot(page, 'app-phone-lead-claimed');
    await page.close();
  });
});

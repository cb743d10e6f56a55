import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { launchBrowser, screenshot } from '../../testing/browser.ts';
import { ApiClient, createTestContext, publish, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureWebBuilt } from '../../../studio/e2e/studio-e2e.ts';

/**
 * Stored XSS and CSP in real Chromium: script payloads stored in record values, field and
 * object labels, option labels and the tenant name are opened in `/app`, `/studio` and the API
 * reference. No payload runs (no dialog, no global it would set), and the pages load without a
 * single CSP violation (so the CSP is strict and the apps still work under it).
 */

/** Each payload, if it ran, would set window.__xss (and open a dialog). */
const payloads = {
  img: '<img src=x onerror="window.__xss=\'img\';alert(1)">',
  script: '<script>window.__xss=\'script\';alert(2)</script>',
  svg: '"><svg onload="window.__xss=\'svg\';alert(3)">',
  iframe: '<iframe src="javascript:window.top.__xss=\'iframe\'"></iframe>',
  link: 'javascript:window.__xss=\'href\';alert(4)',
  template: '{{constructor.constructor(\'window.__xss="tpl"\')()}}',
};

interface Watch {
  dialogs: string[];
  violations: string[];
  errors: string[];
}

async function watchedPage(context: BrowserContext, watch: Watch): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|create)/i.test(m.text())) watch.violations.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  return page;
}

async function expectClean(page: Page, watch: Watch, what: string): Promise<void> {
  // Give lazy chunks, workers and images a moment to load (or be refused).
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: string }).__xss ?? null,
    violations: (window as unknown as { __csp?: string[] }).__csp ?? [],
  }));
  expect(state.xss, `${what}: a payload ran`).toBeNull();
  expect(watch.dialogs, `${what}: dialogs`).toEqual([]);
  expect([...state.violations, ...watch.violations], `${what}: CSP violations`).toEqual([]);
}

describe('stored XSS and CSP in Chromium', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  let hotelId = '';
  let leadId = '';

  beforeAll(async () => {
    ensureWebBuilt();
    ctx = await createTestContext('pglite');
    const slug = `xss-${Date.now().toString(36)}`;
    const adminEmail = `admin@${slug}.test`;
    const adminPassword = 'admin-password-1';
    const created = await ctx.api.post('/api/tenants', { slug, name: `Acme ${payloads.img}`, admin: { email: adminEmail, password: adminPassword } }, { token: ctx.operatorToken });
    expect(created.status, created.text).toBe(201);
    const admin = await ctx.login(slug, adminEmail, adminPassword);
    tenant = { slug, adminEmail, adminPassword, admin, adminToken: admin.defaultToken! };
    const document = testDocument();
    document.objects.hotel!.label = { en: `Hotel ${payloads.svg}`, zh: payloads.script };
    document.objects.hotel!.fields.name!.label = { en: `Name ${payloads.img}`, zh: payloads.img };
    document.objects.hotel!.fields.city = { type: 'select', options: [{ value: 'shanghai', label: { en: payloads.script, zh: payloads.script } }, 'nanjing'] } as never;
    document.objects.lead!.fields.notes!.label = { en: payloads.iframe } as never;
    const published = await publish(tenant, document);
    expect(published.status, published.text).toBe(200);
    const p = (x: string) => `/api/t/${slug}${x}`;
    const hotel = await admin.post(p('/records/hotel'), { name: payloads.img, city: 'shanghai', code: payloads.svg });
    expect(hotel.status, hotel.text).toBe(201);
    hotelId = hotel.body.id;
    const lead = await admin.post(p('/records/lead'), {
      name: payloads.script, hotel: hotelId, contactName: payloads.link, notes: `${payloads.iframe}\n${payloads.template}\n${payloads.svg}`,
    });
    expect(lead.status, lead.text).toBe(201);
    leadId = lead.body.id;
    await admin.post(p('/records/lead'), { name: payloads.template, hotel: hotelId });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: ctx.server.url, locale: 'en-US', viewport: { width: 1280, height: 860 } });
    await context.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
      localStorage.setItem('shoal.studio.locale', 'en');
    });
    context.setDefaultTimeout(20_000);
    return context;
  }

  it('/app: lists and record pages show the payloads as text, run none of them, and violate no CSP', async () => {
    const context = await newContext();
    const watch: Watch = { dialogs: [], violations: [], errors: [] };
    const page = await watchedPage(context, watch);
    await page.goto(`/app/${tenant.slug}`);
    await page.locator('#email').waitFor().catch(async (error) => {
      await screenshot(page, 'hardening-xss-app-login-missing');
      throw error;
    });
    await page.locator('#email').fill(tenant.adminEmail);
    await page.locator('#password').fill(tenant.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header.shoal-header').waitFor();
    await expectClean(page, watch, 'app home');

    await page.goto(`/app/${tenant.slug}/o/hotel`);
    await page.locator('#main .ant-table-tbody a').first().waitFor();
    // The stored markup is shown literally.
    expect(await page.locator('#main .ant-table-tbody a').first().textContent()).toBe(payloads.img);
    await expectClean(page, watch, 'hotel list');
    await screenshot(page, 'hardening-xss-app-list');

    await page.goto(`/app/${tenant.slug}/o/hotel/${hotelId}`);
    await page.locator('#record-title').waitFor();
    expect(await page.locator('#record-title').textContent()).toContain(payloads.img);
    await expectClean(page, watch, 'hotel record');

    await page.goto(`/app/${tenant.slug}/o/lead`);
    await page.locator('#main .ant-table-tbody a').first().waitFor();
    await expectClean(page, watch, 'lead list');

    await page.goto(`/app/${tenant.slug}/o/lead/${leadId}`);
    await page.locator('#record-title').waitFor();
    expect(await page.locator('#record-title').textContent()).toContain(payloads.script);
    // A javascript: URL in a text field never becomes a live link.
    const jsLinks = await page.locator('a[href^="javascript:" i]').count();
    expect(jsLinks).toBe(0);
    await expectClean(page, watch, 'lead record');
    await screenshot(page, 'hardening-xss-app-record');
    expect(watch.errors, 'page errors').toEqual([]);
    await context.close();
  });

  it('/studio: object editor and the Monaco code view show the payloads inertly, with no CSP violation', async () => {
    const context = await newContext();
    const watch: Watch = { dialogs: [], violations: [], errors: [] };
    const page = await watchedPage(context, watch);
    await page.goto(`/studio/${tenant.slug}/objects/hotel`);
    await page.getByLabel('Email').fill(tenant.adminEmail);
    await page.getByLabel('Password').fill(tenant.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('save-status').count(), { timeout: 20_000 }).toBe(1);
    await page.getByText('Name <img', { exact: false }).first().waitFor().catch(() => undefined);
    await expectClean(page, watch, 'studio object editor');
    await screenshot(page, 'hardening-xss-studio-object');

    await page.goto(`/studio/${tenant.slug}/code`);
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await expectClean(page, watch, 'studio code view (Monaco)');
    await screenshot(page, 'hardening-xss-studio-code');
    expect(watch.errors, 'page errors').toEqual([]);
    await context.close();
  });

  it('/api/t/{t}/docs: the API reference (tenant name with a payload) loads under the CSP', async () => {
    const context = await newContext();
    const watch: Watch = { dialogs: [], violations: [], errors: [] };
    const page = await watchedPage(context, watch);
    await page.goto(`/api/t/${tenant.slug}/docs`);
    await page.locator('#sign-in-form').waitFor();
    expect(await page.title()).toContain(payloads.img);
    await page.locator('input[name=email]').fill(tenant.adminEmail);
    await page.locator('input[name=password]').fill(tenant.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#session-user').filter({ hasText: tenant.adminEmail }).waitFor();
    await page.locator('#swagger-ui .opblock-tag').first().waitFor({ timeout: 30_000 });
    await expectClean(page, watch, 'API docs');
    await screenshot(page, 'hardening-xss-docs');
    // The detector itself works: markup injected into the DOM is reported and blocked by the CSP.
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), payloads.img);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
    await context.close();
    // And the session API still answers after all of it.
    expect((await new ApiClient(ctx.server.url).get('/healthz')).status).toBe(200);
  });

  it('/api/docs: the platform operator’s reference, linked from the tenant’s, loads under the CSP without signing in', async () => {
    const context = await newContext();
    const watch: Watch = { dialogs: [], violations: [], errors: [] };
    const page = await watchedPage(context, watch);
    await page.goto(`/api/t/${tenant.slug}/docs`);
    await page.getByRole('link', { name: 'The platform operator\'s API (tenants, health)' }).click();
    await page.waitForURL('**/api/docs');
    await page.locator('#swagger-ui .opblock-tag').first().waitFor({ timeout: 30_000 });
    await page.locator('#swagger-ui .opblock-tag', { hasText: 'Tenants' }).waitFor();
    await page.locator('.btn.authorize').waitFor();
    await expectClean(page, watch, 'operator API docs');
    await screenshot(page, 'hardening-operator-docs');
    expect(watch.errors, 'page errors').toEqual([]);
    await context.close();
  });
});

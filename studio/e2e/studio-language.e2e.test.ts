import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, openStudio, screenshot, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio(); }, 120_000);
afterAll(() => closeStudio(session));

it('speaks the language the person keeps with their account in a browser that never chose one, and keeps a choice made there', async () => {
  const { browser, ctx, tenant } = session!;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  // Chosen in the app on another device: Chinese.
  expect((await tenant.admin.patch(api('/me'), { locale: 'zh' })).status).toBe(200);

  // A fresh English browser with no studio language of its own.
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}`);
  await page.getByLabel('Email').fill(tenant.adminEmail);
  await page.getByLabel('Password').fill(tenant.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: '检查并发布' }).waitFor();
  await screenshot(page, 'studio-account-language');

  // Switched here to English: kept with the account, so the app and other devices follow.
  await page.locator('.ant-layout-header .ant-segmented').getByText('EN', { exact: true }).click();
  await page.getByRole('button', { name: 'Review & publish' }).waitFor();
  await expect.poll(async () => (await tenant.admin.get(api('/me'))).body.locale, { timeout: 10_000 }).toBe('en');
  await context.close();
}, 120_000);

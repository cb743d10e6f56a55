import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { slowly } from '../../testing/browser.ts';
import { artifact, clickUntil, demoUser, demoWithBrowser, desktop, expectToast, listedTitles, newContext, pickOption, popconfirmDone, pressUntilHeard, signIn, speak } from './e2e-helpers.ts';

/**
 * What a screen offers is about the record in front of the user, not the one before it: the
 * release and assign dialogs open empty for the next lead, the board offers moves only for the
 * cards the server lets move, and an import closed at once still brings its rows into the list.
 */
describe('no state left over from the record before (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  const bd1 = demoUser(demo, 'bd1@hotel.demo');
  const bd2 = demoUser(demo, 'bd2@hotel.demo');
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  async function open(path: string, email: string, name: string): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-fresh-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}${path}`);
    await signIn(page, email, 'shoal-demo', /登\s*录/);
    await speak(page, 'zh');
    return page;
  }

  /** Public leads of the demo in 新线索, the first `count` given to `userId` by the admin. */
  async function publicLeads(count: number, given: number, userId: string): Promise<Array<{ id: string; name: string }>> {
    const leads = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { poolState: 'public', stage: 'new' }, limit: count, orderBy: 'createdAt' })).body.data as Array<{ id: string; name: string }>;
    expect(leads.length).toBe(count);
    for (const lead of leads.slice(0, given)) expect((await demo.tenant.admin.post(api('/pools/leadPool/assign'), { id: lead.id, userId })).status).toBe(200);
    return leads;
  }
  const stageOf = async (id: string) => (await demo.tenant.admin.get(api(`/records/lead/${id}`))).body as { stage: string; poolState: string };

  it('a BD releases two leads in a row: the second release opens with an empty reason and 释放 disabled', async () => {
    const [first, second] = await publicLeads(2, 2, bd2.id);
    const page = await open('/pools/leadPool/mine', 'bd2@hotel.demo', 'release-twice');
    await page.getByRole('button', { name: `释放「${first!.name}」` }).click();
    let dialog = page.locator('.ant-modal', { hasText: first!.name });
    await dialog.locator('#release-reason').fill('老板说明年再谈');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /释\s*放/ }).click();
    await expectToast(page, '已释放回公海');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: `释放「${second!.name}」` }).click();
    dialog = page.locator('.ant-modal', { hasText: second!.name });
    await dialog.locator('#release-reason').waitFor();
    expect(await dialog.locator('#release-reason').inputValue()).toBe('');
    expect(await dialog.locator('.ant-modal-footer').getByRole('button', { name: /释\s*放/ }).isDisabled()).toBe(true);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stageOf(second!.id)).toMatchObject({ poolState: 'private' });
    await page.context().close();
  });

  it('a manager assigns one public lead, then opens 分配 on the next: nobody is picked for it', async () => {
    const page = await open('/pools/leadPool/public', 'manager@hotel.demo', 'assign-twice');
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const name = async () => (await rows.first().locator('a').first().textContent())!;
    const firstName = await name();
    await rows.first().getByRole('button', { name: /分\s*配/ }).click();
    let dialog = page.locator('.ant-modal', { hasText: firstName });
    await pickOption(page, dialog.locator('#assign-user'), 'bd3@hotel.demo', { contains: true });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => name(), { timeout: 10_000 }).not.toBe(firstName);

    const nextName = await name();
    await rows.first().getByRole('button', { name: /分\s*配/ }).click();
    dialog = page.locator('.ant-modal', { hasText: nextName });
    await dialog.locator('#assign-user').waitFor();
    expect(await dialog.locator('.ant-select').first().textContent()).not.toContain('bd3@hotel.demo');
    expect(await dialog.locator('.ant-modal-footer .ant-btn-primary').isDisabled()).toBe(true);
    await page.context().close();
  });

  it('on the board a BD cannot pick up a public lead and has no 移动到 for it; their own lead moves, and not back against the pipeline', async () => {
    const [owned, unheld] = await publicLeads(2, 1, bd1.id);
    // 已联系 asks for the contact: the BD's lead has it, so the move asks nothing more.
    expect((await demo.tenant.admin.patch(api(`/records/lead/${owned!.id}`), { contactName: '王经理', contactPhone: '13800000009' })).status).toBe(200);
    const page = await open('/o/lead', 'bd1@hotel.demo', 'board-public');
    await page.locator('#list-title').waitFor();
    await page.getByText('看板', { exact: true }).click();
    const search = page.getByPlaceholder('按名称搜索线索');
    const card = (name: string) => page.locator('.shoal-kanban [aria-roledescription="card"]', { hasText: name });
    const column = (stage: string) => page.locator('.shoal-kanban-column', { has: page.getByText(stage, { exact: true }) });

    await search.fill(unheld!.name);
    await search.press('Enter');
    await column('新线索').locator('[aria-roledescription="card"]', { hasText: unheld!.name }).waitFor();
    expect(await card(unheld!.name).getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByRole('button', { name: `移动到… ${unheld!.name}` }).count()).toBe(0);

    await search.fill(owned!.name);
    await search.press('Enter');
    await column('新线索').locator('[aria-roledescription="card"]', { hasText: owned!.name }).waitFor();
    expect(await card(owned!.name).getAttribute('aria-disabled')).toBe('false');
    await page.getByRole('button', { name: `移动到… ${owned!.name}` }).waitFor();
    const live = page.locator('[id^="DndLiveRegion"]');
    const heard = async () => (await live.textContent()) ?? '';
    await card(owned!.name).focus();
    await page.keyboard.press('Space');
    await expect.poll(heard, { timeout: 10_000 }).toContain(`已拿起「${owned!.name}」（新线索）`);
    await pressUntilHeard(page, 'ArrowRight', heard, `「${owned!.name}」位于 已联系`);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await stageOf(owned!.id)).stage, { timeout: 10_000 }).toBe('contacted');
    await column('已联系').locator('[aria-roledescription="card"]', { hasText: owned!.name }).waitFor();

    // Back to 新线索 is no move of a forward pipeline: refused here, said so, and nothing sent.
    await card(owned!.name).focus();
    await page.keyboard.press('Space');
    await expect.poll(heard, { timeout: 10_000 }).toContain(`已拿起「${owned!.name}」（已联系）`);
    await pressUntilHeard(page, 'ArrowLeft', heard, `「${owned!.name}」位于 新线索`);
    await page.keyboard.press('Space');
    await expectToast(page, `「${owned!.name}」不能从已联系移到新线索`);
    await expect.poll(heard, { timeout: 10_000 }).toContain(`「${owned!.name}」不能从已联系移到新线索`);
    await column('已联系').locator('[aria-roledescription="card"]', { hasText: owned!.name }).waitFor();
    expect((await stageOf(owned!.id)).stage).toBe('contacted');
    await artifact(page, 'board-bd-public-and-own');
    await page.context().close();
  });

  it('an import closed right after it starts still brings its rows into the list, and says how it went with its refused rows a click away', async () => {
    const page = await open('/o/hotel', 'manager@hotel.demo', 'import-closed');
    await page.locator('#list-title').waitFor();
    // The list shows only this test's hotels (none yet): a reload is what brings them in.
    const search = page.getByPlaceholder(/搜索酒店/);
    await search.fill('速导');
    await search.press('Enter');
    await page.locator('#main').getByText('没有符合条件的记录').waitFor();
    // The job's progress comes late: the dialog is closed before it has seen any row.
    const jobs = `**/api/t/${demo.tenant.slug}/jobs/*`;
    await page.route(jobs, slowly(2_000));
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '从 CSV 文件导入酒店' });
    const file = '\uFEFF酒店名称,城市\r\n速导甲酒店,上海\r\n速导乙酒店,北京\r\n,上海\r\n';
    await dialog.locator('input[type=file]').setInputFiles({ name: 'hotels.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '开始导入' }).click();
    await dialog.getByText(/可以关闭此窗口/).waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(async () => (await listedTitles(page)).sort(), { timeout: 30_000 }).toEqual(['速导乙酒店', '速导甲酒店']);
    const notice = page.locator('.ant-notification-notice', { hasText: '酒店导入已完成' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('完成：新增 2 条，更新 0 条；1 行未导入');
    await artifact(page, 'import-closed-notification');
    await notice.getByRole('button', { name: /查看结果/ }).click();
    await dialog.getByText(/^第 4 行/).waitFor();
    // Pressed while the dialog still zooms in, 关闭 can be lost: pressed until the dialog goes.
    await clickUntil(dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }), popconfirmDone(dialog));
    await dialog.waitFor({ state: 'hidden' });
    // Another import starts afresh.
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '开始导入' }).waitFor();
    expect(await dialog.textContent()).not.toContain('第 4 行');
    await page.unroute(jobs);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });

  it('an import left for another page is reported in 通知, which opens its results on the list', async () => {
    const page = await open('/o/hotel', 'manager@hotel.demo', 'import-left');
    await page.locator('#list-title').waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '从 CSV 文件导入酒店' });
    const file = '\uFEFF酒店名称,城市\r\n离开甲酒店,上海\r\n,上海\r\n';
    await dialog.locator('input[type=file]').setInputFiles({ name: 'hotels.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '开始导入' }).click();
    await dialog.locator('.ant-progress').waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Off to the notifications before (or whenever) the job ends: the list and its in-page notice are gone.
    await page.goto(`/app/${demo.tenant.slug}/notifications`);
    const notice = page.locator('#main').getByRole('link', { name: '导入完成：新增 1 条，更新 0 条；1 行未导入' });
    await expect.poll(async () => {
      if (await notice.count() > 0) return true;
      await page.reload();
      await page.locator('#notices-title').waitFor();
      return notice.count().then((n) => n > 0);
    }, { timeout: 30_000 }).toBe(true);
    await artifact(page, 'import-notified');
    await notice.click();
    await page.locator('#list-title').waitFor();
    await dialog.getByText(/^第 3 行/).waitFor();
    expect(await dialog.textContent()).toContain('完成：新增 1 条，更新 0 条');
    expect(new URL(page.url()).searchParams.get('import')).not.toBeNull();
    await clickUntil(dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }), popconfirmDone(dialog));
    await dialog.waitFor({ state: 'hidden' });
    // Shown once: the address no longer asks for it, so a reload shows the list alone.
    await expect.poll(() => new URL(page.url()).searchParams.get('import')).toBeNull();
    await page.reload();
    await page.locator('#list-title').waitFor();
    expect(await page.locator('.ant-modal').count()).toBe(0);
    await page.context().close();
  });
});

import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, clickUntil, demoWithBrowser, newContext, openedPicker, phone, popconfirmDone, signIn } from './e2e-helpers.ts';

/**
 * A BD of the hotel demo on a phone (390×844) in Chinese, through a working day: what they are
 * offered is what the server lets them do, and the screens read in Chinese at that size.
 */
describe('a BD\'s day on the phone, in Chinese (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  let bd1: { id: string };
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  beforeAll(async () => {
    const users = (await demo.tenant.admin.get(api('/users?limit=100'))).body.data as Array<{ id: string; email: string }>;
    bd1 = users.find((u) => u.email === 'bd1@hotel.demo')!;
  });

  async function open(path: string, name: string): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: phone });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-phone-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}${path}`);
    await signIn(page, 'bd1@hotel.demo', 'shoal-demo', /登\s*录/);
    return page;
  }

  const firstLead = async (where: Record<string, unknown>) =>
    (await demo.tenant.admin.post(api('/records/lead/query'), { where, limit: 1 })).body.data[0] as { id: string; name: string };

  it('offers 添加拜访 on the BD\'s own lead, not on a public one (the server would refuse that visit)', async () => {
    const publicLead = await firstLead({ poolState: 'public', stage: 'new' });
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    const page = await open(`/o/lead/${publicLead.id}`, 'public-lead');
    const visits = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: /^拜访记录/ }) });
    await page.locator('#record-title', { hasText: publicLead.name }).waitFor();
    await visits.locator('.ant-card-head-title', { hasText: '拜访记录 (0)' }).waitFor();
    // None yet: no filter was set that nothing would match.
    await visits.getByText('暂无拜访记录', { exact: true }).waitFor();
    expect(await visits.getByText('没有符合条件的记录').count()).toBe(0);
    // What the BD can do here is claim it.
    await page.getByRole('button', { name: /领\s*取/ }).waitFor();
    expect(await visits.getByRole('button', { name: '添加拜访' }).count()).toBe(0);

    await page.goto(`/app/${demo.tenant.slug}/o/lead/${own.id}`);
    await page.locator('#record-title', { hasText: own.name }).waitFor();
    await visits.getByRole('button', { name: '添加拜访' }).waitFor();
    await page.context().close();
  });

  it('a new visit says at once when the BD may not add it to the lead picked (a public one), not after the form is filled', async () => {
    const publicLead = await firstLead({ poolState: 'public', stage: 'new' });
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    const page = await open(`/o/visit/new?lead=${publicLead.id}`, 'visit-public-lead');
    await page.locator('#create-title').waitFor();
    await page.locator('#main', { hasText: '你的角色不能为这条线索添加拜访' }).waitFor();
    const checked = page.waitForResponse((response) => response.url().includes(`/records/lead/${own.id}?`) && response.url().includes('include=creatable'));
    await page.goto(`/app/${demo.tenant.slug}/o/visit/new?lead=${own.id}`);
    await page.locator('#create-title').waitFor();
    await page.locator('#root_visitedAt').waitFor();
    // The check of the lead picked has answered (and the page has settled since): it must not have spoken.
    expect((await checked).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#main', { hasText: '你的角色不能为这条线索添加拜访' }).count()).toBe(0);
    await page.context().close();
  });

  it('a new visit\'s lead picker lists only the BD\'s own leads, says how many it left out, and finds a public one by name no more', async () => {
    const own = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { owner: bd1.id }, limit: 500, fields: ['name'] })).body.data as Array<{ name: string }>;
    const publicLead = await firstLead({ poolState: 'public', stage: 'new' });
    const page = await open('/o/visit/new', 'visit-lead-picker');
    await page.locator('#create-title').waitFor();
    await page.locator('#root_lead').click();
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await dropdown.locator('.ant-select-item-option').first().waitFor();
    await dropdown.getByText(/已隐藏 \d+ 条你不能为其添加拜访的线索，可输入名称查找其他/).waitFor();
    const offered = await dropdown.locator('.ant-select-item-option').evaluateAll((all) => all.map((o) => o.getAttribute('title') ?? o.textContent ?? ''));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.filter((title) => !own.some((l) => l.name === title))).toEqual([]);
    await artifact(page, 'phone-bd-visit-lead-picker');
    // A public lead's exact name finds nothing the BD could save.
    await page.locator('#root_lead').fill(publicLead.name);
    await expect.poll(() => dropdown.locator('.ant-select-item-option').count(), { timeout: 10_000 }).toBe(0);
    await dropdown.getByText(/已隐藏 \d+ 条你不能为其添加拜访的线索/).waitFor();
    await page.context().close();
  });

  it('the board fits the phone: a stage\'s count and each card\'s 移动到… menu are on screen, the next stage peeks in', async () => {
    const page = await open('/o/lead', 'board-width');
    await page.locator('#list-title').waitFor();
    await page.getByText('看板', { exact: true }).click();
    const column = page.locator('.shoal-kanban-column').first();
    await column.locator('[aria-roledescription="card"]').first().waitFor();
    const right = async (locator: ReturnType<Page['locator']>) => { const box = (await locator.boundingBox())!; return box.x + box.width; };
    expect(await right(column)).toBeLessThanOrEqual(390);
    expect((await page.locator('.shoal-kanban-column').nth(1).boundingBox())!.x).toBeLessThan(390);
    await artifact(page, 'phone-bd-board');
    // The BD's own leads have the menu (public ones, all in the first stage, cannot move): in view, it fits too.
    const owned = page.locator('.shoal-kanban-column').filter({ has: page.getByRole('button', { name: '移动到…' }) }).first();
    await owned.scrollIntoViewIfNeeded();
    const menus = owned.getByRole('button', { name: '移动到…' });
    expect(await menus.count()).toBeGreaterThan(0);
    expect(await right(owned)).toBeLessThanOrEqual(390);
    for (const edge of await menus.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().right))) expect(edge).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('a lead is marked lost (标记为已流失), not advanced to it (推进到已流失)', async () => {
    const open_ = await firstLead({ owner: bd1.id, poolState: 'private', stage: { $in: ['confirmed', 'negotiating'] } });
    const page = await open(`/o/lead/${open_.id}`, 'stage-words');
    await page.locator('#record-title', { hasText: open_.name }).waitFor();
    await page.getByRole('button', { name: '标记为已流失' }).waitFor();
    expect(await page.getByRole('button', { name: /推进到已流失/ }).count()).toBe(0);
    await page.getByRole('button', { name: '推进到已签约' }).waitFor();
    await page.context().close();
  });

  it('notes typed into a lead and not saved are not lost to a tap on 线索: the BD is asked first, and stays if they say so', async () => {
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    const page = await open(`/o/lead/${own.id}`, 'leave-unsaved');
    await page.locator('#record-title', { hasText: own.name }).waitFor();
    const back = page.locator('#main').getByRole('link', { name: '返回线索', exact: true });
    // Nothing typed: the link just goes.
    await back.click();
    await page.locator('#list-title').waitFor();
    await page.goBack();
    await page.locator('#record-title', { hasText: own.name }).waitFor();
    await page.locator('#root_notes').fill('下周二带合同样本再访');
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await back.click();
    await expect.poll(() => asked).toEqual(['有修改尚未保存，确定离开并放弃这些修改吗？']);
    expect(await page.locator('#root_notes').inputValue()).toBe('下周二带合同样本再访');
    expect(new URL(page.url()).pathname).toBe(`/app/${demo.tenant.slug}/o/lead/${own.id}`);
    // Saved, it goes without asking.
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
    await back.click();
    await page.locator('#list-title').waitFor();
    await page.context().close();
  });

  it('the public pool offers no condition on a field it hides while public (联系电话 matches no public lead for a BD)', async () => {
    const page = await open('/pools/leadPool/public', 'public-hidden-filter');
    await page.locator('#main .shoal-card-list .ant-card').first().waitFor();
    await page.getByRole('button', { name: /筛\s*选/ }).click();
    await page.getByRole('button', { name: /条\s*件$/ }).first().click();
    const fieldSelect = page.locator('#main .ant-select', { hasText: '字段' }).first();
    await fieldSelect.click();
    await page.keyboard.type('联系');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.first().waitFor();
    const offered = await options.allTextContents();
    expect(offered).toContain('联系人');
    expect(offered).not.toContain('联系电话');
    await page.context().close();
  });

  it('controls are big enough for a finger: the bell, and the 延期 / 释放 / 领取 / 添加拜访 buttons', async () => {
    const page = await open('/pools/leadPool/mine', 'tap-sizes');
    await page.locator('#mine-title').waitFor();
    const cards = page.locator('#main .shoal-card-list .ant-card');
    await cards.first().getByRole('button', { name: /释\s*放/ }).waitFor();
    const sizes = async (buttons: ReturnType<Page['locator']>) =>
      buttons.evaluateAll((all) => all.map((b) => { const r = b.getBoundingClientRect(); return `${(b.textContent ?? '').trim()} ${Math.round(r.width)}×${Math.round(r.height)}`; }));
    const small = (list: string[], min: number) => list.filter((s) => { const [w, h] = s.split(' ').pop()!.split('×').map(Number); return w! < min || h! < min; });
    expect(small(await sizes(cards.locator('button')), 32)).toEqual([]);
    expect(small(await sizes(page.locator('header.shoal-header').locator('a[aria-label^="通知"], button')), 40)).toEqual([]);

    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/public`);
    await cards.first().getByRole('button', { name: /领\s*取/ }).waitFor();
    expect(small(await sizes(cards.locator('button')), 32)).toEqual([]);
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    await page.goto(`/app/${demo.tenant.slug}/o/lead/${own.id}`);
    await page.getByRole('button', { name: '添加拜访' }).waitFor();
    expect(small(await sizes(page.getByRole('button', { name: '添加拜访' })), 32)).toEqual([]);
    // The dashboards' period switch (近 30 天 / 近 90 天 / 全部).
    await page.goto(`/app/${demo.tenant.slug}/dashboards`);
    const periods = page.locator('#main .ant-segmented-item', { hasText: /近 30 天|近 90 天|全部/ });
    await periods.first().waitFor();
    expect(small(await sizes(periods), 32)).toEqual([]);
    await page.context().close();
  });

  it('logs a visit of last month: the date-time picker fits the phone, month arrows and 确定 on screen', async () => {
    const own = await firstLead({ owner: bd1.id, poolState: 'private' });
    const page = await open(`/o/visit/new?lead=${own.id}`, 'visit-picker');
    await page.locator('#create-title').waitFor();
    // A date and a time are asked for, and it says so (antd's own words are 请选择日期).
    expect(await page.locator('#root_visitedAt').getAttribute('placeholder')).toBe('请选择日期和时间');
    await page.locator('#root_visitedAt').click();
    const dropdown = await openedPicker(page);
    const inView = async (selector: string) => {
      const box = (await dropdown.locator(selector).first().boundingBox())!;
      return box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844;
    };
    expect(await inView('.ant-picker-header-prev-btn')).toBe(true);
    expect(await inView('.ant-picker-header-super-prev-btn')).toBe(true);
    expect(await inView('.ant-picker-ok button')).toBe(true);
    await artifact(page, 'phone-bd-visit-picker');
    // Last month, the 15th, 09:30.
    await dropdown.locator('.ant-picker-header-prev-btn').click();
    await dropdown.locator('.ant-picker-cell-in-view', { hasText: /^15$/ }).click();
    await dropdown.locator('.ant-picker-time-panel-column').nth(0).locator('li', { hasText: /^09$/ }).click();
    await dropdown.locator('.ant-picker-time-panel-column').nth(1).locator('li', { hasText: /^30$/ }).click();
    await dropdown.locator('.ant-picker-ok button').click();
    const lastMonth = new Date(Date.now() + 8 * 3600_000);
    lastMonth.setUTCDate(1);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    await expect.poll(() => page.locator('#root_visitedAt').inputValue()).toBe(`${lastMonth.toISOString().slice(0, 7)}-15 09:30`);
    await page.context().close();
  });

  it('offers 延期 only while the hold has an extension left (the pool allows one): not after it, on the lead nor on its card', async () => {
    const held = (await demo.tenant.admin.get(api(`/pools/leadPool/mine?owner=${bd1.id}&limit=100`))).body.data as Array<{ id: string; name: string; releaseAt: string | null; releaseDueTo: string | null; extensionsLeft: number }>;
    // One a visit's deadline releases first: the extension moves the hold, not that.
    const lead = held.find((r) => r.releaseAt !== null && r.extensionsLeft === 1 && r.releaseDueTo === 'no_visit')!;
    expect(lead).toBeDefined();
    const page = await open(`/o/lead/${lead.id}`, 'extend-once');
    await page.locator('#record-title', { hasText: lead.name }).waitFor();
    await page.getByRole('button', { name: /延\s*期/ }).click();
    const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    // Said before the extension is spent: it does not put off the visit.
    const confirm = page.locator('.ant-popconfirm', { hasText: `若 ${shanghai(lead.releaseAt!)} 前仍未拜访，线索届时仍会回收公海` });
    await confirm.waitFor();
    await clickUntil(confirm.getByRole('button', { name: '仍要延期' }), popconfirmDone(confirm));
    await page.locator('.ant-message-notice', { hasText: `但若期间仍未拜访，仍将于 ${shanghai(lead.releaseAt!)} 回收公海` }).waitFor();
    expect(await page.locator('.ant-message-notice').textContent()).toMatch(/^保护期已延至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，但/);
    await expect.poll(() => page.getByRole('button', { name: /延\s*期/ }).count()).toBe(0);
    await page.getByRole('button', { name: /释\s*放/ }).waitFor();

    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/mine`);
    // The count is the limit's: won leads, listed among the cards, are out of it, and it says so.
    await page.locator('.shoal-page-head', { hasText: /持有 \d+ \/ 200 条（已赢单不计）/ }).waitFor();
    const card = page.locator('#main .shoal-card-list .ant-card', { hasText: lead.name });
    await card.getByRole('button', { name: /释\s*放/ }).waitFor();
    expect(await card.getByRole('button', { name: /延\s*期/ }).count()).toBe(0);
    // Others still have theirs.
    expect(await page.locator('#main .shoal-card-list .ant-card').getByRole('button', { name: /延\s*期/ }).count()).toBeGreaterThan(0);
    await page.context().close();
  });
  it('notes typed into a lead and not saved survive a stage move (推进到已联系) and are saved by 保存; a field the move itself fills takes its value, and the form says what was typed', async () => {
    // Two new leads, given to the BD by the manager.
    const leads = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { poolState: 'public', stage: 'new' }, limit: 2 })).body.data as Array<{ id: string; name: string }>;
    expect(leads.length).toBe(2);
    for (const lead of leads) expect((await demo.tenant.admin.post(api('/pools/leadPool/assign'), { id: lead.id, userId: bd1.id })).status).toBe(200);
    const [ready, bare] = leads as [{ id: string; name: string }, { id: string; name: string }];
    // One with the contact 已联系 requires (no prompt), one without a phone (the move asks for it).
    await demo.tenant.admin.patch(api(`/records/lead/${ready.id}`), { contactName: '王经理', contactPhone: '13812345678', notes: null });
    await demo.tenant.admin.patch(api(`/records/lead/${bare.id}`), { contactName: '李经理', contactPhone: null, notes: null });
    const read = async (id: string) => (await demo.tenant.admin.get(api(`/records/lead/${id}`))).body as Record<string, unknown>;

    const page = await open(`/o/lead/${ready.id}`, 'stage-move-unsaved');
    await page.locator('#record-title', { hasText: ready.name }).waitFor();
    await page.locator('#root_notes').fill('前台说经理周三在，带合同样本');
    await page.getByRole('button', { name: '推进到已联系' }).click();
    await page.locator('.ant-message-notice', { hasText: '已移至已联系' }).waitFor();
    // The record reloaded (its stage bar offers the next move), and the notes are still there.
    await page.getByRole('button', { name: '推进到需求确认' }).waitFor();
    await expect.poll(async () => (await read(ready.id)).stage).toBe('contacted');
    expect(await page.locator('#root_notes').inputValue()).toBe('前台说经理周三在，带合同样本');
    // Still not saved: leaving asks.
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await page.locator('#main').getByRole('link', { name: /^返回/ }).click();
    await expect.poll(() => asked).toEqual(['有修改尚未保存，确定离开并放弃这些修改吗？']);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
    await expect.poll(async () => (await read(ready.id)).notes).toBe('前台说经理周三在，带合同样本');
    expect((await read(ready.id)).stage).toBe('contacted');

    // The phone typed into the form, then another one given in the move's prompt: the move's stands, and the form says so.
    await page.goto(`/app/${demo.tenant.slug}/o/lead/${bare.id}`);
    await page.locator('#record-title', { hasText: bare.name }).waitFor();
    await page.locator('#root_notes').fill('约了下周一上门');
    await page.locator('#root_contactPhone').fill('13800000001');
    await page.getByRole('button', { name: '推进到已联系' }).click();
    const prompt = page.locator('.ant-modal');
    await prompt.locator('#stage-contactPhone').fill('13900000002');
    await prompt.getByRole('button', { name: '推进到已联系' }).click();
    await page.locator('.ant-message-notice', { hasText: '已移至已联系' }).waitFor();
    await page.locator('#main [role="alert"]', { hasText: '联系电话（你输入的是「13800000001」）' }).waitFor();
    expect(await page.locator('#root_contactPhone').inputValue()).toBe('13900000002');
    expect(await page.locator('#root_notes').inputValue()).toBe('约了下周一上门');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message-notice', { hasText: '已保存' }).nth(0).waitFor();
    await expect.poll(async () => (await read(bare.id)).notes).toBe('约了下周一上门');
    expect(await read(bare.id)).toMatchObject({ stage: 'contacted', contactPhone: '13900000002' });
    await page.context().close();
  });
});

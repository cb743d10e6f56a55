import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, confirmDialog, draftSaved, menu, openDialog, openStudio, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/**
 * A home-cleaning business (家政服务) set up from a blank tenant by an owner who names everything
 * in Chinese: the studio names fields, options, stages and columns by those names, not by the
 * pinyin keys made from them, and says that a pool would give signed customers away.
 */
it('sets up 家政服务 in Chinese: defaults and columns by their names, and won leads kept out of the public pool', () => recorded(session!, 'studio-home-cleaning', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const draft = async () => (await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document;
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects`);
  await signIn(s);

  s.step = '客户线索 with a select typed in Chinese';
  let dialog = await openDialog(page, '新建对象');
  await dialog.getByLabel('中文名称').fill('客户线索');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('keHuXianSuo');
  await confirmDialog(dialog, '添 加');
  dialog = await openDialog(page, '添加字段');
  await dialog.getByLabel('中文名称').fill('服务类型');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('fuWuLeiXing');
  await choose(page, dialog.getByLabel('类型'), /^单选$/);
  for (const option of ['日常保洁', '深度保洁']) {
    await dialog.getByLabel('选项').fill(option);
    await dialog.getByLabel('选项').press('Enter');
  }
  await confirmDialog(dialog, '添 加');
  await draftSaved(page, 'zh');

  s.step = 'the field’s drawer is titled by its name, and its default offers the options by theirs';
  const drawer = page.locator('.ant-drawer-open');
  await pressUntil(page.getByRole('button', { name: '字段 fuWuLeiXing 的选项' }), drawer, 'visible');
  await drawer.getByText('字段“服务类型”').waitFor();
  await drawer.getByLabel('默认值').click();
  const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option');
  await expect.poll(() => offered.allInnerTexts()).toEqual(['日常保洁 (riChangBaoJie)', '深度保洁 (shenDuBaoJie)']);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await draft()).objects.keHuXianSuo.fields.fuWuLeiXing.default, { timeout: 15_000 }).toBe('riChangBaoJie');
  await drawer.getByRole('button', { name: /^(Close|关闭)$/ }).click();

  s.step = 'a pipeline; its stage field starts on 待跟进, said by name';
  await menu(page, '阶段流程');
  // The screen is empty: its one add button (a plus and 添加).
  dialog = await openDialog(page, /添\s?加$/, '阶段流程');
  await dialog.getByLabel('中文名称').fill('客户跟进');
  await confirmDialog(dialog, '添 加');
  await draftSaved(page, 'zh');
  await menu(page, '对象与字段');
  await pressUntil(page.getByRole('button', { name: '字段 stage 的选项' }), drawer, 'visible');
  await expect.poll(async () => (await drawer.locator('[data-pointer$="/default"] .ant-select').first().innerText()).trim()).toBe('待跟进 (new)');
  await drawer.getByRole('button', { name: /^(Close|关闭)$/ }).click();

  s.step = 'a pool with a hold: it says signed customers would go back to the public pool, and keeps them at a click';
  await menu(page, '线索公海');
  // The screen is empty: its one add button (a plus and 添加).
  dialog = await openDialog(page, /添\s?加$/, '线索公海');
  await dialog.getByLabel('中文名称').fill('客户公海');
  await confirmDialog(dialog, '添 加');
  const warning = page.getByTestId('pool-won-released');
  await expect.poll(() => warning.innerText()).toContain('已赢单的客户线索也会被自动释放：保护期满（或太久没有拜访）时，即使已进入“赢单”，也会回到公海，被别人领走。');
  await screenshot(page, 'studio-home-cleaning-won-released');
  await warning.getByRole('button', { name: '赢单后不再释放' }).click();
  await warning.waitFor({ state: 'hidden' });
  await draftSaved(page, 'zh');
  expect((await draft()).pools.keHuXianSuoPool.exempt).toEqual({ stage: { $in: ['won'] } });

  s.step = 'the list layout names its columns as the app does, for the drag handles and remove buttons too';
  await menu(page, '页面布局');
  // The screen is empty: its one add button (a plus and 添加).
  dialog = await openDialog(page, /添\s?加$/, '页面布局');
  await confirmDialog(dialog, '添 加');
  await page.getByRole('tab', { name: '列表' }).first().click();
  const columns = page.locator('[data-pointer="/layouts/keHuXianSuo/list/columns"]');
  await columns.getByRole('button', { name: /^拖动 服务类型（/ }).waitFor();
  await columns.getByRole('button', { name: '删除列 负责人' }).click();
  await draftSaved(page, 'zh');
  expect((await draft()).layouts.keHuXianSuo.list.columns).not.toContain('owner');

  s.step = 'a role without rules yet is pointed out in the publish review, with a link to it';
  await menu(page, '角色权限');
  const roleDialog = page.getByRole('dialog', { name: '角色权限' });
  await pressUntil(page.getByRole('button', { name: /添\s?加/ }).first(), roleDialog, 'visible');
  await roleDialog.getByLabel('标识').fill('zhuGuan');
  await confirmDialog(roleDialog, '添 加');
  await draftSaved(page, 'zh');
  expect((await draft()).roles.zhuGuan).toEqual([]);

  s.step = 'published: the exempt filter is one the server takes';
  await page.getByRole('button', { name: '检查并发布' }).first().click();
  await page.getByTestId('empty-roles').getByRole('link', { name: 'zhuGuan：没有规则——请添加它可以查看和操作的内容' }).waitFor();
  const publish = page.getByRole('button', { name: /^cloud-upload 发\s?布$/ });
  await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true);
  await pressUntil(publish, page.getByText('版本 2 已上线'), 'visible');
  expect(s.problems).toEqual([]);
}), 150_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, confirmDialog, draftSaved, openDialog, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** A cleaning company's owner, working in Chinese, who names roles rather than typing keys. */
const document = {
  name: '家政服务',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  objects: {
    keHu: {
      label: { zh: '客户' }, titleField: 'name',
      fields: { name: { type: 'text', required: true, label: { zh: '名称' } }, dianHua: { type: 'phone', label: { zh: '电话' } } },
    },
  },
  views: { woDeKeHu: { object: 'keHu', label: { zh: '我的客户' }, where: { owner: '$user.id' } } },
  roles: { admin: { all: true }, bd: [{ object: 'keHu', actions: ['read'] }] },
};

/** antd spaces out a two-character Chinese button label (添 加). */
const add = /^添\s?加$/;

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document), locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('adds a role by its name 主管 (key zhuGuan), shows the name wherever roles are listed or picked, and says why a key typed as BD is refused', () => recorded(session!, 'studio-role-names', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const draft = async () => (await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document;

  s.step = 'a role named 主管: its key is the pinyin, the role keeps the name';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/roles`);
  await signIn(s);
  const dialog = await openDialog(page, add, '角色权限');
  await dialog.getByLabel('中文名称').fill('主管');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('zhuGuan');
  await confirmDialog(dialog, add);
  await draftSaved(page, 'zh');
  expect((await draft()).roles.zhuGuan).toEqual({ label: { zh: '主管' }, rules: [] });

  s.step = 'the list names it 主管, its key and what it may do beside; the editor holds the name';
  await page.getByRole('menuitem', { name: /^主管\s*zhuGuan · 0 条规则/ }).waitFor();
  await page.getByRole('menuitem', { name: /^bd\s*1 条规则/ }).waitFor();
  await expect.poll(() => page.locator('[data-pointer="/roles/zhuGuan/label"]').getByLabel('中文名称').inputValue()).toBe('主管');

  s.step = 'a rule added to the named role goes under its rules';
  await page.getByRole('button', { name: '添加规则' }).click();
  await draftSaved(page, 'zh');
  expect((await draft()).roles.zhuGuan).toEqual({ label: { zh: '主管' }, rules: [{ object: 'keHu', actions: ['read'] }] });

  s.step = 'BD typed as the key is refused, and the reason stays beside the box';
  const key = page.getByRole('textbox', { name: '标识', exact: true });
  await key.fill('BD');
  await key.press('Enter');
  await page.getByRole('alert').filter({ hasText: '未采用“BD”：以小写字母开头，只能包含字母和数字。' }).waitFor();
  await expect.poll(() => key.inputValue()).toBe('zhuGuan');
  await screenshot(page, 'studio-role-names-refused-key');
  // The next keystroke clears it.
  await key.fill('zhuGuan2');
  await expect.poll(() => page.getByRole('alert').filter({ hasText: '未采用' }).count()).toBe(0);
  await key.fill('zhuGuan');
  await key.press('Escape');

  s.step = 'a view is shown to 主管 by its name';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/views/woDeKeHu`);
  await choose(page, page.getByRole('combobox', { name: '可见角色' }), '主管 (zhuGuan)');
  await page.keyboard.press('Escape');
  await draftSaved(page, 'zh');
  expect((await draft()).views.woDeKeHu.roles).toEqual(['zhuGuan']);
  await page.locator('[data-pointer="/views/woDeKeHu/roles"] .ant-select-selection-item', { hasText: '主管 (zhuGuan)' }).waitFor();

  s.step = 'a phone field says what the server checks instead of having no options';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/keHu`);
  await page.getByRole('button', { name: '字段 dianHua 的选项' }).click();
  await expect.poll(async () => (await page.getByTestId('format-checked').textContent()) ?? '').toContain('3 到 32 个字符');
  expect(await page.locator('.ant-drawer-open').getByText('该类型没有其他选项。').count()).toBe(0);
  expect(s.problems).toEqual([]);
}));

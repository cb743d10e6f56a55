import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, confirmDialog, draftSaved, openDialog, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';
import { slowly } from '../../runtime/testing/browser.ts';

/** A hotel team whose owner names everything in Chinese only. */
const document = {
  name: '酒店拓展',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  objects: {
    lead: { label: { zh: '线索' }, titleField: 'name', fields: { name: { type: 'text', required: true, label: { zh: '名称' } } } },
  },
  roles: { admin: { all: true } },
};

/** antd spaces out a two-character Chinese button label (添 加). */
const add = /^添\s?加$/;

/** A new field opens its settings in a drawer: closes it. */
async function closeFieldSettings({ page }: StudioSession): Promise<void> {
  await page.locator('.ant-drawer-open').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'hidden' });
}

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document), locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('suggests the key of a field or object named only in Chinese from its pinyin, keeps a key the owner typed, and publishes them', () => recorded(session!, 'studio-chinese-keys', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;

  const before = (await tenant.admin.get(api('/meta'))).body.version as number;

  s.step = 'add a field named 联系人电话 only: its key is the pinyin';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/lead`);
  await signIn(s);
  // The lead's fields are drawn: the screen is ready.
  await page.getByRole('cell', { name: 'name', exact: true }).first().waitFor();
  let dialog = await openDialog(page, '添加字段');
  await dialog.getByLabel('中文名称').fill('联系人电话');
  const key = dialog.getByLabel('标识');
  await expect.poll(() => key.inputValue()).toBe('lianXiRenDianHua');
  await choose(page, dialog.getByLabel('类型'), /^电话$/);
  await screenshot(page, 'studio-chinese-keys-field');
  await confirmDialog(dialog, add);
  await closeFieldSettings(s);

  s.step = 'the same name again gets the next free key; a key the owner typed stays';
  dialog = await openDialog(page, '添加字段');
  await dialog.getByLabel('中文名称').fill('联系人电话');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('lianXiRenDianHua2');
  // An English name, typed key by key, names the key as before.
  await dialog.getByLabel('英文名称').pressSequentially('Backup phone');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('backupPhone');
  await dialog.getByLabel('标识').fill('beiyongDianhua');
  await dialog.getByLabel('英文名称').fill('');
  await dialog.getByLabel('中文名称').fill('备用电话');
  await page.waitForTimeout(500);
  expect(await dialog.getByLabel('标识').inputValue()).toBe('beiyongDianhua');
  await confirmDialog(dialog, add);
  await closeFieldSettings(s);

  s.step = 'a new object named 早餐店 only';
  await page.getByRole('button', { name: '新建对象' }).first().click();
  dialog = page.getByRole('dialog', { name: '新建对象' });
  await dialog.getByLabel('中文名称').fill('早餐店');
  await expect.poll(() => dialog.getByLabel('标识').inputValue()).toBe('zaoCanDian');
  await confirmDialog(dialog, add);
  await draftSaved(page, 'zh');

  s.step = 'publish: the live document has the pinyin keys';
  await page.getByRole('button', { name: '检查并发布' }).click();
  const publish = page.getByRole('button', { name: /(^|\s)发\s?布$/ });
  await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true);
  await publish.click();
  await page.getByText(`版本 ${before + 1} 已上线`).waitFor({ timeout: 20_000 });
  expect(s.problems).toEqual([]);

  const live = await tenant.admin.get(api('/meta'));
  expect(live.body.version).toBe(before + 1);
  expect(live.body.document.objects.lead.fields.lianXiRenDianHua).toEqual({ type: 'phone', label: { zh: '联系人电话' } });
  expect(live.body.document.objects.lead.fields.beiyongDianhua).toEqual({ type: 'text', label: { zh: '备用电话' } });
  expect(live.body.document.objects.zaoCanDian.label).toEqual({ zh: '早餐店' });
  const created = await tenant.admin.post(api('/records/lead'), { name: '锦江之星', lianXiRenDianHua: '+86 138 0000 0001' });
  expect(created.status).toBe(201);
}), 180_000);

it('a key the owner starts typing while pinyin still loads stays theirs (颜色 then colour was yanSecolour)', () => recorded(session!, 'studio-chinese-key-typed', async () => {
  const s = session!;
  const { ctx, tenant } = s;
  // A page of its own: pinyin is not loaded in it yet, and every script it asks for from now on
  // arrives two seconds late (routing also turns the cache off).
  const page = await s.context.newPage();
  try {
    await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/lead`);
    const said = { email: '邮箱', password: '密码' };
    // Signed in already when the first test ran in this browser; else the sign-in form shows.
    await page.getByLabel(said.email).or(page.getByRole('button', { name: '添加字段' })).first().waitFor();
    if (await page.getByLabel(said.email).count()) {
      await page.getByLabel(said.email).fill(tenant.adminEmail);
      await page.getByLabel(said.password).fill(tenant.adminPassword);
      await page.getByRole('button', { name: /^登\s?录$/ }).click();
    }
    await page.getByRole('button', { name: '添加字段' }).waitFor();
    await page.route('**/*.js', slowly(2_000));
    await page.getByRole('button', { name: '添加字段' }).click();
    const dialog = page.getByRole('dialog', { name: '添加字段' });
    await dialog.getByLabel('中文名称').fill('颜色');
    const key = dialog.getByLabel('标识');
    await key.click();
    // The owner is in the key input while the pinyin arrives.
    await page.waitForTimeout(3_000);
    await key.pressSequentially('colour');
    expect(await key.inputValue()).toBe('colour');
  } finally {
    await page.close();
  }
}), 60_000);

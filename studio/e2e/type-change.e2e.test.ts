import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, dentalClinic, draftSaved, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(dentalClinic), locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('makes a text field a phone field in the Chinese studio: no rename with it, and the values that cannot convert are named and can be cleared', () => recorded(session!, 'studio-type-change', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const zhang = await tenant.admin.post(api('/records/huanZhe'), { name: '张三', shouJiHao: '13800000001' });
  const wang = await tenant.admin.post(api('/records/huanZhe'), { name: '王五', shouJiHao: '微信同号' });
  expect([zhang.status, wang.status]).toEqual([201, 201]);
  const typeOf = (key: string) => page.locator(`[data-pointer="/objects/huanZhe/fields/${key}/type"] .ant-select`);

  s.step = 'a renamed field keeps its type until the rename is published or undone';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/huanZhe`);
  await signIn(s);
  const key = page.getByLabel('字段 shouJiHao 的标识');
  await key.fill('phone');
  await key.press('Enter');
  await page.getByText('由 shouJiHao 改名——发布时迁移数据').waitFor();
  await expect.poll(() => typeOf('phone').getAttribute('class')).toContain('ant-select-disabled');
  await typeOf('phone').hover();
  await page.getByText('已由 shouJiHao 改名：改名和改类型要分两次发布。请先发布改名，或把标识改回 shouJiHao。').waitFor();
  const back = page.getByLabel('字段 phone 的标识');
  await back.fill('shouJiHao');
  await back.press('Enter');

  s.step = 'the type changes; then the key waits';
  await expect.poll(() => typeOf('shouJiHao').getAttribute('class')).not.toContain('ant-select-disabled');
  await choose(page, page.getByLabel('字段 shouJiHao 的类型'), '电话');
  await expect.poll(() => page.getByLabel('字段 shouJiHao 的标识').isDisabled()).toBe(true);
  await draftSaved(page, 'zh');

  s.step = 'review: convert the values; the publish is refused for 微信同号, which the studio names and links';
  await page.getByRole('button', { name: '检查并发布' }).click();
  await page.getByRole('button', { name: '转换数据' }).click();
  await page.getByText('患者 · 手机号：将值转换为新类型').first().waitFor();
  await page.getByRole('button', { name: /(^|\s)发\s?布$/ }).click();
  const refused = page.getByTestId('unconvertible');
  await refused.getByText('部分患者记录的手机号值无法转换为「电话」，本次未发布：').waitFor({ timeout: 20_000 });
  expect(await refused.getByRole('link').allTextContents()).toEqual(['微信同号']);
  expect(await refused.getByRole('link').getAttribute('href')).toBe(`/app/${tenant.slug}/o/huanZhe/${wang.body.id}`);
  await screenshot(page, 'studio-type-change-refused');

  s.step = 'clear what cannot convert, and publish';
  await refused.getByRole('button', { name: '清空无法转换的值' }).click();
  await page.getByText('患者 · 手机号：转换值，无法转换的清空').first().waitFor();
  await page.getByRole('button', { name: /(^|\s)发\s?布$/ }).click();
  await page.getByText('版本 3 已上线').waitFor({ timeout: 20_000 });
  expect((await tenant.admin.get(api(`/records/huanZhe/${zhang.body.id}`))).body.shouJiHao).toBe('13800000001');
  expect((await tenant.admin.get(api(`/records/huanZhe/${wang.body.id}`))).body.shouJiHao ?? null).toBeNull();
  expect(s.problems).toEqual([]);
}), 120_000);

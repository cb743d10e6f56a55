import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeStudio, dentalClinic, draftSaved, menu, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(dentalClinic), locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** Replaces the code view's whole text by pasting over it (typed, the editor would close brackets and quotes itself). */
async function replaceCode(page: Page, document: unknown): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(document, null, 2));
  await page.getByTestId('code-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
}

/** The problems the code view marks, as its problem navigation (F8) shows them one after another. */
async function markedProblems(page: Page, count: number): Promise<string[]> {
  const seen: string[] = [];
  await page.getByTestId('code-editor').locator('.view-lines').click();
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('F8');
    const widget = page.locator('.marker-widget .descriptioncontainer .message').first();
    await widget.waitFor();
    seen.push(((await widget.textContent()) ?? '').trim());
  }
  return seen;
}

it('says in Chinese what the code view marks and why the data migrations do not fit the change', () => recorded(session!, 'studio-migration-words', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;

  s.step = 'rename 手机号 to phone in the fields table: a data migration for the publish';
  await page.goto(`${ctx.server.url}/studio/${slug}/objects/huanZhe`);
  await signIn(s);
  const key = page.getByLabel('字段 shouJiHao 的标识');
  await key.fill('phone');
  await key.press('Enter');
  await page.getByText('由 shouJiHao 改名——发布时迁移数据').waitFor();
  await draftSaved(page, 'zh');

  s.step = 'in the code view, a time zone typed as a number is marked in Chinese, by the JSON check and by the server';
  await menu(page, '代码');
  await expect.poll(() => page.getByTestId('code-editor').locator('.view-lines').innerText(), { timeout: 20_000 }).toContain('"phone"');
  const draft = (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document;
  draft.objects.huanZhe.fields.phone.type = 'phone';
  await replaceCode(page, { ...draft, timeZone: 8 });
  await expect.poll(() => page.getByTestId('code-editor').locator('.squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => {
    await page.keyboard.press('Escape');
    return (await markedProblems(page, 2)).sort();
  }, { timeout: 20_000 }).toEqual(['必须是文本 (/timeZone)服务器校验', '类型不对，应为文本。']);
  await screenshot(page, 'studio-migration-words-code');
  await page.keyboard.press('Escape');

  s.step = 'the type changed with the rename: the publish is refused, saying why in Chinese and naming the migration';
  await replaceCode(page, draft);
  await draftSaved(page, 'zh');
  await page.getByRole('button', { name: '检查并发布' }).click();
  await page.getByRole('button', { name: /(^|\s)发\s?布$/ }).click();
  const refused = page.getByTestId('publish-refused');
  await refused.getByText('数据迁移与本次修改不符。').waitFor({ timeout: 20_000 });
  await screenshot(page, 'studio-migration-words-refused');
  expect(await refused.locator('li').allInnerTexts()).toEqual(['患者：字段“手机号” shouJiHao → phone（数据随之迁移） 改名的字段不能同时改类型（原为文本）：请先发布改名，再改类型']);
  expect(s.problems).toEqual([]);
}), 120_000);

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, confirmDialog, draftSaved, moveFirstByKeyboard, openDialog, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** The publish review's row of the change at `path` (exactly: not the rows of changes under it). */
const changeRow = (page: Page, path: string) => page.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${path}$`) }) });

/** A housekeeping company's customer leads in a pool, and nothing yet to record a visit with. */
const housekeeping = {
  name: '家政服务',
  locale: 'zh-CN',
  objects: {
    keHu: { label: { zh: '客户线索' }, titleField: 'name', fields: { name: { type: 'text', label: { zh: '客户姓名' }, required: true }, dianHua: { type: 'phone', label: { zh: '电话' } } } },
  },
  pools: { keHuPool: { object: 'keHu', label: { zh: '客户公海' }, holdDays: 30 } },
  roles: {
    admin: { all: true },
    guWen: [
      { object: 'keHu', actions: ['read', 'update', 'claim', 'release'], where: { $or: [{ owner: '$user.id' }, { poolState: 'public' }] } },
      { object: 'keHu', actions: ['create'] },
    ],
  },
};

it('picks the only object for a new pipeline, creates a visit object for a pool’s no-visit release in one click, and the pool’s advisers can record visits', () => recorded(session!, 'studio-visit-object', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;
  expect((await tenant.admin.put(`/api/t/${slug}/meta/draft`, { document: housekeeping })).status).toBe(200);

  s.step = 'with one object, a new pipeline’s object is chosen already, with its key';
  await page.goto(`${ctx.server.url}/studio/${slug}/pipelines`);
  await signIn(s);
  const newPipeline = await openDialog(page, '添加', '阶段流程');
  expect(await newPipeline.locator('.ant-select').first().innerText()).toContain('客户线索');
  expect(await newPipeline.getByLabel('标识').inputValue()).toBe('keHuFunnel');
  await newPipeline.getByLabel('中文名称').fill('服务流程');
  await confirmDialog(newPipeline, /添\s?加/);
  await expect.poll(async () => (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.pipelines?.keHuFunnel?.object, { timeout: 15_000 }).toBe('keHu');

  s.step = 'a lead nobody visits for 5 days goes back: the pool asks for a visit object, there is none, and it offers to create one';
  await page.goto(`${ctx.server.url}/studio/${slug}/pools`);
  await page.getByLabel('未拜访释放').fill('5');
  const visitObject = page.locator('[data-pointer="/pools/keHuPool/visit/object"]');
  await visitObject.getByText('还没有对象关联到这些记录：可一键创建拜访记录对象').waitFor();
  await page.locator('[data-pointer="/pools/keHuPool/releaseIfNoVisitDays"]').getByText('需要先在下方“拜访记录对象”中选择拜访对象').waitFor();

  s.step = 'one click: the visit object is there and chosen, and the no-visit release has what it needs';
  await visitObject.getByRole('button', { name: '创建拜访记录对象' }).click();
  await page.getByText('已添加“拜访记录”对象：关联客户线索，记录拜访时间和拜访内容。guWen 可以查看和添加自己负责的客户线索的拜访。').waitFor();
  await visitObject.locator('.ant-select').getByText('拜访记录').waitFor();
  expect(await page.locator('[data-pointer="/pools/keHuPool/visit/field"] .ant-select').innerText()).toContain('客户线索');
  expect(await page.locator('[data-pointer="/pools/keHuPool/visit/at"] .ant-select').innerText()).toContain('拜访时间');
  await draftSaved(page, 'zh');
  await expect.poll(() => page.locator('[data-pointer="/pools/keHuPool/releaseIfNoVisitDays"]').getByText('需要先在下方').count()).toBe(0);
  await screenshot(page, 'studio-visit-object');

  s.step = 'published, an adviser claims a lead and records a visit on it';
  const publish = await tenant.admin.post(`/api/t/${slug}/meta/publish`, {});
  expect(publish.status, JSON.stringify(publish.body)).toBe(200);
  const adviser = await ctx.createUser(tenant, { email: 'gw@jiazheng.test', roles: ['guWen'], name: '李顾问' });
  const lead = await adviser.client.post(`/api/t/${slug}/records/keHu`, { name: '陈女士' });
  expect(lead.status, JSON.stringify(lead.body)).toBe(201);
  const claim = await adviser.client.post(`/api/t/${slug}/pools/keHuPool/claim`, { id: lead.body.id });
  expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  const visit = await adviser.client.post(`/api/t/${slug}/records/visit`, { keHu: lead.body.id, visitedAt: '2026-12-06T02:00:00Z', notes: '上门看了房子' });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
  expect(s.problems).toEqual([]);
}), 120_000);

it('gives the pool its own release reasons: starts from the built-in four, adds 客户已搬走, renames one, drops 信息有误, moves the new one first, and the review names 释放原因 before publishing', () => recorded(session!, 'studio-release-reasons', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;
  await page.goto(`${ctx.server.url}/studio/${slug}/pools`);
  const section = page.locator('[data-pointer="/pools/keHuPool/releaseReasons"]');
  await section.getByText('使用内置原因：客户暂无合作意向、联系不上关键人、已与竞对签约、信息有误。').waitFor();
  await section.getByText('BD 把记录释放回公海时可选的常用原因').waitFor();

  s.step = 'customise: the four built-in reasons to start from, then one added, one renamed, one removed';
  await section.getByRole('button', { name: '自定义此公海的释放原因' }).click();
  await section.getByRole('button', { name: '添加原因' }).click();
  const keys = section.getByLabel('原因键');
  await expect.poll(() => keys.count()).toBe(5);
  await keys.nth(4).fill('moved_away');
  await keys.nth(4).press('Enter');
  await section.getByLabel('中文名称').nth(4).fill('客户已搬走');
  await section.getByLabel('英文名称').nth(4).fill('Customer moved away');
  await section.getByLabel('中文名称').nth(1).fill('联系不上客户本人');
  await section.getByRole('button', { name: '删除原因 信息有误' }).click();
  // The new reason first, by keyboard on its drag handle; a screen reader hears each step in Chinese, naming the reason by its label.
  await moveFirstByKeyboard(page, section.getByRole('button', { name: /^拖动 客户已搬走/ }), '客户已搬走', 4, 4);
  await draftSaved(page, 'zh');
  await expect.poll(async () => (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.pools.keHuPool.releaseReasons, { timeout: 15_000 }).toEqual([
    { key: 'moved_away', label: { zh: '客户已搬走', en: 'Customer moved away' } },
    { key: 'no_interest', label: { en: 'No interest for now', zh: '客户暂无合作意向' } },
    { key: 'kp_unreachable', label: { en: 'Cannot reach the key person', zh: '联系不上客户本人' } },
    { key: 'competitor_signed', label: { en: 'Signed with a competitor', zh: '已与竞对签约' } },
  ]);
  await screenshot(page, 'studio-release-reasons');

  s.step = 'the review names the change (已修改：释放原因), and publishing makes the reasons live';
  await page.getByRole('button', { name: '检查并发布' }).click();
  const change = changeRow(page, '/pools/keHuPool');
  await change.waitFor();
  expect(await change.textContent()).toContain('已修改：释放原因');
  // The built-in 信息有误 the pool stops offering is named too; no lead was released for it.
  expect(await changeRow(page, '/pools/keHuPool/releaseReasons').textContent()).toContain('删除释放原因 信息有误');
  await page.getByRole('button', { name: /cloud-upload 发\s?布$/ }).click();
  await page.getByText(/版本 \d+ 已上线/).waitFor({ timeout: 20_000 });
  await expect.poll(async () => (await tenant.admin.get(`/api/t/${slug}/meta`)).body.document?.pools?.keHuPool?.releaseReasons?.[0]?.key, { timeout: 20_000 }).toBe('moved_away');
  expect(s.problems).toEqual([]);
}), 120_000);

it('removes a release reason two leads were released for: the review counts them, the owner moves them to 客户已搬走, and the app reads that', () => recorded(session!, 'studio-removed-release-reason', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;
  const api = (path: string) => `/api/t/${slug}${path}`;

  s.step = 'published with 预算冻结 among the pool’s reasons, two leads are released for it';
  const draft = (await tenant.admin.get(api('/meta/draft'))).body.document;
  draft.pools.keHuPool.releaseReasons.push({ key: 'budget_frozen', label: { zh: '预算冻结', en: 'Budget frozen' } });
  expect((await tenant.admin.put(api('/meta/draft'), { document: draft })).status).toBe(200);
  const published = await tenant.admin.post(api('/meta/publish'), {});
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const leads: string[] = [];
  for (const name of ['周先生', '吴女士']) {
    const id = (await tenant.admin.post(api('/records/keHu'), { name })).body.id as string;
    expect((await tenant.admin.post(api('/pools/keHuPool/claim'), { id })).status).toBe(200);
    const released = await tenant.admin.post(api('/pools/keHuPool/release'), { id, reason: 'budget_frozen' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    leads.push(id);
  }

  s.step = 'the owner removes 预算冻结 in the pool editor';
  await page.goto(`${ctx.server.url}/studio/${slug}/pools`);
  const section = page.locator('[data-pointer="/pools/keHuPool/releaseReasons"]');
  await section.getByRole('button', { name: '删除原因 预算冻结' }).click();
  await draftSaved(page, 'zh');
  await expect.poll(async () => (await tenant.admin.get(api('/meta/draft'))).body.document.pools.keHuPool.releaseReasons.map((r: { key: string }) => r.key), { timeout: 15_000 })
    .not.toContain('budget_frozen');

  s.step = 'the review names the removal, counts the two leads, and says what keeping them means';
  await page.getByRole('button', { name: '检查并发布' }).click();
  const removal = changeRow(page, '/pools/keHuPool/releaseReasons');
  await removal.waitFor({ timeout: 20_000 });
  expect(await removal.textContent()).toContain('删除释放原因 预算冻结；因此释放的记录保留该原因，仍显示为“预算冻结”');
  expect(await removal.getByTestId('affected').textContent()).toBe('2');
  await removal.getByTestId('badge-destructive').waitFor();
  expect(await removal.getByTestId('reason-kept').textContent()).toBe('不迁移：记录保留此原因，仍显示“预算冻结”（需在下方确认）');
  await screenshot(page, 'studio-removed-release-reason');

  s.step = 'the owner moves them to 客户已搬走: a migration, nothing destructive left, and publishes';
  await choose(page, removal.getByRole('combobox', { name: '值为 预算冻结 的记录去向' }), '客户已搬走 · moved_away');
  const move = '客户公海 · 释放原因：预算冻结 (budget_frozen) → 客户已搬走 (moved_away)（记录随之迁移）';
  await page.getByText(move).first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId('badge-destructive').count(), { timeout: 15_000 }).toBe(0);
  await page.getByRole('button', { name: /cloud-upload 发\s?布$/ }).click();
  await page.getByText(/版本 \d+ 已上线/).waitFor({ timeout: 20_000 });
  for (const id of leads) {
    await expect.poll(async () => (await tenant.admin.get(api(`/records/keHu/${id}`))).body.releaseReason, { timeout: 15_000 }).toBe('moved_away');
  }

  s.step = 'the app: the lead’s pool box says it was released because the customer moved away';
  const app = await page.context().newPage();
  await app.goto(`${ctx.server.url}/app/${slug}/o/keHu/${leads[0]}`);
  const poolBox = app.locator('.ant-card', { hasText: '公海 · 客户公海' });
  const email = app.getByLabel('邮箱');
  await poolBox.or(email).first().waitFor({ timeout: 20_000 });
  if (await email.isVisible()) {
    await email.fill(tenant.adminEmail);
    await app.getByLabel('密码').fill(tenant.adminPassword);
    await app.getByRole('button', { name: /^登\s?录$/ }).click();
  }
  await expect.poll(async () => (await poolBox.count()) > 0 ? poolBox.first().textContent() : '', { timeout: 20_000 }).toContain('客户已搬走');
  expect(await poolBox.first().textContent()).not.toContain('budget_frozen');
  // Its history says what happened then, in the words the removed reason had (kept by the publish).
  const history = app.locator('.ant-card', { hasText: '动态' });
  await expect.poll(async () => history.first().textContent(), { timeout: 15_000 }).toContain('预算冻结');
  expect(await history.first().textContent()).not.toContain('budget_frozen');
  await screenshot(app, 'app-moved-release-reason');
  await app.close();
  expect(s.problems).toEqual([]);
}), 120_000);

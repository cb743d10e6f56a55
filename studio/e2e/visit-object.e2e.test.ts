import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, confirmDialog, draftSaved, openDialog, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

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

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, closeStudio, draftSaved, moveFirstByKeyboard, openStudio, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/**
 * Leads of a city business: a pool for every lead (全部线索), made first, and one for Nanjing's
 * (南京线索) after it, which therefore never gets a lead; and a funnel whose won stage converts.
 */
const cityLeads = {
  name: '城市线索',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  objects: {
    xianSuo: {
      label: { zh: '线索' }, titleField: 'name',
      fields: {
        name: { type: 'text', label: { zh: '名称' }, required: true },
        city: { type: 'select', label: { zh: '城市' }, options: ['nanjing', 'suzhou'] },
        jieDuan: { type: 'stage', label: { zh: '阶段' }, pipeline: 'funnel' },
        dueOn: { type: 'date', label: { zh: '跟进日期' } },
      },
    },
    heTong: { label: { zh: '合同' }, fields: { xianSuo: { type: 'lookup', object: 'xianSuo' } } },
  },
  pipelines: {
    funnel: {
      object: 'xianSuo', field: 'jieDuan', transitions: 'forward',
      stages: [
        { key: 'xin', kind: 'open', label: { zh: '新线索' } },
        { key: 'genJin', kind: 'open', label: { zh: '跟进中' } },
        { key: 'qianYue', kind: 'won', label: { zh: '已签约' }, creates: { object: 'heTong', map: { xianSuo: 'id' } } },
        { key: 'shiBai', kind: 'lost', label: { zh: '已丢单' } },
      ],
    },
  },
  pools: {
    allLeads: { object: 'xianSuo', label: { zh: '全部线索' }, holdDays: 30 },
    nanjingLeads: { object: 'xianSuo', label: { zh: '南京线索' }, holdDays: 30, where: { city: 'nanjing' } },
  },
  roles: { admin: { all: true } },
};

/** The publish review's row of the change at `path` (exactly: not the rows of changes under it). */
const changeRow = (page: Page, path: string) => page.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${path}$`) }) });

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(cityLeads), locale: 'zh' }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('warns that 南京线索 behind 全部线索 never gets a lead, moves it first by keyboard, and once published Nanjing’s leads are in it', () => recorded(session!, 'studio-pool-order', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const poolOf = async (id: string) => (await tenant.admin.get(api(`/records/xianSuo/${id}`))).body.pool as string;
  const before = (await tenant.admin.post(api('/records/xianSuo'), { name: '玄武店', city: 'nanjing' })).body.id as string;
  expect(await poolOf(before)).toBe('allLeads');

  s.step = 'the list numbers the pools and flags 南京线索; its editor says why';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/pools/nanjingLeads`);
  await signIn(s);
  await page.getByRole('img', { name: '没有记录会进入这个公海' }).waitFor();
  expect(await page.getByTestId('section-item').allInnerTexts()).toEqual([expect.stringMatching(/^全部线索\s*allLeads$/), expect.stringMatching(/^南京线索\s*nanjingLeads$/)]);
  expect(await page.getByTestId('pool-unreachable').innerText())
    .toBe('没有记录会进入这个公海：列表中排在它前面的“全部线索”没有条件，会收下线索的所有记录。请把本公海移到“全部线索”之前，或给“全部线索”加上条件。');
  await screenshot(page, 'studio-pool-order-warning');

  s.step = '南京线索 moved first by keyboard on its drag handle, said in Chinese';
  await moveFirstByKeyboard(page, page.getByRole('button', { name: /^拖动 南京线索/ }), '南京线索', 2, 2);
  await draftSaved(page, 'zh');
  await expect.poll(async () => Object.keys((await tenant.admin.get(api('/meta/draft'))).body.document.pools), { timeout: 15_000 }).toEqual(['nanjingLeads', 'allLeads']);
  expect(await page.getByTestId('pool-unreachable').count()).toBe(0);
  expect(await page.getByRole('img', { name: '没有记录会进入这个公海' }).count()).toBe(0);

  s.step = 'the review names the new order, and publishing sorts the Nanjing lead into 南京线索';
  await page.getByRole('button', { name: '检查并发布' }).click();
  const change = changeRow(page, '/pools');
  await change.waitFor({ timeout: 20_000 });
  expect(await change.textContent()).toContain('线索的公海顺序已调整：记录进入第一个条件匹配的公海，发布时现有记录重新归入');
  await screenshot(page, 'studio-pool-order-review');
  await page.getByRole('button', { name: /cloud-upload 发\s?布$/ }).click();
  await page.getByText(/版本 \d+ 已上线/).waitFor({ timeout: 20_000 });
  await expect.poll(() => poolOf(before), { timeout: 15_000 }).toBe('nanjingLeads');
  const nanjing = (await tenant.admin.post(api('/records/xianSuo'), { name: '鼓楼店', city: 'nanjing' })).body.id as string;
  const suzhou = (await tenant.admin.post(api('/records/xianSuo'), { name: '姑苏店', city: 'suzhou' })).body.id as string;
  expect([await poolOf(nanjing), await poolOf(suzhou)]).toEqual(['nanjingLeads', 'allLeads']);
  expect(s.problems).toEqual([]);
}), 120_000);

it('offers only the stages a new lead may start in as the stage default, and says in Chinese how a fixed date default is written', () => recorded(session!, 'studio-default-words', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/xianSuo`);
  const drawer = page.locator('.ant-drawer-open');

  s.step = 'the stage default offers 新线索 and 跟进中 by name, not 已签约 (it creates a contract) nor 已丢单';
  await pressUntil(page.getByRole('button', { name: '字段 jieDuan 的选项' }), drawer, 'visible');
  await drawer.getByRole('combobox', { name: '默认值', exact: true }).click();
  const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option');
  await expect.poll(() => offered.allTextContents()).toEqual(['新线索 (xin)', '跟进中 (genJin)']);
  await page.keyboard.press('Escape');
  await expect.poll(async () => {
    if (await drawer.isVisible()) await page.keyboard.press('Escape');
    return drawer.isVisible();
  }, { interval: 400 }).toBe(false);

  s.step = 'a fixed date typed the way it is said (2026/1/31) is explained in Chinese, under the default';
  await pressUntil(page.getByRole('button', { name: '字段 dueOn 的选项' }), drawer, 'visible');
  await choose(page, drawer.getByLabel('默认值类型'), '固定日期');
  await drawer.getByLabel('默认值', { exact: true }).fill('2026/1/31');
  const problem = drawer.locator('[data-pointer="/objects/xianSuo/fields/dueOn/default"]');
  await problem.getByText('不是有效的日期：请填写如 2026-01-31 的日期，或选择“创建当天”').waitFor({ timeout: 15_000 });
  expect(await problem.innerText()).not.toMatch(/a date such as/);
  await screenshot(page, 'studio-default-words');
  // No default again, and the problem is gone.
  await choose(page, drawer.getByLabel('默认值类型'), '无');
  await draftSaved(page, 'zh');
  await expect.poll(() => problem.getByText('不是有效的日期').count()).toBe(0);
  expect(s.problems).toEqual([]);
}), 120_000);

it('keeps a cleared display name empty and says it is needed, trims one typed with spaces, and describes the components in Chinese', () => recorded(session!, 'studio-settings-words', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const draftName = async () => (await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document.name as string;
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/settings`);
  const name = page.getByRole('textbox', { name: '显示名称' });
  const item = page.locator('[data-pointer="/name"]');

  s.step = 'a name of spaces is no name, and the item says one is needed';
  await name.fill('   ');
  expect(await name.inputValue()).toBe('');
  await item.getByText('不能为空').waitFor({ timeout: 15_000 });

  s.step = 'a name typed between spaces is kept without them';
  await name.fill(' 城市 BD ');
  await name.blur();
  expect(await name.inputValue()).toBe('城市 BD');
  await draftSaved(page, 'zh');
  await expect.poll(draftName, { timeout: 15_000 }).toBe('城市 BD');
  await expect.poll(() => item.getByText('不能为空').count()).toBe(0);

  s.step = 'the components are described in Chinese';
  await page.getByRole('switch', { name: '全部启用' }).click();
  await page.getByText('公海与私海：领取、释放、分配、延期、自动回收。').waitFor();
  expect(await page.locator('[data-pointer="/components"]').innerText()).not.toMatch(/Public and private pools/);
  expect(s.problems).toEqual([]);
}), 120_000);

it('names each label input, stage kind and the icon picker by what it edits, for a screen reader', () => recorded(session!, 'studio-input-names', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  s.step = 'the fields table: 字段 城市 的中文名称, and the object’s 图标';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/xianSuo`);
  expect(await page.getByRole('textbox', { name: '字段 城市 的中文名称', exact: true }).inputValue()).toBe('城市');
  expect(await page.getByRole('textbox', { name: '字段 城市 的英文名称', exact: true }).inputValue()).toBe('');
  await page.getByRole('combobox', { name: '图标', exact: true }).waitFor();

  s.step = 'the stage cards: 阶段 已签约 的中文名称 and 阶段 已签约 的类型';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/pipelines/funnel`);
  expect(await page.getByRole('textbox', { name: '阶段 已签约 的中文名称', exact: true }).inputValue()).toBe('已签约');
  const kind = page.getByRole('radiogroup', { name: '阶段 已签约 的类型', exact: true });
  expect(await kind.getByRole('radio', { name: '赢单' }).isChecked()).toBe(true);
  expect(s.problems).toEqual([]);
}), 120_000);

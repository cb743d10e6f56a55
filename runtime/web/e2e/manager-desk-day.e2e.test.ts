import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { publish } from '../../testing/test-server.ts';
import { artifact, chartDescription, demoWithBrowser, newContext, pickOption, setTicked, signIn, wideDesktop } from './e2e-helpers.ts';

/**
 * The hotel demo's sales manager at a desk (1440×900) in Chinese, through a working day: each
 * figure of the dashboards opens the records it counts.
 */
describe('a sales manager\'s day at the desk, in Chinese (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  let users: Map<string, string>;
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  beforeAll(async () => {
    const listed = (await demo.tenant.admin.get(api('/users?limit=100'))).body.data as Array<{ id: string; name: string }>;
    users = new Map(listed.map((u) => [u.name, u.id]));
  });

  async function open(path: string, name: string): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: wideDesktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-manager-desk-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}${path}`);
    await signIn(page, 'manager@hotel.demo', 'shoal-demo', /登\s*录/);
    return page;
  }

  /** Bars of the lead pool's workload: its members who carry work (the bd role; the manager administers the pool) and whoever else holds its leads. */
  const workloadBars = async () => {
    const held = (await demo.tenant.admin.post(api('/records/lead/aggregate'), { where: { pool: 'leadPool', poolState: 'private', stage: { $ne: 'signed' } }, groupBy: ['owner'], metrics: [{ fn: 'count', as: 'n' }] })).body.data as Array<{ owner: string }>;
    const members = (await demo.tenant.admin.post(api('/records/user/query'), { where: { active: true, roles: { $in: ['bd'] } }, limit: 500 })).body.data as Array<{ id: string }>;
    return new Set([...held.map((r) => r.owner), ...members.map((u) => u.id)]).size;
  };
  /**
   * Waits until the chart's canvas shows a bar (a colour, not a grey grid line or a label) at the
   * page point x, y: the bars grow in, and a click before one reaches the point hits nothing.
   */
  const drawnAt = async (chart: Locator, x: number, y: number) => {
    await expect.poll(() => chart.locator('canvas').first().evaluate((canvas: HTMLCanvasElement, [px, py]) => {
      const r = canvas.getBoundingClientRect();
      const at = [Math.round((px! - r.left) * canvas.width / r.width), Math.round((py! - r.top) * canvas.height / r.height)] as const;
      const [red, green, blue, alpha] = canvas.getContext('2d')!.getImageData(at[0], at[1], 1, 1).data;
      return alpha! > 200 && Math.max(red!, green!, blue!) - Math.min(red!, green!, blue!) > 40;
    }, [x, y])).toBe(true);
  };
  const listTotal = async (page: Page) => Number((await page.locator('.shoal-page-head', { hasText: /共 \d+ 条/ }).textContent())!.match(/共 (\d+) 条/)![1]);
  const column = async (page: Page, header: string) => {
    const headers = await page.locator('#main .ant-table-thead th').allTextContents();
    const index = headers.indexOf(header);
    expect(index).toBeGreaterThan(-1);
    return page.locator(`#main .ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allTextContents();
  };

  it('each dashboard figure opens the records it counts: a stage\'s 当前, a leaderboard name, 私海数量, a workload bar (as the assign dialog counts a load)', async () => {
    const page = await open('/dashboards', 'drill');
    // Every entry of the side menu shows its whole name on hover (a long saved view's is cut to the menu's width).
    const entries = page.locator('nav[aria-label="main"] a');
    await entries.first().waitFor();
    for (const entry of await entries.all()) expect(await entry.getAttribute('title')).toBe((await entry.innerText()).trim());
    const funnel = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '漏斗转化' }) });
    // What the figures mean is said, in Chinese.
    await funnel.getByText('转化率：其中之后推进到更后阶段（非流失）的比例').waitFor();
    const contacted = funnel.locator('tr', { hasText: '已联系' }).locator('a');
    const now = Number(await contacted.textContent());
    expect(now).toBeGreaterThan(0);
    await contacted.click();
    await page.locator('#list-title').waitFor();
    await expect.poll(() => listTotal(page)).toBe(now);
    // The condition is on screen, to change or clear.
    await page.locator('#main .ant-card', { hasText: '筛选条件' }).locator('.ant-select', { hasText: '已联系' }).waitFor();
    expect(new Set(await column(page, '阶段'))).toEqual(new Set(['已联系']));

    await page.goBack();
    // The leaderboard of this quarter by default, counted by when leads were won.
    const leaderboard = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '排行榜 · 本季度' }) });
    await leaderboard.getByText('按赢单时间（进入赢单阶段的时间）统计，而非创建时间。').waitFor();
    const top = leaderboard.locator('tbody tr.ant-table-row').first();
    await top.getByRole('link').waitFor();
    const cells = await top.locator('td').allTextContents();
    const name = cells[1]!;
    const won = cells[2]!;
    // The amount won, whole yuan without cents (it read ¥8,087,000.00).
    expect(cells[3]).toMatch(/^¥\d{1,3}(,\d{3})*$/);
    await top.getByRole('link', { name }).click();
    await page.locator('#list-title').waitFor();
    await expect.poll(() => listTotal(page)).toBe(Number(won));
    expect(new Set(await column(page, '负责人'))).toEqual(new Set([name]));
    expect(new Set(await column(page, '阶段'))).toEqual(new Set(['已签约']));
    // The period is one of the list's conditions, on screen to change or clear.
    await page.locator('#main .ant-card', { hasText: '筛选条件' }).getByText('进入阶段时间').waitFor();

    await page.goBack();
    const health = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '公海健康度' }) });
    const held = health.locator('.ant-statistic', { hasText: '私海数量' }).locator('a');
    const heldCount = Number(await held.textContent());
    await held.click();
    await page.locator('#list-title').waitFor();
    await expect.poll(() => listTotal(page)).toBe(heldCount);

    await page.goBack();
    // What the week's count counts: claims, and assignments by a manager or a rule.
    await health.locator('.ant-statistic-title', { hasText: '近 7 天领取或分配' }).waitFor();
    // A workload bar: that person's held leads, as many as the assign dialog says they hold
    // against the pool's limit (won ones do not count there; the bar counted them).
    const chart = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '工作量 · 人均持有（已赢单不计） · 酒店线索' }) }).locator('[role="img"]');
    await chart.locator('canvas').waitFor();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const bar = { x: box.x + 40 + (box.width - 60) / (await workloadBars()) / 2, y: box.y + box.height - 50 };
    await drawnAt(chart, bar.x, bar.y);
    await page.mouse.click(bar.x, bar.y);
    await page.locator('#list-title').waitFor();
    const owner = JSON.parse(new URL(page.url()).searchParams.get('where')!).owner as string;
    const holder = [...users].find(([, id]) => id === owner)![0];
    // The rows come after the title: wait for them before reading whose they are.
    await expect.poll(() => listTotal(page)).toBeGreaterThan(0);
    await expect.poll(async () => [...new Set(await column(page, '负责人'))]).toEqual([holder]);
    expect(await column(page, '阶段')).not.toContain('已签约');
    const heldByHolder = await listTotal(page);

    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/public`);
    await page.getByRole('button', { name: /分\s*配/ }).first().click();
    await page.locator('.ant-modal .ant-select').click();
    // The options come with everyone's load, as the server counts it when the dialog opens.
    await page.locator('.ant-select-item-option', { hasText: holder }).waitFor();
    await expect.poll(() => page.locator('.ant-select-item-option', { hasText: holder }).textContent()).toContain(`持有 ${heldByHolder}/200`);
    await page.context().close();
  });

  it('a new BD is on the workload at 0 until they hold a lead; a lead created before this month and won today ranks them in 本月, and their name opens that lead', async () => {
    const newcomer = await demo.ctx.createUser(demo.tenant, { email: 'newcomer@hotel.demo', name: '周新人', roles: ['bd'], attributes: { team: 'hotel-bd', city: 'nanjing', qualifications: ['hotel'] } });
    const page = await open('/dashboards', 'periods');
    // Idle: on the pool's workload at 0, among the people who hold leads (echarts describes a
    // bar as "<name>的数据是<index>，<value>").
    const workload = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '工作量 · 人均持有（已赢单不计） · 酒店线索' }) });
    await workload.locator('canvas').waitFor();
    await expect.poll(() => chartDescription(workload.getByRole('img', { name: '工作量' }))).toMatch(/周新人的数据是\d+，0[，。]/);
    await workload.getByText(/\d+ 人未持有/).waitFor();
    await page.context().close();

    // A lead from before this month, claimed and signed by the newcomer today.
    const lead = (await demo.tenant.admin.post(api('/records/lead/query'), {
      where: { poolState: 'public', stage: 'new', hotel: { $null: false }, createdAt: { $lt: 'startOfMonth' } }, limit: 1,
    })).body.data[0] as { id: string; name: string };
    expect((await newcomer.client.post(api('/pools/leadPool/claim'), { id: lead.id })).status).toBe(200);
    // Signed straight from 新线索: with what the stages it skips ask for (contact, expected revenue).
    const signed = await newcomer.client.post(api(`/records/lead/${lead.id}/transition`), {
      to: 'signed', values: { contactName: '周经理', contactPhone: '13800138000', expectedRevenue: 120_000 },
    });
    expect(signed.status, signed.text).toBe(200);

    const again = await open('/dashboards', 'periods-won');
    const leaderboard = again.locator('.ant-card', { has: again.locator('.ant-card-head-title', { hasText: '排行榜' }) });
    await leaderboard.locator('.ant-segmented-item', { hasText: '本月' }).click();
    await leaderboard.locator('.ant-card-head-title', { hasText: '排行榜 · 本月' }).waitFor();
    const row = leaderboard.locator('tbody tr.ant-table-row', { hasText: '周新人' });
    await row.waitFor();
    expect((await row.locator('td').allTextContents())[2]).toBe('1');
    await row.getByRole('link', { name: '周新人' }).click();
    await again.locator('#list-title').waitFor();
    await expect.poll(() => listTotal(again)).toBe(1);
    await again.locator('#main .ant-table-tbody tr.ant-table-row', { hasText: lead.name }).waitFor();
    // Won leads are not a load: still at 0 on the workload.
    await again.goBack();
    const after = again.locator('.ant-card', { has: again.locator('.ant-card-head-title', { hasText: '工作量 · 人均持有（已赢单不计） · 酒店线索' }) });
    await expect.poll(() => chartDescription(after.getByRole('img', { name: '工作量' }))).toMatch(/周新人的数据是\d+，0[，。]/);
    await artifact(again, 'manager-desk-leaderboard-month');
    await again.context().close();
  });

  it('a BD of another team, whose leads the manager may not read, is on the workload with what they hold (as the assign dialog counts), not at 0; their bar says the manager may not see them instead of opening an empty list', async () => {
    const outsider = await demo.ctx.createUser(demo.tenant, { email: 'resort@hotel.demo', name: '吴度假', roles: ['bd'], attributes: { team: 'resort-bd', city: 'sanya', qualifications: ['hotel'] } });
    // More than anyone of the manager's team holds: theirs is the first bar.
    const leads = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { poolState: 'public', stage: 'new' }, limit: 20, fields: [] })).body.data as Array<{ id: string }>;
    for (const lead of leads) {
      const assigned = await demo.tenant.admin.post(api('/pools/leadPool/assign'), { id: lead.id, userId: outsider.id });
      expect(assigned.status, assigned.text).toBe(200);
    }
    // The manager reads only their team's private leads: these are not theirs to see.
    const manager = await demo.ctx.login(demo.tenant.slug, 'manager@hotel.demo', 'shoal-demo');
    expect((await manager.get(api(`/records/lead/${leads[0]!.id}`))).status).toBe(404);
    const page = await open('/dashboards', 'other-team');
    const workload = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '工作量 · 人均持有（已赢单不计） · 酒店线索' }) });
    await workload.locator('canvas').waitFor();
    await expect.poll(() => chartDescription(workload.getByRole('img', { name: '工作量' }))).toMatch(new RegExp(`吴度假的数据是\\d+，${leads.length}[，。]`));
    await workload.getByText(`其中 ${leads.length} 条你无权查看，点击柱子只列出你可查看的`).waitFor();
    // Their bar (the first, the tallest) says so; it does not open a list of none of them.
    const chart = workload.locator('[role="img"]');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // Halfway up: the tallest bar reaches the top; the names below are slanted with this many people.
    const bar = { x: box.x + 40 + (box.width - 60) / (await workloadBars()) / 2, y: box.y + box.height / 2 };
    await drawnAt(chart, bar.x, bar.y);
    await page.mouse.click(bar.x, bar.y);
    await page.locator('.ant-message-notice', { hasText: `吴度假 持有 ${leads.length} 条，你均无权查看` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/${demo.tenant.slug}/dashboards`);
    await artifact(page, 'manager-desk-workload-hidden');
    await page.context().close();
    // Back to the public pool: the next test compares the manager's counts with everyone's.
    for (const lead of leads) {
      const released = await demo.tenant.admin.post(api('/pools/leadPool/release'), { id: lead.id, reason: 'test over' });
      expect(released.status, released.text).toBe(200);
    }
  });

  it('a lead\'s hotel opens from the lead\'s form (it was a picker only), and the hotel lists its leads', async () => {
    const lead = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { poolState: 'private' }, limit: 1, expand: ['hotel'] })).body.data[0] as { id: string; name: string; hotel: { id: string; name: string } };
    const page = await open(`/o/lead/${lead.id}`, 'open-hotel');
    await page.locator('#record-title', { hasText: lead.name }).waitFor();
    await page.getByRole('link', { name: `打开「${lead.hotel.name}」` }).click();
    await page.locator('#record-title', { hasText: lead.hotel.name }).waitFor();
    expect(page.url()).toContain(`/o/hotel/${lead.hotel.id}`);
    await page.locator('#main a', { hasText: lead.name }).first().waitFor();
    await page.context().close();
  });
  it('a new hotel with a name another hotel has is told so in Chinese under its name, not \'must be unique\'', async () => {
    const taken = (await demo.tenant.admin.post(api('/records/hotel/query'), { limit: 1, fields: ['name'] })).body.data[0] as { name: string };
    const page = await open('/o/hotel/new', 'duplicate-name');
    await page.locator('#create-title').waitFor();
    await page.locator('#root_name').fill(taken.name);
    await pickOption(page, '#root_city', '南京');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.locator('#main', { hasText: '已有记录使用了这个值，不能重复' }).waitFor();
    expect(await page.locator('#main', { hasText: 'must be unique' }).count()).toBe(0);
    await page.context().close();
  });

  it('at 1440 px, the team\'s leads show holder, hold expiry and last visit, and the 公海 its created and released times, without scrolling sideways: long names are cut with …, whole on hover', async () => {
    const page = await open('/o/lead', 'narrow-columns');
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const table = page.locator('#main .ant-table-content, #main .ant-table-body').first();
    const rightOf = async (header: string) => {
      const box = (await page.locator('#main .ant-table-thead th', { hasText: header }).first().boundingBox())!;
      return box.x + box.width;
    };
    const tableRight = async () => { const box = (await table.boundingBox())!; return box.x + box.width; };
    for (const header of ['负责人', '公海/私海', '保护期至', '最近拜访']) expect(await rightOf(header), header).toBeLessThanOrEqual(await tableRight());
    // A cut name (a lead's, its hotel's) is there whole, to read on hover: the name, not an id.
    const names = await page.locator('#main .ant-table-tbody .shoal-cell-capped').evaluateAll((cells) => cells.map((c) => [c.getAttribute('title'), c.textContent, c.scrollWidth > c.clientWidth] as const));
    expect(names.some(([, , cut]) => cut)).toBe(true);
    expect(names.filter(([title, text]) => title !== text)).toEqual([]);

    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/public`);
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    // Left of the fixed 操作 column, not under it.
    const actions = (await page.locator('#main .ant-table-thead th', { hasText: '操作' }).boundingBox())!;
    for (const header of ['创建时间', '释放时间']) expect(await rightOf(header), header).toBeLessThanOrEqual(actions.x + 1);
    await artifact(page, 'manager-desk-pool-columns');
    await page.context().close();
  });

  it('the lead list exported to CSV and imported back changes nothing and refuses no row, though the 公海\'s leads are not the manager\'s to edit; a row that changes one is refused in Chinese', async () => {
    const page = await open('/o/lead', 'csv-round-trip');
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    const all = await listTotal(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导\s*出/ }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const importFile = async (content: string, serverAway = false) => {
      await page.getByRole('button', { name: /导\s*入/ }).click();
      const dialog = page.locator('.ant-modal', { hasText: '从 CSV 文件导入线索' });
      await dialog.locator('input[type=file]').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
      // The job's progress cannot be read for a while (503): after three failed asks the dialog
      // says so, goes on asking, and shows the import's end once the server answers again.
      const jobs = `**/api/t/${demo.tenant.slug}/jobs/*`;
      if (serverAway) {
        await page.route(jobs, (route) => route.fulfill({
          status: 503, contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'database_unavailable' }),
        }));
      }
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '开始导入' }).click();
      if (serverAway) {
        await dialog.getByText(/^暂时无法获取导入进度/).waitFor({ timeout: 15_000 });
        expect(await dialog.textContent()).toContain('本窗口会继续查询');
        await page.unroute(jobs);
      }
      await dialog.getByText(/^完成：/).waitFor({ timeout: 30_000 });
      expect(await dialog.textContent()).not.toContain('暂时无法获取导入进度');
      return dialog;
    };
    const back = await importFile(csv, true);
    await back.getByText(`完成：新增 0 条，更新 0 条，${all} 条无变化`).waitFor();
    expect(await back.textContent()).not.toContain('行未导入');
    await back.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await back.waitFor({ state: 'hidden' });

    // A public lead renamed in the file: refused, said in Chinese (the server says "You may not change this lead").
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const publicRow = rows.find((line) => line.includes(',公海,'))!;
    const name = (parse(publicRow) as string[][])[0]![header!.split(',').indexOf('线索名称')]!;
    const refused = await importFile(`\uFEFF${header}\r\n${publicRow.replace(name, `${name}（改）`)}\r\n`);
    await refused.getByText('1 行未导入').waitFor();
    expect(await refused.textContent()).toContain('第 2 行：这条线索你可以查看但无权修改，而此行改动了它');
    expect(await refused.textContent()).not.toContain('You may not');
    await artifact(page, 'manager-desk-csv-round-trip');
    await page.context().close();
  });

  it('a lead the manager assigns from the 公海 is in the BD\'s notices with who assigned it, not \'有记录分配给你\'', async () => {
    const page = await open('/pools/leadPool/public', 'assigned-notice');
    const row = page.locator('#main .ant-table-tbody tr.ant-table-row').first();
    await row.waitFor();
    const lead = (await row.locator('a').first().textContent())!;
    await row.getByRole('button', { name: /分\s*配/ }).click();
    await pickOption(page, '.ant-modal #assign-user', '张伟', { contains: true });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-message-notice').first().waitFor();
    await page.context().close();

    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: wideDesktop });
    const bd = await context.newPage();
    bd.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(bd, 'failed-manager-desk-assigned-notice-bd').catch(() => undefined); });
    await bd.goto(`/app/${demo.tenant.slug}/notifications`);
    await signIn(bd, 'bd1@hotel.demo', 'shoal-demo', /登\s*录/);
    await bd.locator('#main a', { hasText: `${lead}：李娜 将它分配给你` }).waitFor();
    await artifact(bd, 'manager-desk-assigned-notice');
    await context.close();
  });

  it('two leads ticked on the team list and assigned to a BD: the notice names the BD, without their e-mail', async () => {
    const page = await open('/o/lead', 'bulk-assign-name');
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    // Two that are not 王磊's yet.
    const rows = page.locator('#main .ant-table-tbody tr.ant-table-row').filter({ hasNotText: '王磊' });
    // Each row's box is named by its lead, in Chinese (not antd's "Select row 3"), the header's 全选.
    expect(await page.locator('#main .ant-table-thead').getByRole('checkbox', { name: '全选', exact: true }).count()).toBe(1);
    for (const n of [0, 1]) {
      const name = await rows.nth(n).locator('td a').first().textContent();
      await setTicked(rows.nth(n).getByRole('checkbox', { name: `选择「${name}」`, exact: true }), true);
    }
    await page.getByRole('button', { name: /分配…/ }).click();
    // The picker tells namesakes apart by e-mail.
    await pickOption(page, '.ant-modal #assign-user', '王磊 <bd3@hotel.demo>', { contains: true });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const notice = page.locator('.ant-message-notice').first();
    await notice.waitFor();
    await expect.poll(async () => (await notice.textContent())!.trim()).toBe('已将 2 条分配给 王磊');
    expect(await notice.textContent()).not.toContain('bd3@hotel.demo');
    await page.context().close();
  });

  it('a link whose filter the server refuses says what is wrong in Chinese, where, and offers no retry of the same request', async () => {
    const page = await open(`/o/lead?where=${encodeURIComponent(JSON.stringify({ roomz: 1, score: { $in: ['高'] } }))}`, 'refused-filter');
    const problem = page.locator('#main .ant-alert-error');
    await expect.poll(() => problem.textContent()).toContain('/roomz：不是此处的字段');
    expect(await problem.textContent()).toContain('/score/$in/0：应为数字');
    expect(await problem.textContent()).not.toContain('is not a field');
    expect(await problem.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
    await page.context().close();
  });

  it('a held lead due back for want of a visit says so as a condition (若期间仍未拜访), not 未拜访 beside a visit of today', async () => {
    const due: Array<{ id: string; name: string; releaseDueTo: string | null }> = [];
    for (const id of users.values()) {
      const mine = await demo.tenant.admin.get(api(`/pools/leadPool/mine?owner=${id}&limit=100`));
      if (mine.status === 200) due.push(...mine.body.data);
    }
    const lead = due.find((r) => r.releaseDueTo === 'no_visit')!;
    expect(lead).toBeDefined();
    const page = await open(`/o/lead/${lead.id}`, 'due-reason');
    const countdown = page.locator('#main .ant-tag', { has: page.locator('time') });
    await expect.poll(() => countdown.textContent()).toMatch(/后回收公海 · 若期间仍未拜访$/);
    expect(await countdown.textContent()).not.toMatch(/· 未拜访$/);
    await page.context().close();
  });

  it('with a second pool on leads (merchant sign-ups), each pool has its own workload, counting only its own leads', async () => {
    const draft = (await demo.tenant.admin.get(api('/meta/draft'))).body.document;
    draft.pools = { merchantPool: { ...draft.pools.leadPool, label: { en: 'Merchant sign-ups', zh: '商家入驻线索' }, where: { source: 'merchant' } }, ...draft.pools };
    const published = await publish(demo.tenant, draft, { confirmDestructive: true });
    expect(published.status, published.text).toBe(200);
    const held = async (pool: string) => (await demo.tenant.admin.post(api('/records/lead/query'), { where: { pool, poolState: 'private', stage: { $ne: 'signed' } }, limit: 1, count: true })).body.total as number;
    const [merchant, rest] = [await held('merchantPool'), await held('leadPool')];
    expect(merchant).toBeGreaterThan(0);
    expect(rest).toBeGreaterThan(0);

    const page = await open('/dashboards', 'two-pools');
    // echarts describes each bar as "<name>的数据是<index>，<value>": the card's total is their sum.
    const total = async (pool: string) => {
      const card = page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: `工作量 · 人均持有（已赢单不计） · ${pool}` }) });
      await card.locator('canvas').waitFor();
      const described = await chartDescription(card.getByRole('img', { name: '工作量' }));
      return [...described.matchAll(/的数据是\d+，(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    await expect.poll(() => total('商家入驻线索')).toBe(merchant);
    await expect.poll(() => total('酒店线索')).toBe(rest);
    // Each pool's health counts its own held leads too.
    const privateOf = async (pool: string) => Number(await page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: `公海健康度 · ${pool}` }) })
      .locator('.ant-statistic', { hasText: '私海数量' }).locator('a').textContent());
    const privately = async (pool: string) => (await demo.tenant.admin.post(api('/records/lead/query'), { where: { pool, poolState: 'private' }, limit: 1, count: true })).body.total as number;
    expect(await privateOf('商家入驻线索')).toBe(await privately('merchantPool'));
    expect(await privateOf('酒店线索')).toBe(await privately('leadPool'));
    await artifact(page, 'manager-desk-two-pools');
    await page.context().close();
  });
});

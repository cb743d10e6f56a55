import { sql } from 'kysely';
import { describe, expect, it, onTestFailed } from 'vitest';
import { artifact, clickUntil, demoUser, demoWithBrowser, desktop, expectToast, newContext, popconfirmDone, signIn } from './e2e-helpers.ts';

/**
 * The hotel demo's sales manager (the lead pool's administrator, not a tenant admin) runs the
 * East China rule from the app: previews who would get how many, then assigns for real; the
 * BDs' queues fill with the records the preview promised.
 */
describe('a sales manager runs an assignment rule from the app, in Chinese (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  const zhangWei = demoUser(demo, 'bd1@hotel.demo');
  const manager = demoUser(demo, 'manager@hotel.demo');
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  it('previews without assigning, then assigns with work orders, and lists the run', async () => {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, 'failed-assignment-rules').catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/`);
    await signIn(page, 'manager@hotel.demo', 'shoal-demo', /登\s*录/);
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '分配规则' }).click();
    await page.waitForURL(/\/assignment-rules$/);
    await expect.poll(() => page.locator('nav .ant-menu-item-selected').textContent()).toBe('分配规则');

    const card = page.locator('.ant-card', { hasText: '华东新酒店分配' });
    await expect.poll(() => card.textContent()).toContain('生效中');
    const cardText = (await card.textContent())!;
    expect(cardText).toContain('平均');
    expect(cardText).toContain('尚未运行');
    // 08:00 on weekdays, Shanghai time: the next slot is shown in the tenant's zone.
    expect(cardText).toMatch(/下次自动运行\d{4}-\d{2}-\d{2} 08:00/);

    // Ten more new leads of an East China hotel: more allocations than a page (20) holds.
    const run = api('/assignment-rules/eastChinaNewHotels/run');
    const model = (await demo.tenant.admin.get(api(`/records/lead/${(await demo.tenant.admin.post(run, { dryRun: true })).body.allocations[0].recordId}`))).body;
    const added = await demo.tenant.admin.post(api('/records/lead/bulk'), {
      op: 'create', records: Array.from({ length: 10 }, (_, i) => ({ name: `翻页线索 ${i + 1}`, hotel: model.hotel, ...(model.source ? { source: model.source } : {}) })),
    });
    expect(added.status, added.text).toBe(200);

    // What a run would do now, as the server previews it.
    const expected = (await demo.tenant.admin.post(api('/assignment-rules/eastChinaNewHotels/run'), { dryRun: true })).body as {
      allocations: Array<{ recordId: string; userId: string; priority: number }>; stats: { candidates: number; perUser: Record<string, { allocated: number }> };
    };
    const allocated = expected.allocations.length;
    const receivers = new Set(expected.allocations.map((a) => a.userId)).size;
    expect(allocated).toBeGreaterThan(0);
    const publicBefore = (await demo.tenant.admin.get(api('/records/lead?where={"poolState":"public"}&count=true&limit=1'))).body.total;

    await card.getByRole('button', { name: /预\s?览/ }).click();
    const preview = card.getByRole('region', { name: '预览结果：尚未实际分配' });
    await expect.poll(() => preview.textContent()).toContain(`${expected.stats.candidates} 条候选，分配 ${allocated} 条给 ${receivers} 人`);
    // How evenly the people hold their leads after it: the variance the rule's matching evens out.
    expect(await preview.textContent()).toMatch(/分配后持有量方差：[\d,.]+/);
    const previewRow = preview.locator('tr', { hasText: '张伟' });
    expect(await previewRow.locator('td').nth(1).textContent()).toBe(String(expected.stats.perUser[zhangWei.id]!.allocated));
    // Which record goes to whom: the first in the run's order, its title linking to the record.
    const details = preview.getByRole('region', { name: '分配明细' });
    const first = expected.allocations[0]!;
    const firstTitle = (await demo.tenant.admin.get(api(`/records/lead/${first.recordId}`))).body.name as string;
    const firstLink = details.locator('tbody tr').first().getByRole('link');
    await expect.poll(() => firstLink.textContent()).toBe(firstTitle);
    expect(await firstLink.getAttribute('href')).toBe(`/app/${demo.tenant.slug}/o/lead/${first.recordId}`);
    expect(await details.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe(String(first.priority));
    expect(allocated).toBeGreaterThan(20);
    expect(await details.locator('tbody tr').count()).toBe(20);
    // The second page names its own records when it is shown.
    await details.locator('.ant-pagination').getByText('2', { exact: true }).click();
    const secondTitle = (await demo.tenant.admin.get(api(`/records/lead/${expected.allocations[20]!.recordId}`))).body.name as string;
    await expect.poll(() => details.locator('tbody tr').first().getByRole('link').textContent()).toBe(secondTitle);
    expect(await details.locator('tbody tr').count()).toBe(Math.min(20, allocated - 20));
    // 张伟's share alone, page by page: the records the preview gives him, as many as his count above.
    await details.getByRole('combobox', { name: '按人员筛选' }).click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '张伟' }).click();
    const previewedForZhang: string[] = [];
    for (;;) {
      await expect.poll(() => details.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('张伟');
      const hrefs = await details.locator('tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      expect(await details.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(hrefs.map(() => '张伟'));
      previewedForZhang.push(...hrefs.map((href) => href.split('/').pop()!));
      const next = details.locator('.ant-pagination-next');
      if (await next.count() === 0 || await next.getAttribute('aria-disabled') === 'true') break;
      await next.click();
    }
    expect(previewedForZhang).toEqual(expected.allocations.filter((a) => a.userId === zhangWei.id).map((a) => a.recordId));
    expect(previewedForZhang.length).toBe(expected.stats.perUser[zhangWei.id]!.allocated);
    await artifact(page, 'assignment-rules-preview-allocations-zh');
    // Nothing was assigned by the preview.
    expect((await demo.tenant.admin.get(api('/records/lead?where={"poolState":"public"}&count=true&limit=1'))).body.total).toBe(publicBefore);
    expect((await demo.tenant.admin.get(api(`/work-orders?assignee=${zhangWei.id}`))).body.data).toHaveLength(0);

    await card.getByRole('button', { name: '立即分配' }).click();
    await clickUntil(page.locator('.ant-popconfirm').getByRole('button', { name: '立即分配' }), popconfirmDone(page.locator('.ant-popconfirm')));
    // A real run is a background job a worker takes: on a busy machine (CI runs files side by side) it may take longer than a click's answer.
    await expectToast(page, `已分配 ${allocated} 条给 ${receivers} 人`, 45_000);
    const ran = card.getByRole('region', { name: '本次运行结果' });
    await expect.poll(() => ran.textContent()).toContain(`分配 ${allocated} 条给 ${receivers} 人`);
    await expect.poll(() => card.textContent()).toContain(`分配 ${allocated} 条`);
    expect(await card.textContent()).not.toContain('尚未运行');

    // The records left the public pool, each with a work order in its BD's queue.
    expect((await demo.tenant.admin.get(api('/records/lead?where={"poolState":"public"}&count=true&limit=1'))).body.total).toBe(publicBefore - allocated);
    const orders = (await demo.tenant.admin.get(api(`/work-orders?assignee=${zhangWei.id}&limit=500`))).body.data as Array<{ rule: string; recordId: string }>;
    expect(orders.length).toBe(expected.stats.perUser[zhangWei.id]!.allocated);
    expect(orders.every((o) => o.rule === 'eastChinaNewHotels')).toBe(true);
    // The run gave 张伟 exactly the records the preview listed for him (an even split is deterministic).
    for (const id of previewedForZhang) expect((await demo.tenant.admin.get(api(`/records/lead/${id}`))).body.owner).toBe(zhangWei.id);
    expect(orders.map((o) => o.recordId).sort()).toEqual([...previewedForZhang].sort());

    // The run is in the rule's recent runs, by the manager.
    await card.getByRole('button', { name: '运行记录' }).click();
    await expect.poll(() => card.locator('.ant-list').textContent()).toContain('李娜 运行');
    await artifact(page, 'assignment-rules-zh');
    // The manager hears of the run's end in 通知 as well (had they left this page), with a way back to the rules.
    const inbox = await page.context().newPage();
    await inbox.goto(`/app/${demo.tenant.slug}/notifications`);
    const notice = inbox.locator('#main').getByRole('link', { name: `华东新酒店分配：已分配 ${allocated} 条给 ${receivers} 人` });
    await notice.waitFor();
    expect(new URL(await notice.getAttribute('href') ?? '', inbox.url()).pathname).toBe(`/app/${demo.tenant.slug}/assignment-rules`);
    await inbox.close();

    // Each person of the run opens their queue: 张伟's holds the orders the run opened for him.
    await ran.getByRole('link', { name: '张伟' }).click();
    await page.waitForURL(new RegExp(`/work-orders\\?assignee=${zhangWei.id}$`));
    await expect.poll(() => page.locator('.shoal-page-head').textContent()).toContain(`${orders.length} 个工单`);
    await page.goBack();
    await page.waitForURL(/\/assignment-rules$/);

    // A run someone else started, not taken by a worker yet: the card says whose run is going on
    // and offers no second one; the runs list shows it as queued above the finished ones.
    const { kernel } = demo.ctx.server;
    const tenantId = (await kernel.tenants.bySlugFresh(demo.tenant.slug))!.id;
    const admin = (await demo.tenant.admin.get(api('/me'))).body as { id: string; name: string };
    const waiting = await kernel.storage.inTenant(tenantId, async (tx) => (await sql<{ id: string }>`
      INSERT INTO jobs (tenant_id, id, kind, state, object, options, created_by, created_at)
      VALUES (${tenantId}::uuid, gen_random_uuid(), 'assignment', 'queued', 'lead', ${JSON.stringify({ rule: 'eastChinaNewHotels', roles: ['admin'] })}::jsonb, ${admin.id}::uuid, now())
      RETURNING id`.execute(tx)).rows[0]!.id);
    await page.reload();
    await expect.poll(() => card.textContent()).toContain(`${admin.name} 于`);
    expect(await card.textContent()).toContain('发起的分配仍在进行中');
    expect(await card.getByRole('button', { name: '立即分配' }).isDisabled()).toBe(true);
    await card.getByRole('button', { name: '运行记录' }).click();
    const runsList = card.locator('.ant-list');
    await expect.poll(() => runsList.first().textContent()).toContain('排队中');
    expect(await runsList.first().textContent()).toContain(`${admin.name} 发起`);
    await expect.poll(() => runsList.last().textContent()).toContain('李娜 运行');
    await artifact(page, 'assignment-rules-pending-zh');
    // When it ends, the runs list and the card say so once asked again.
    await kernel.storage.inTenant(tenantId, (tx) => sql`UPDATE jobs SET state = 'failed' WHERE id = ${waiting}::uuid`.execute(tx));
    await runsList.first().getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => card.textContent()).not.toContain('排队中');
    await page.reload();
    await expect.poll(() => card.textContent()).toContain('上次运行');
    expect(await card.textContent()).not.toContain('发起的分配仍在进行中');
    expect(await card.getByRole('button', { name: '立即分配' }).isDisabled()).toBe(false);

    // The manager's own run, waiting when the page opens (she had left it): the card follows it
    // to its end and shows what it did.
    const mine = await kernel.storage.inTenant(tenantId, async (tx) => (await sql<{ id: string }>`
      INSERT INTO jobs (tenant_id, id, kind, state, object, options, created_by, created_at)
      VALUES (${tenantId}::uuid, gen_random_uuid(), 'assignment', 'queued', 'lead', ${JSON.stringify({ rule: 'eastChinaNewHotels', roles: ['manager'] })}::jsonb, ${manager.id}::uuid, now())
      RETURNING id`.execute(tx)).rows[0]!.id);
    await page.reload();
    await expect.poll(() => card.getByRole('status').textContent()).toContain('等待开始');
    // The server cannot be reached for a while: after three failed asks the card says the run's
    // progress cannot be read, and keeps asking (every ten seconds), so it picks the run up
    // again when the server answers instead of giving it up until the page is reloaded.
    const jobPath = `**/api/t/${demo.tenant.slug}/jobs/${mine}`;
    await page.route(jobPath, (route) => route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'database_unavailable' }),
    }));
    await expect.poll(() => card.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('暂时无法获取分配进度');
    expect(await card.getByRole('alert').textContent()).toContain('本页会继续查询');
    expect(await card.getByRole('status').textContent()).toContain('等待开始');
    await page.unroute(jobPath);
    await kernel.jobs.send('shoal-assignment', { tenantId, jobId: mine });
    await page.locator('.ant-message-notice', { hasText: '已分配 0 条给 0 人' }).first().waitFor({ timeout: 20_000 });
    expect(await card.textContent()).not.toContain('暂时无法获取分配进度');
    await expect.poll(() => card.getByRole('region', { name: '本次运行结果' }).textContent()).toContain('分配 0 条');
    expect((await demo.tenant.admin.get(api(`/jobs/${mine}`))).body.state).toBe('done');

    // In English, the same card in English words.
    await page.locator('header').getByText('EN', { exact: true }).click();
    const english = page.locator('.ant-card', { hasText: 'New hotels in East China' });
    await english.waitFor();
    await expect.poll(() => english.textContent()).toContain('In effect');
    // The last run: the manager's own, which found none left; its time the English way (Dec 7, 2026, 2:30 PM).
    expect(await english.textContent()).toMatch(/Last run[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M, 0 records assigned/);
    expect(await page.locator('#main h2').textContent()).toBe('Assignment rules');
    await context.close();
  });

  it('does not offer the rules page to a BD, who may not run them', async () => {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'zh-CN', size: desktop });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`/app/${demo.tenant.slug}/assignment-rules`);
    await signIn(page, 'bd1@hotel.demo', 'shoal-demo', /登\s*录/);
    await expect.poll(() => page.locator('#main').textContent()).toContain('没有你可运行的分配规则');
    expect(await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '分配规则' }).count()).toBe(0);
    await context.close();
  });
});

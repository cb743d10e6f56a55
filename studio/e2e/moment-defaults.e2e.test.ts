import { afterEach, expect, it } from 'vitest';
import { choose, closeStudio, draftSaved, openStudio, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** Visits with a time and contracts with a signing date, neither with a default yet. */
const document = {
  name: 'Gym sales',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  objects: {
    visit: {
      label: { en: 'Visit', zh: '拜访' }, titleField: 'note',
      fields: {
        note: { type: 'text', label: { en: 'Note', zh: '备注' } },
        visitedAt: { type: 'datetime', label: { en: 'Visited at', zh: '拜访时间' }, required: true },
        signedOn: { type: 'date', label: { en: 'Signed on', zh: '签约日期' } },
        nextVisitAt: { type: 'datetime', label: { en: 'Next visit', zh: '下次拜访' } },
      },
    },
  },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
afterEach(async () => { await closeStudio(session); session = undefined; });

it('gives a visit time the moment it is created and a signing date the day, then a fixed day; a record created through the API starts with them', async () => {
  session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document), locale: 'zh' });
  const s = session;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  await recorded(s, 'studio-moment-defaults', async () => {
    s.step = '拜访时间: 创建时刻';
    await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/visit`);
    await signIn(s);
    const drawer = page.locator('.ant-drawer-open');
    // A click a loaded machine sometimes loses: pressed again until the drawer opens.
    await pressUntil(page.getByRole('button', { name: '字段 visitedAt 的选项' }), drawer, 'visible');
    const kind = drawer.getByLabel('默认值类型');
    await choose(page, kind, '创建时刻');
    await draftSaved(page, 'zh');
    await screenshot(page, 'studio-moment-default-now');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    s.step = '下次拜访: 不早于 拜访时间 (the other date-time; not itself, not the date)';
    await page.getByRole('button', { name: '字段 nextVisitAt 的选项' }).click();
    await drawer.waitFor();
    const notBefore = drawer.getByLabel('不早于');
    await notBefore.click();
    const offered = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option');
    await expect.poll(() => offered.allTextContents()).toEqual(['拜访时间 (visitedAt)']);
    await page.keyboard.press('Escape');
    await choose(page, notBefore, '拜访时间 (visitedAt)');
    await expect.poll(async () => (await tenant.admin.get(api('/meta/draft'))).body.document?.objects.visit.fields.nextVisitAt.notBefore, { timeout: 10_000 }).toBe('visitedAt');
    // Esc closes what is open: the select's list if it is still open, then the drawer.
    await expect.poll(async () => {
      if (await drawer.isVisible()) await page.keyboard.press('Escape');
      return drawer.isVisible();
    }, { interval: 400 }).toBe(false);

    s.step = '签约日期: 创建当天, then a fixed date typed in';
    await page.getByRole('button', { name: '字段 signedOn 的选项' }).click();
    await drawer.waitFor();
    await choose(page, drawer.getByLabel('默认值类型'), '创建当天');
    const drafted = async (field: string) => (await tenant.admin.get(api('/meta/draft'))).body.document?.objects.visit.fields[field].default;
    await expect.poll(() => drafted('visitedAt'), { timeout: 10_000 }).toBe('now');
    await expect.poll(() => drafted('signedOn'), { timeout: 10_000 }).toBe('today');
    // A fixed date: the box to type it in appears empty, and what is typed is the default.
    await choose(page, drawer.getByLabel('默认值类型'), '固定日期');
    const fixed = drawer.getByLabel('默认值', { exact: true });
    expect(await fixed.inputValue()).toBe('');
    await fixed.fill('2026-01-31');
    await expect.poll(() => drafted('signedOn'), { timeout: 10_000 }).toBe('2026-01-31');
    // Back to 创建当天 for the publish.
    await choose(page, drawer.getByLabel('默认值类型'), '创建当天');
    expect(await drawer.getByLabel('默认值', { exact: true }).count()).toBe(0);
    await expect.poll(() => drafted('signedOn'), { timeout: 10_000 }).toBe('today');
    await page.keyboard.press('Escape');

    s.step = 'published: a visit created without either starts with now and Shanghai\'s today';
    const published = await tenant.admin.post(api('/meta/publish'), {});
    expect(published.status, published.text).toBe(200);
    const shanghaiDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const before = { ms: Date.now(), day: shanghaiDay() };
    const created = await tenant.admin.post(api('/records/visit'), { note: '第一次上门' });
    expect(created.status, created.text).toBe(201);
    expect(Date.parse(created.body.visitedAt)).toBeGreaterThanOrEqual(before.ms - 1000);
    expect(Date.parse(created.body.visitedAt)).toBeLessThanOrEqual(Date.now());
    expect([before.day, shanghaiDay()]).toContain(created.body.signedOn);
    // A next visit before the visit (now) is refused at its field.
    const early = await tenant.admin.post(api('/records/visit'), { note: '回访', nextVisitAt: '2020-01-01T00:00:00Z' });
    expect([early.status, early.body.errors?.[0]?.path]).toEqual([422, '/nextVisitAt']);
    expect(s.problems).toEqual([]);
  });
}, 180_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { closeStudio, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(testDocument()) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** How wide the fields table is against the room it has, and whether each field's ⚙ is in view. */
async function fieldsTable(page: Page): Promise<{ overflow: number; settingsInView: boolean }> {
  return page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.ant-table-content')!;
    const box = scroller.getBoundingClientRect();
    const gears = [...scroller.querySelectorAll('.anticon-setting')].map((g) => g.getBoundingClientRect());
    return { overflow: scroller.scrollWidth - scroller.clientWidth, settingsInView: gears.length > 0 && gears.every((g) => g.left >= box.left && g.right <= box.right) };
  });
}

it('lays out a lead’s fields without a sideways scrollbar on a 1440 px window, in English and Chinese, and keeps ⚙ in view when narrower', () => recorded(session!, 'studio-fields-width', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;

  s.step = '1440 × 960, English: every column of the thirteen fields in view';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/lead`);
  await signIn(s);
  await page.getByLabel('Type of field expectedRevenue').waitFor();
  expect(await fieldsTable(page)).toEqual({ overflow: 0, settingsInView: true });
  expect(await page.getByLabel('Key of field expectedRevenue').evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
  await screenshot(page, 'studio-fields-width-1440');

  s.step = 'the same in Chinese';
  await page.getByText('中文', { exact: true }).click();
  await page.getByLabel('字段 expectedRevenue 的类型').waitFor();
  expect(await fieldsTable(page)).toEqual({ overflow: 0, settingsInView: true });
  await screenshot(page, 'studio-fields-width-1440-zh');

  s.step = 'a 1024 px window scrolls the flags sideways, with ⚙ pinned in view';
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(async () => (await fieldsTable(page)).overflow).toBeGreaterThan(0);
  expect((await fieldsTable(page)).settingsInView).toBe(true);
  expect(s.problems).toEqual([]);
}), 120_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { closeStudio, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(testDocument()) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** How much wider than its room the first table on the screen is, and whether each of its `icon`s (⚙, delete) is in view. */
async function tableFit(page: Page, icon = '.anticon-setting'): Promise<{ overflow: number; settingsInView: boolean }> {
  return page.evaluate((icon) => {
    const scroller = document.querySelector<HTMLElement>('main .ant-table-content')!;
    const box = scroller.getBoundingClientRect();
    const icons = [...scroller.querySelectorAll(icon)].map((g) => g.getBoundingClientRect());
    return { overflow: scroller.scrollWidth - scroller.clientWidth, settingsInView: icons.length > 0 && icons.every((g) => g.left >= box.left && g.right <= box.right) };
  }, icon);
}
const fieldsTable = (page: Page) => tableFit(page);

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

it('lays out a role’s rules with every action, 领取 and 释放 included, in view on a 1440 px window', () => recorded(session!, 'studio-role-rules-width', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  await page.setViewportSize({ width: 1440, height: 960 });

  s.step = 'English: the bd role’s six rules, every action column and the delete buttons in view';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/roles/bd`);
  // The last test chose Chinese, which the account keeps: back to English.
  await page.getByText('EN', { exact: true }).click();
  await page.getByLabel('Claim in rule 1').waitFor();
  expect(await tableFit(page, '.anticon-delete')).toEqual({ overflow: 0, settingsInView: true });
  expect(await page.locator('main .ant-table').first().locator('thead th').getByText('Release', { exact: true }).evaluate((e) => e.getBoundingClientRect().height)).toBeLessThan(20);
  await screenshot(page, 'studio-role-rules-width-1440');

  s.step = 'Chinese too';
  await page.getByText('中文', { exact: true }).click();
  await page.getByLabel('规则 1：领取').waitFor();
  expect(await tableFit(page, '.anticon-delete')).toEqual({ overflow: 0, settingsInView: true });
  await screenshot(page, 'studio-role-rules-width-1440-zh');
  expect(s.problems).toEqual([]);
}), 120_000);

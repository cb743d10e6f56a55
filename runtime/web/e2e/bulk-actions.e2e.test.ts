import { describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { publish } from '../../testing/test-server.ts';
import { artifact, clickUntil, demoWithBrowser, desktop, expectToast, newContext, pickOption, popconfirmDone, setTicked, signIn } from './e2e-helpers.ts';

/**
 * Ticked rows of the hotel demo's lists, acted on at once: a BD claims several public leads
 * (and is stopped cleanly at the pool's limit), releases several with one reason, and changes a
 * field of several leads (one not theirs is refused, and said); a manager deletes several and
 * takes it back.
 */
describe('bulk actions on lists and pools (Chromium)', () => {
  const demo = demoWithBrowser('hotel');
  const api = (path: string) => `/api/t/${demo.tenant.slug}${path}`;

  async function open(path: string, email: string, password = 'shoal-demo'): Promise<Page> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale: 'en-US', size: desktop });
    await context.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-bulk-${email.split('@')[0]}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}${path}`);
    await signIn(page, email, password);
    return page;
  }

  const rows = (page: Page) => page.locator('#main .ant-table-tbody tr.ant-table-row');
  /** The title of each row (its first link; a row links its hotel too). */
  const rowTitles = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.textContent ?? ''));
  /** Ticks rows and returns their titles and ids (from the link of each row). */
  async function tick(page: Page, picked: Locator[]): Promise<{ titles: string[]; ids: string[] }> {
    const titles: string[] = [];
    const ids: string[] = [];
    for (const row of picked) {
      const link = row.locator('a').first();
      titles.push((await link.textContent())!);
      ids.push((await link.getAttribute('href'))!.split('/').pop()!);
      await setTicked(row.locator('.ant-checkbox-input'), true);
    }
    await page.getByRole('region', { name: `${picked.length} selected` }).waitFor();
    return { titles, ids };
  }
  /** "You hold 12 of 200" on 私海, as a number. */
  const holding = async (page: Page) => {
    const head = page.locator('.shoal-page-head', { hasText: /You hold \d+/ });
    return Number((await head.textContent())!.match(/You hold (\d+)/)![1]);
  };
  /** The leads as stored, in the order of `ids` (deleted ones left out). */
  const leads = async (ids: string[]) => {
    const found = (await demo.tenant.admin.post(api('/records/lead/query'), { where: { id: { $in: ids } }, limit: 50 })).body.data as Array<Record<string, unknown>>;
    return ids.map((id) => found.find((r) => r.id === id)).filter((r) => r !== undefined);
  };

  it('a BD ticks three public leads and claims them at once: all three leave 公海, and 私海 holds three more', async () => {
    const page = await open('/pools/leadPool/mine', 'bd1@hotel.demo');
    await rows(page).first().waitFor();
    const before = await holding(page);
    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/public`);
    await rows(page).first().waitFor();
    const { titles: picked, ids } = await tick(page, [0, 1, 2].map((n) => rows(page).nth(n)));
    // Room under the pool's limit, said before claiming.
    await page.getByRole('region', { name: '3 selected' }).getByText(`you may claim ${200 - before} more (holding ${before} of 200)`).waitFor();
    await page.getByRole('button', { name: 'Claim 3', exact: true }).click();
    await expectToast(page, '3 claimed');
    await expect.poll(async () => (await rowTitles(page)).filter((t) => picked.includes(t))).toEqual([]);
    // Nothing refused, and the ticks are gone with the rows.
    expect(await page.locator('#main [role="alert"]').count()).toBe(0);
    expect(await page.getByRole('region', { name: /selected$/ }).count()).toBe(0);
    expect((await leads(ids)).map((r) => r.poolState)).toEqual(['private', 'private', 'private']);

    await page.goto(`/app/${demo.tenant.slug}/pools/leadPool/mine`);
    await rows(page).first().waitFor();
    await expect.poll(() => holding(page)).toBe(before + 3);
    await page.context().close();
  });

  it('a BD releases two held leads with one reason from the release dialog', async () => {
    const page = await open('/pools/leadPool/mine', 'bd2@hotel.demo');
    await rows(page).first().waitFor();
    const before = await holding(page);
    const { titles: picked, ids } = await tick(page, [rows(page).nth(0), rows(page).nth(1)]);
    await page.getByRole('button', { name: 'Release 2…' }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'Release 2 records' });
    // The reason's press can be lost while the dialog zooms in: pressed until Release can be pressed.
    const confirm = dialog.locator('.ant-modal-footer .ant-btn-dangerous');
    await clickUntil(dialog.getByRole('button', { name: 'No interest for now' }), () => confirm.isEnabled());
    await clickUntil(confirm, popconfirmDone(dialog));
    await expectToast(page, '2 released');
    await expect.poll(async () => (await rowTitles(page)).filter((t) => picked.includes(t))).toEqual([]);
    await expect.poll(() => holding(page)).toBe(before - 2);
    const released = await leads(ids);
    expect(released.map((r) => [r.poolState, r.releaseReason])).toEqual([['public', 'no_interest'], ['public', 'no_interest']]);
    await page.context().close();
  });

  it('a BD changes the priority of three leads: their own two are changed, the public one is refused and said why', async () => {
    const page = await open('/o/lead', 'bd1@hotel.demo');
    await rows(page).first().waitFor();
    const own = rows(page).filter({ hasText: '张伟' });
    const publicLead = rows(page).filter({ hasNotText: '张伟' }).first();
    const { titles: picked, ids } = await tick(page, [own.nth(0), own.nth(1), publicLead]);
    const before = await leads(ids);
    // A priority neither of their own two has yet: both are changed, not found as they were.
    const [value, label] = [['high', 'High'], ['medium', 'Medium'], ['low', 'Low']].find(([v]) => before[0]!.priority !== v && before[1]!.priority !== v)!;
    await page.getByRole('button', { name: 'Change a field…' }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'Change a field of 3 records' });
    await pickOption(page, dialog.locator('#bulk-edit-field'), 'Priority');
    await pickOption(page, dialog.locator('#bulk-edit-value'), label!);
    await clickUntil(dialog.getByRole('button', { name: 'Change 3' }), popconfirmDone(dialog));
    await expectToast(page, /^\s*2 updated\s*$/);
    const report = page.locator('#main [role="alert"]');
    await expect.poll(() => report.textContent()).toContain('2 of 3 updated; 1 refused:');
    expect(await report.textContent()).toContain(`${picked[2]}: you may see this Lead but not change it`);
    expect(await page.getByRole('region', { name: /selected$/ }).count()).toBe(0);
    const after = await leads(ids);
    expect(after.map((r) => r.priority)).toEqual([value, value, before[2]!.priority]);
    expect(after[2]!.version).toBe(before[2]!.version);
    await artifact(page, 'bulk-edit-refused');
    await page.context().close();
  });

  it('a manager deletes two leads at once: the team’s is deleted, the public one is refused; Undo brings the deleted back', async () => {
    // Two new leads (nothing refers to them): one held by the manager's team, one public.
    const hotel = (await demo.tenant.admin.get(api('/records/hotel?limit=1'))).body.data[0].id as string;
    const bd1 = ((await demo.tenant.admin.get(api('/users?limit=100'))).body.data as Array<{ id: string; email: string }>).find((u) => u.email === 'bd1@hotel.demo')!.id;
    const held = (await demo.tenant.admin.post(api('/records/lead'), { name: 'Bulk delete held', hotel })).body.id as string;
    const unheld = (await demo.tenant.admin.post(api('/records/lead'), { name: 'Bulk delete public', hotel })).body.id as string;
    expect((await demo.tenant.admin.post(api('/pools/leadPool/assign'), { id: held, userId: bd1 })).status).toBe(200);

    const page = await open('/o/lead', 'manager@hotel.demo');
    await rows(page).first().waitFor();
    await page.getByPlaceholder(/^Search leads/).fill('Bulk delete');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows(page).count()).toBe(2);
    await tick(page, [rows(page).filter({ hasText: 'Bulk delete held' }), rows(page).filter({ hasText: 'Bulk delete public' })]);
    await page.getByRole('button', { name: 'Delete 2…' }).click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: 'Delete 2 records?' });
    await clickUntil(confirm.getByRole('button', { name: 'Delete' }), popconfirmDone(confirm));
    await expectToast(page, '1 deleted');
    const report = page.locator('#main [role="alert"]');
    await expect.poll(() => report.textContent()).toContain('1 of 2 deleted; 1 refused:');
    expect(await report.textContent()).toContain('Bulk delete public: you may not delete this Lead');
    await expect.poll(() => rowTitles(page)).toEqual(['Bulk delete public']);
    expect((await leads([held, unheld])).map((r) => r.id)).toEqual([unheld]);

    await page.locator('.ant-message-notice').getByRole('button', { name: 'Undo' }).click();
    await expectToast(page, '1 restored');
    await expect.poll(async () => (await rowTitles(page)).sort()).toEqual(['Bulk delete held', 'Bulk delete public']);
    expect((await leads([held, unheld])).map((r) => r.id)).toEqual([held, unheld]);
    await page.context().close();
  });

  it('a BD ticks three leads with room for two: two are claimed, then it stops and says the limit is why', async () => {
    const live = (await demo.tenant.admin.get(api('/meta'))).body.document;
    const narrowed = structuredClone(live);
    narrowed.pools.leadPool.maxPerOwner = 2;
    expect((await publish(demo.tenant, narrowed)).status).toBe(200);
    try {
      await demo.ctx.createUser(demo.tenant, { email: 'bd-new@hotel.demo', name: 'New BD', roles: ['bd'], attributes: { team: 'hotel-bd' } });
      const page = await open('/pools/leadPool/public', 'bd-new@hotel.demo', 'user-password-1');
      await rows(page).first().waitFor();
      const { titles: picked, ids } = await tick(page, [0, 1, 2].map((n) => rows(page).nth(n)));
      await page.getByRole('region', { name: '3 selected' }).getByText('you may claim 2 more (holding 0 of 2)').waitFor();
      await page.getByRole('button', { name: 'Claim 3', exact: true }).click();
      await expectToast(page, '2 claimed');
      const report = page.locator('#main [role="alert"]');
      await expect.poll(() => report.textContent()).toContain('2 of 3 claimed; 1 not:');
      expect(await report.textContent()).toContain(`${picked[2]}: The limit of 2 private leads is reached`);
      // The two claimed leave the list; the third stays, unclaimed, for someone else.
      await expect.poll(async () => (await rowTitles(page)).filter((t) => picked.includes(t))).toEqual([picked[2]]);
      expect((await leads(ids)).map((r) => r.poolState)).toEqual(['private', 'private', 'public']);
      await artifact(page, 'bulk-claim-limit');
      await page.context().close();
    } finally {
      await publish(demo.tenant, live);
    }
  });
});

import type { Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, draftSaved, openStudio, recorded, signIn, type StudioSession } from './studio-e2e.ts';

/** A tea house chain's CRM; the studio speaks Chinese. */
const document = {
  name: '茶馆连锁',
  locale: 'zh-CN',
  objects: {
    shop: {
      label: { en: 'Tea house', zh: '茶馆' },
      titleField: 'name',
      fields: { name: { type: 'text', required: true, label: { en: 'Name', zh: '名称' } }, seats: { type: 'integer', label: { en: 'Seats', zh: '座位数' } } },
    },
  },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ locale: 'zh', tenant: (ctx) => ctx.createTenantWith(document) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

const draftPut = /\/meta\/draft$/;

/**
 * Answers the next save of the draft with a 503 (the database gone for a moment), asking to wait
 * `retryAfter` seconds when given; the saves after it reach the server.
 */
async function failNextSave(s: StudioSession, retryAfter?: number): Promise<{ failed: () => number }> {
  let failed = 0;
  await s.page.route(draftPut, async (route: Route) => {
    if (route.request().method() !== 'PUT' || failed > 0) return route.fallback();
    failed++;
    await route.fulfill({
      status: 503, contentType: 'application/problem+json', headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
      body: JSON.stringify({ type: 'https://shoal.dev/problems/unavailable', title: 'Service unavailable', status: 503, code: 'unavailable', detail: 'The database is unavailable' }),
    });
  });
  return { failed: () => failed };
}

it('a save that failed says so and why in Chinese, saves when the tag is pressed, by itself after a while, and when the browser is back online', () => recorded(session!, 'studio-save-retry', async () => {
  const s = session!;
  const { page, ctx, tenant, context } = s;
  const status = page.getByTestId('save-status');
  const seatsLabel = () => page.locator('[data-pointer="/objects/shop/fields/seats/label"]').getByLabel('英文名称').first();
  const savedLabel = async () => (await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document.objects.shop.fields.seats.label.en;

  s.step = 'open the tea house';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/shop`);
  await signIn(s);
  await seatsLabel().waitFor();

  s.step = 'a save answered with 503: the red tag says 保存失败, the reason in Chinese; pressing it saves';
  // The server asks for ten minutes: only the press can save it within the test.
  const once = await failNextSave(s, 600);
  await seatsLabel().fill('Seats (indoor)');
  await expect.poll(async () => (await status.textContent()) ?? '').toMatch(/^保存失败$/);
  expect(await status.getAttribute('title')).toContain('服务器暂时不可用');
  expect(await status.getAttribute('title')).not.toContain('database');
  expect(once.failed()).toBe(1);
  await status.click();
  await draftSaved(page, 'zh');
  expect(await savedLabel()).toBe('Seats (indoor)');
  await page.unroute(draftPut);

  s.step = 'the same again, left alone: the studio retries by itself';
  await failNextSave(s);
  await seatsLabel().fill('Seats (all)');
  await expect.poll(async () => (await status.textContent()) ?? '').toMatch(/^保存失败$/);
  await draftSaved(page, 'zh');
  expect(await savedLabel()).toBe('Seats (all)');
  await page.unroute(draftPut);

  s.step = 'offline: the tag says there is no connection; back online, the draft is saved';
  await context.setOffline(true);
  await seatsLabel().fill('Seats (garden)');
  await expect.poll(async () => (await status.getAttribute('title')) ?? '').toContain('无法连接服务器');
  await context.setOffline(false);
  await draftSaved(page, 'zh');
  expect(await savedLabel()).toBe('Seats (garden)');

  await page.unrouteAll({ behavior: 'wait' });
  // The 503s were the point.
  expect(s.problems.filter((p) => !p.startsWith('503 '))).toEqual([]);
}), 120_000);

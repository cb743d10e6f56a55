import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, draftSaved, menu, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

const document = {
  name: 'Breakfast shops',
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  objects: {
    shop: {
      label: { en: 'Shop', zh: '门店' },
      titleField: 'name',
      fields: {
        name: { type: 'text', required: true },
        phone: { type: 'phone', label: { en: 'Phone' } },
        seats: { type: 'integer', min: 0 },
      },
    },
  },
  layouts: { shop: { list: { columns: ['name', 'phone'] } } },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('renames a field that holds data, publishes with the migration, and rolls back from the versions screen', () => recorded(session!, 'studio-rename', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const created = await tenant.admin.post(api('/records/shop'), { name: 'Sunrise Congee', phone: '+86 138 0000 0001', seats: 20 });
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  s.step = 'rename phone → mobile in the object editor';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/shop`);
  await signIn(s);
  const key = page.getByLabel('Key of field phone');
  await key.fill('mobile');
  await key.press('Enter');
  await page.getByText('renamed from phone').waitFor();
  await draftSaved(page);
  await screenshot(page, 'studio-rename-field');

  s.step = 'review: the rename is a data migration touching 1 record';
  await page.getByRole('button', { name: 'Review & publish' }).click();
  await page.getByTestId('badge-migration').first().waitFor({ timeout: 20_000 });
  // Named as the owner named them: the object and the field by their labels, the keys that change as keys.
  await page.getByText('Shop: field “Phone” phone → mobile (values move)').first().waitFor();
  expect(await page.getByTestId('affected').allTextContents()).toContain('1');
  await screenshot(page, 'studio-rename-diff');
  await page.getByRole('button', { name: /Publish$/ }).click();
  await page.getByText('Version 3 is live').waitFor({ timeout: 20_000 });

  const renamed = await tenant.admin.get(api(`/records/shop/${id}`));
  expect(renamed.body.mobile).toBe('+86 138 0000 0001');
  expect(renamed.body).not.toHaveProperty('phone');
  const live = await tenant.admin.get(api('/meta'));
  expect(live.body.document.layouts.shop.list.columns).toEqual(['name', 'mobile']);

  s.step = 'roll back to version 2 from the versions screen';
  await menu(page, 'Versions');
  await page.getByRole('button', { name: 'Roll back to version 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back to version 2' });
  await dialog.getByText('Shop: field “Phone” mobile → phone (values move)').waitFor();
  expect(await dialog.getByRole('checkbox', { name: 'Shop: field “Phone” mobile → phone (values move)' }).isChecked()).toBe(true);
  await screenshot(page, 'studio-rollback-dialog');
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await dialog.getByText('Rolled back to version 2: it is live as v4.').waitFor({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByText('v4').first().waitFor();
  await screenshot(page, 'studio-rollback-versions');

  s.step = 'a version says what its publish changed, as reviewed then';
  await page.getByRole('link', { name: 'v3', exact: true }).click();
  const changes = page.getByTestId('version-changes');
  await changes.getByText('phone renamed to mobile; values move with it').first().waitFor();
  expect(await changes.getByTestId('affected').allTextContents()).toContain('1');
  // Objects by their names, not their keys.
  await page.locator('.ant-descriptions-item', { hasText: 'Objects' }).getByText('Shop', { exact: true }).waitFor();
  await screenshot(page, 'studio-version-changes');
  expect(s.problems).toEqual([]);

  const back = await tenant.admin.get(api(`/records/shop/${id}`));
  expect(back.body.phone).toBe('+86 138 0000 0001');
  expect(back.body).not.toHaveProperty('mobile');
  const versions = await tenant.admin.get(api('/meta/versions'));
  expect(versions.body.data.find((v: { live: boolean }) => v.live)).toMatchObject({ version: 4, kind: 'rollback' });
}), 120_000);

it('tells the owner, before publishing, how many records a stricter rule leaves behind', () => recorded(session!, 'studio-stricter', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const golden = await tenant.admin.post(api('/records/shop'), { name: 'Golden Bun', seats: 48 });
  expect(golden.status).toBe(201);
  expect((await tenant.admin.post(api('/records/shop'), { name: 'Morning Tea', seats: 12 })).status).toBe(201);
  const draft = (await tenant.admin.get(api('/meta/draft'))).body.document;
  draft.objects.shop.fields.seats.max = 30;
  expect((await tenant.admin.put(api('/meta/draft'), { document: draft })).status).toBe(200);

  s.step = 'review: seats at most 30 is safe, and one shop has more';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/publish`);
  await page.getByTestId('breaks-rule').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('breaks-rule').textContent()).toBe('No migration: those records keep their values; the record form asks for a valid value when one is next edited.');
  expect(await page.getByTestId('affected').allTextContents()).toEqual(['1']);
  expect(await page.getByTestId('badge-safe').count()).toBe(1);
  await page.getByText('1 record does not meet the new rule (≤ 30)', { exact: false }).waitFor();
  await screenshot(page, 'studio-stricter-rule');
  await page.getByRole('button', { name: /Publish$/ }).click();
  await page.getByText('Version 5 is live').waitFor({ timeout: 20_000 });

  s.step = 'the app: the shop keeps 48 seats, and its form asks for a valid number at the next edit';
  const app = await page.context().newPage();
  await app.goto(`${ctx.server.url}/app/${tenant.slug}/o/shop/${golden.body.id}`);
  const seats = app.locator('#root_seats');
  const email = app.getByLabel('Email');
  await seats.or(email).first().waitFor();
  if (await email.isVisible()) {
    await email.fill(tenant.adminEmail);
    await app.getByLabel('Password').fill(tenant.adminPassword);
    await app.getByRole('button', { name: 'Sign in' }).click();
  }
  await seats.waitFor();
  expect(await seats.inputValue()).toBe('48');
  await app.locator('#root_name').fill('Golden Bun Pudong');
  await app.getByRole('button', { name: 'Save' }).click();
  await app.locator('.ant-form-item-has-error', { has: seats }).waitFor();
  expect((await tenant.admin.get(api(`/records/shop/${golden.body.id}`))).body).toMatchObject({ name: 'Golden Bun', seats: 48 });
  await seats.fill('30');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await tenant.admin.get(api(`/records/shop/${golden.body.id}`))).body).toMatchObject({ name: 'Golden Bun Pudong', seats: 30 });
  await screenshot(app, 'app-stricter-rule-saved');
  await app.close();
  expect(s.problems).toEqual([]);
}), 120_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appBuilt, choose, closeDrawer, closeStudio, confirmDialog, draftSaved, openDialog, labelInput, menu, newObject, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio(); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** Opens the "Add field" dialog with an English label and a type; the caller fills the rest. */
async function fieldDialog(page: Page, label: string, type: string) {
  // Pressed again if no dialog opens: once in CI (on e83ff67) the press right after the new object went unheard.
  const dialog = await openDialog(page, 'Add field');
  await dialog.getByLabel('English label').fill(label);
  await choose(page, dialog.getByLabel('Type'), new RegExp(`^${type}$`));
  return dialog;
}

/** A car dealership's test-drive leads, set up from a blank tenant as its owner would. */
it('sets up a car dealership: money in euros, options named in the language they were typed in, and the app shows prices in euros', () => recorded(session!, 'studio-dealership', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;
  await page.goto(`${ctx.server.url}/studio/${slug}/objects`);
  // The sign-in names the workspace as the app's does (its name, not its address).
  await page.getByRole('heading', { name: `Sign in to Tenant ${slug}` }).waitFor();
  await signIn(s);

  s.step = 'a money field asks which currency it holds; the next one takes the same';
  await newObject(page, 'vehicle', 'Vehicle', '车辆');
  let dialog = await fieldDialog(page, 'List price', 'Currency');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.getByText('Which money the field holds').waitFor();
  await dialog.locator('.ant-form-item-has-error').getByText('Required').waitFor();
  await choose(page, dialog.getByLabel('Currency'), 'EUR');
  await confirmDialog(dialog);
  await closeDrawer(page);
  dialog = await fieldDialog(page, 'Discount', 'Currency');
  expect((await dialog.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Currency' }) }).innerText()).trim()).toBe('EUR');
  await confirmDialog(dialog);
  await closeDrawer(page);
  await draftSaved(page);
  // At 1440 px the flags scroll sideways, but the ⚙ the hint points to stays in view.
  const gear = await page.getByRole('button', { name: 'Options of field discount' }).boundingBox();
  const table = await page.locator('.ant-table-wrapper').first().boundingBox();
  expect(gear!.x + gear!.width).toBeLessThanOrEqual(table!.x + table!.width);

  s.step = 'in the Chinese studio, options typed in the dialog are Chinese names';
  await page.getByText('中文', { exact: true }).first().click();
  dialog = await openDialog(page, '添加字段');
  await dialog.getByLabel('中文名称').fill('颜色');
  await dialog.getByLabel('标识').fill('colour');
  // Typed, not scrolled to among sixteen types.
  await dialog.getByLabel('类型').click();
  await dialog.getByLabel('类型').fill('单选');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('选项').waitFor();
  for (const colour of ['白色', '黑色']) {
    await dialog.getByLabel('选项').fill(colour);
    await dialog.getByLabel('选项').press('Enter');
  }
  await confirmDialog(dialog, '添 加');
  await page.getByText('EN', { exact: true }).first().click();
  // "Draft saved" may still be the status of the save before this field: wait for the field.
  await expect.poll(async () => (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.objects.vehicle.fields.colour, { timeout: 15_000 }).toBeDefined();
  const draft = await tenant.admin.get(`/api/t/${slug}/meta/draft`);
  const fields = draft.body.document.objects.vehicle.fields;
  expect(fields.listPrice).toMatchObject({ type: 'currency', currency: 'EUR' });
  expect(fields.discount).toMatchObject({ type: 'currency', currency: 'EUR' });
  // Named in Chinese, keyed by pinyin as an option added later in the options editor is.
  expect(fields.colour.options).toEqual([{ value: 'baiSe', label: { zh: '白色' } }, { value: 'heiSe', label: { zh: '黑色' } }]);

  s.step = 'a view named in the add dialog gets its key from the name';
  await menu(page, 'Views');
  await page.getByRole('button', { name: 'Add' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Views' });
  await choose(page, dialog.getByLabel('Object'), 'Vehicle (vehicle)');
  await dialog.getByLabel('English label').fill('Cars under 40k');
  await expect.poll(() => dialog.getByLabel('Key').inputValue()).toBe('carsUnder40k');
  await confirmDialog(dialog);
  await draftSaved(page);
  expect((await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.views.carsUnder40k).toMatchObject({ object: 'vehicle', label: { en: 'Cars under 40k' } });

  s.step = 'code that is not JSON yet is not called saved, and a reload keeps it';
  await menu(page, 'Code');
  const editor = page.getByTestId('code-editor').locator('.view-lines');
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"oops": ', { delay: 10 });
  await expect.poll(async () => (await page.getByTestId('save-status').textContent()) ?? '').toBe('Code is not valid JSON — not saved');
  await page.reload();
  await page.getByText('Not valid JSON yet').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId('code-editor').locator('.view-lines').innerText(), { timeout: 20_000 }).toContain('"oops"');
  expect(await page.getByTestId('save-status').textContent()).toBe('Code is not valid JSON — not saved');
  // A form edit supersedes it (the code view reopens on the document).
  await menu(page, 'Settings');
  await page.getByLabel('Display name').fill('Autohaus Berlin');
  await draftSaved(page);

  s.step = 'the overview names what the tenant has by its names, in the UI language';
  await menu(page, 'Overview');
  const overview = page.locator('.ant-layout-content');
  await overview.getByRole('link', { name: 'Vehicle', exact: true }).waitFor();
  await overview.getByRole('link', { name: 'Cars under 40k', exact: true }).waitFor();
  await overview.getByText('中文 (zh-CN)').waitFor();

  s.step = 'the Chinese review says what changes in Chinese, naming objects and fields by their labels';
  await page.getByText('中文', { exact: true }).first().click();
  await page.getByRole('button', { name: '检查并发布' }).first().click();
  await page.getByRole('cell', { name: '新对象 车辆' }).waitFor({ timeout: 20_000 });
  const review = await page.locator('.ant-table').first().innerText();
  expect(review).not.toContain('new object');
  await screenshot(page, 'studio-dealership-review-zh');
  await page.getByText('EN', { exact: true }).first().click();

  s.step = 'publish; the app shows the price in euros';
  await expect.poll(() => page.getByRole('button', { name: /Publish$/ }).isEnabled(), { timeout: 20_000 }).toBe(true);
  await page.getByRole('button', { name: /Publish$/ }).click();
  await page.getByText('Version 2 is live').waitFor({ timeout: 20_000 });
  const car = await tenant.admin.post(`/api/t/${slug}/records/vehicle`, { name: 'BMW i4', listPrice: 59900 });
  expect(car.status).toBe(201);
  if (appBuilt()) {
    const app = await s.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await app.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const login = await app.request.post(`${ctx.server.url}/api/t/${slug}/auth/login`, { data: { email: tenant.adminEmail, password: tenant.adminPassword } });
    expect(login.status()).toBe(200);
    const appPage = await app.newPage();
    await appPage.goto(`${ctx.server.url}/app/${slug}/o/vehicle/${car.body.id}`);
    // The record's history names the price as the app formats it.
    await appPage.getByText('€59,900.00').first().waitFor({ timeout: 20_000 });
    expect(await appPage.locator('body').innerText()).not.toContain('¥');
    await screenshot(appPage, 'studio-dealership-app-price');
    await app.close();
  }
  expect(s.problems).toEqual([]);
}), 180_000);

it('a screen whose code cannot be fetched (the studio was updated meanwhile) says so and reloads, instead of blanking the studio', () => recorded(session!, 'studio-dealership-update', async () => {
  const s = session!;
  const { page } = s;
  s.step = 'the versions screen’s code answers 503, as during a deploy';
  await page.route(/\/studio\/assets\/versions-screen-[^/]+\.js$/, (route) => route.fulfill({ status: 503, body: 'updating' }));
  await menu(page, 'Versions');
  await page.getByText('This screen could not be shown').waitFor();
  await page.getByRole('menuitem', { name: 'Overview' }).waitFor();
  await screenshot(page, 'studio-dealership-screen-failed');
  s.problems.length = 0; // the failed fetch was the point
  await page.unroute(/\/studio\/assets\/versions-screen-[^/]+\.js$/);
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('columnheader', { name: 'Version' }).waitFor({ timeout: 20_000 });
  expect(s.problems).toEqual([]);
}), 60_000);

it('warns when a role may move leads into a stage but may not write what the stage requires (the app would ask, the server refuse)', () => recorded(session!, 'studio-dealership-stuck', async () => {
  const s = session!;
  const { page, tenant } = s;
  const slug = tenant.slug;
  s.step = 'a lead funnel whose Purchased stage requires a contract number the BD may not write';
  const draft = (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document;
  draft.objects.lead = {
    label: { en: 'Test-drive lead', zh: '试驾线索' }, titleField: 'name',
    fields: { name: { type: 'text', required: true }, phone: { type: 'phone' }, contractNo: { type: 'text', label: { en: 'Contract no.', zh: '合同号' } }, stage: { type: 'stage', pipeline: 'leadFunnel' } },
  };
  draft.pipelines = { leadFunnel: { object: 'lead', field: 'stage', stages: [
    { key: 'new', kind: 'open' }, { key: 'won', label: { en: 'Purchased', zh: '已购车' }, kind: 'won', requires: ['contractNo'] }, { key: 'lost', kind: 'lost' },
  ] } };
  draft.roles = { ...draft.roles, bd: [{ object: 'lead', actions: ['read', 'update', 'transition'], where: { owner: '$user.id' }, fields: ['name', 'phone'] }] };
  expect((await tenant.admin.put(`/api/t/${slug}/meta/draft`, { document: draft })).status).toBe(200);
  await page.reload();

  s.step = 'the stage says so';
  await menu(page, 'Pipelines');
  await page.getByText('leadFunnel', { exact: true }).first().click();
  await page.getByTestId('stuck-stage').getByText('bd may move records here but cannot write Contract no.').waitFor();

  s.step = 'so does the review, until the role may write it';
  await page.getByRole('button', { name: 'Review & publish' }).click();
  await page.getByTestId('stuck-stages').getByText('bd → Purchased: cannot write Contract no.').waitFor({ timeout: 20_000 });
  await screenshot(page, 'studio-dealership-stuck');
  await menu(page, 'Roles');
  await page.getByText('bd', { exact: true }).first().click();
  await choose(page, page.getByRole('combobox', { name: 'Fields of rule 1' }), 'Contract no. (contractNo)');
  await page.keyboard.press('Escape');
  await draftSaved(page);
  await menu(page, 'Pipelines');
  await page.getByText('leadFunnel', { exact: true }).first().click();
  await page.getByText('Stage 2', { exact: true }).waitFor();
  expect(await page.getByTestId('stuck-stage').count()).toBe(0);
}), 90_000);

it('ticking one move of the transition matrix gives only that move, and every other move keeps its own roles', () => recorded(session!, 'studio-dealership-matrix', async () => {
  const s = session!;
  const { page, tenant } = s;
  const slug = tenant.slug;
  s.step = 'the test-drive leads (above): BDs contact new ones, only managers confirm them';
  const draft = (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document;
  const rules = [{ from: ['new'], to: ['contacted'], roles: ['bd'] }, { from: ['new'], to: ['confirmed'], roles: ['manager'] }];
  draft.objects.lead.fields.stage = { type: 'stage', pipeline: 'leadFunnel' };
  draft.pipelines = { leadFunnel: { object: 'lead', field: 'stage', transitions: rules, stages: [
    { key: 'new', kind: 'open' }, { key: 'contacted', kind: 'open' }, { key: 'confirmed', kind: 'open' }, { key: 'won', kind: 'won' }, { key: 'lost', kind: 'lost' },
  ] } };
  draft.roles = { ...draft.roles, bd: draft.roles?.bd ?? [], manager: draft.roles?.manager ?? [] };
  expect((await tenant.admin.put(`/api/t/${slug}/meta/draft`, { document: draft })).status).toBe(200);
  await page.reload();
  await menu(page, 'Pipelines');
  await page.getByText('leadFunnel', { exact: true }).first().click();

  s.step = 'each move shows its own roles; ticking contacted → confirmed saves that move alone';
  await page.getByRole('button', { name: 'Roles allowed to move new → confirmed: manager' }).waitFor();
  await page.getByRole('checkbox', { name: 'Allow contacted → confirmed' }).check();
  await draftSaved(page);
  const saved = async () => (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.pipelines.leadFunnel.transitions;
  expect(await saved()).toEqual([...rules, { from: ['contacted'], to: ['confirmed'] }]);

  s.step = 'and its roles are picked in the move’s own popover';
  await page.getByRole('button', { name: 'Roles allowed to move contacted → confirmed: Everyone' }).click();
  await choose(page, page.getByRole('combobox', { name: 'Roles allowed to move contacted → confirmed' }), 'bd');
  await draftSaved(page);
  expect(await saved()).toEqual([...rules, { from: ['contacted'], to: ['confirmed'], roles: ['bd'] }]);
  await screenshot(page, 'studio-dealership-matrix');
}), 60_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { appBuilt, choose, closeDrawer, closeStudio, confirmDialog, draftSaved, labelInput, menu, newObject, openDialog, openStudio, pressUntilHeard, recorded, screenshot, setFilterJson, setTicked, signIn, type StudioSession } from './studio-e2e.ts';

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio(); }, 120_000);
afterAll(async () => { await closeStudio(session); });

/** Adds a field through the "Add field" dialog of the object editor. */
async function addField(s: StudioSession, label: string, type: string, extra?: (dialog: ReturnType<StudioSession['page']['getByRole']>) => Promise<void>): Promise<void> {
  const { page } = s;
  const dialog = await openDialog(page, 'Add field');
  await dialog.getByLabel('English label').fill(label);
  if (type !== 'Text') await choose(page, dialog.getByLabel('Type'), new RegExp(`^${type}$`));
  await extra?.(dialog);
  await confirmDialog(dialog);
  await closeDrawer(page);
}

it('builds the breakfast-shops vertical from a blank tenant, publishes it, and a BD can work in it', () => recorded(session!, 'studio-breakfast', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const slug = tenant.slug;

  // Tenant picker → login → empty overview.
  s.step = 'Tenant picker → login → empty overview.';
  await page.goto(`${ctx.server.url}/studio/`);
  await page.getByLabel('Tenant').fill(slug);
  await page.getByRole('button', { name: 'Open' }).click();
  await signIn(s);
  await page.getByText('A blank vertical').waitFor();
  await menu(page, 'Settings');
  await page.getByLabel('Display name').fill('Breakfast shops');
  await page.getByRole('button', { name: 'Overview' }).or(page.getByRole('menuitem', { name: 'Overview' })).first().click();
  await page.getByRole('button', { name: 'Create the first object' }).click();
  // It opens the new-object dialog at once, not an empty objects screen with another button.
  await page.getByRole('dialog', { name: 'New object' }).waitFor();
  await page.getByRole('dialog', { name: 'New object' }).getByRole('button', { name: 'Cancel' }).click();

  // Objects: shop, and lead → shop.
  s.step = 'Objects: shop, and lead → shop.';
  await newObject(s.page, 'shop', 'Breakfast shop', '早餐店');
  await addField(s, 'City', 'Select', async (dialog) => {
    const options = dialog.getByLabel('Options');
    for (const city of ['shanghai', 'hangzhou']) {
      await options.fill(city);
      await options.press('Enter');
    }
  });
  await addField(s, 'Seats', 'Integer');
  await setTicked(page.getByRole('checkbox', { name: 'Indexed city' }), true);
  // Reorder by keyboard drag and drop: seats goes above city. Each step is said; ↑ is pressed until
  // a move is heard (dnd-kit hears the keys of a drag from a timer after the pick-up, so a loaded
  // machine can lose the first ↑), then the move must be the one place up.
  const handles = page.getByRole('button', { name: /^Drag (seats|city) / });
  await expect.poll(() => handles.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!.split(' ')[1]))).toEqual(['city', 'seats']);
  await page.getByRole('button', { name: /^Drag seats/ }).focus();
  const heard = async () => (await page.locator('[id^="DndLiveRegion"]').textContent()) ?? '';
  await page.keyboard.press('Space');
  await expect.poll(heard).toMatch(/^Picked up seats, position \d+ of \d+\.$/);
  const [, from, count] = (await heard()).match(/position (\d+) of (\d+)/)!;
  await expect.poll(async () => {
    if (!(await heard()).includes('moved to position')) await page.keyboard.press('ArrowUp');
    return heard();
  }, { timeout: 10_000, interval: 400 }).toBe(`seats moved to position ${Number(from) - 1} of ${count}.`);
  await page.keyboard.press('Space');
  await expect.poll(heard).toBe(`seats dropped at position ${Number(from) - 1} of ${count}.`);
  await expect.poll(() => handles.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!.split(' ')[1]))).toEqual(['seats', 'city']);
  await newObject(s.page, 'lead', 'Lead', '线索');
  await addField(s, 'Shop', 'Lookup', async (dialog) => choose(page, dialog.getByLabel('Points to'), 'Breakfast shop (shop)'));
  await addField(s, 'Contact phone', 'Phone');
  await setTicked(page.getByRole('checkbox', { name: 'Required shop' }), true);
  await draftSaved(page);
  await screenshot(page, 'studio-breakfast-objects');

  // Pipeline for leads (its stage field comes with it), plus a stage of our own.
  s.step = 'Pipeline for leads (its stage field comes with it), plus a stage of our own.';
  await menu(page, 'Pipelines');
  await page.getByRole('button', { name: 'Add' }).first().click();
  let dialog = page.getByRole('dialog', { name: 'Pipelines' });
  await choose(page, dialog.getByLabel('Object'), 'Lead (lead)');
  await dialog.getByLabel('English label').fill('Lead funnel');
  await expect.poll(() => dialog.getByLabel('Key').inputValue()).toBe('leadFunnel');
  await confirmDialog(dialog);
  await page.getByRole('button', { name: 'Add stage' }).click();
  const stageKey = page.getByLabel('Key of stage 3');
  await stageKey.fill('tasting');
  await stageKey.press('Enter');
  await choose(page, page.locator('[data-pointer="/pipelines/leadFunnel/stages/2/requires"]').getByRole('combobox'), 'Contact phone (contactPhone)');
  await draftSaved(page);
  await screenshot(page, 'studio-breakfast-pipeline');

  // Pool.
  s.step = 'Pool.';
  await menu(page, 'Lead pools');
  await page.getByRole('button', { name: 'Add' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Lead pools' });
  await choose(page, dialog.getByLabel('Object'), 'Lead (lead)');
  // The dialog asks for the pool's name (the app's menus show it); a name in either language will do.
  await dialog.getByRole('button', { name: 'Add' }).click();
  await dialog.getByText('Give it a name in English or Chinese').waitFor();
  await dialog.getByLabel('Chinese label').fill('早餐店公海');
  await confirmDialog(dialog);
  await page.getByLabel('Private leads per BD').fill('20');
  await choose(page, page.getByRole('combobox', { name: 'Hidden until claimed' }), 'Contact phone (contactPhone)');
  await draftSaved(page);
  // Each empty filter says what empty means for it: an empty "never released" filter exempts no record.
  const exempt = page.locator('[data-pointer="/pools/leadPool/exempt"]');
  await exempt.getByText('No conditions: no record is exempt; any record can be released automatically').waitFor();
  expect(await exempt.innerText()).not.toContain('every record');
  await page.locator('[data-pointer="/pools/leadPool/members"]').getByText('No conditions: every user may see and claim').waitFor();
  // Quick edits, one of them invalid (no visit object to count visits by): the valid ones reach the server draft.
  s.step = 'Pool: valid edits are saved while an invalid one is flagged.';
  await page.getByLabel('Claims per day').fill('5');
  await page.getByLabel('Release without a visit after').fill('10');
  await page.getByLabel('Warn before release').fill('2');
  await expect.poll(async () => (await page.getByTestId('save-status').textContent()) ?? '', { timeout: 15_000 }).toBe('Problems: 1 — other edits saved');
  const partial = await tenant.admin.get(`/api/t/${slug}/meta/draft`);
  expect(partial.body.document.pools.leadPool).toMatchObject({ maxPerOwner: 20, maxClaimsPerDay: 5, warnDaysBefore: 2, hiddenWhilePublic: ['contactPhone'] });
  expect(partial.body.document.pools.leadPool.releaseIfNoVisitDays).toBeUndefined();
  await page.getByLabel('Release without a visit after').fill('');
  await draftSaved(page);

  // Layout: the default one, plus a list column; the previews render.
  s.step = 'Layout: the default one, plus a list column; the previews render.';
  await menu(page, 'Layouts');
  await page.getByRole('button', { name: 'Add' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Layouts' });
  await choose(page, dialog.getByLabel('Object'), 'Lead (lead)');
  await dialog.getByRole('button', { name: 'OK' }).or(dialog.getByRole('button', { name: 'Add' })).click();
  await page.locator('.rjsf').first().waitFor({ timeout: 15_000 });
  // The preview shows the part being edited: switching the editor switches the preview.
  const preview = page.getByTestId('layout-preview');
  await page.getByRole('tab', { name: 'List' }).first().click();
  await preview.getByText('Made-up rows').waitFor();
  await choose(page, page.getByRole('combobox', { name: 'Add a column…' }), 'claimedAt');
  await page.getByRole('tab', { name: 'Detail page' }).first().click();
  await preview.getByText('Stage bar').waitFor();
  await draftSaved(page);
  await screenshot(page, 'studio-breakfast-layout');
  // A select without a default starts empty in the form preview, not on its first option.
  s.step = 'Layout for shops: the City select is empty in the form preview.';
  await page.getByRole('button', { name: 'Add' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Layouts' });
  await choose(page, dialog.getByLabel('Object'), 'Breakfast shop (shop)');
  await dialog.getByRole('button', { name: 'OK' }).or(dialog.getByRole('button', { name: 'Add' })).click();
  await page.getByRole('tab', { name: 'Form' }).first().click();
  const city = preview.locator('.ant-select', { has: page.getByRole('combobox', { name: 'City' }) });
  await city.waitFor();
  expect((await city.innerText()).trim()).toBe('');
  // City moves to a section of its own by keyboard, each step said in the studio's words, naming
  // the section it lands in (not dnd-kit's English with the field's id).
  await page.getByRole('button', { name: 'Add section' }).click();
  await page.getByRole('button', { name: /^Drag City/ }).focus();
  await page.keyboard.press('Space');
  await expect.poll(heard).toBe('Picked up City in Basics, position 3 of 3.');
  await pressUntilHeard(page, 'ArrowDown', heard, 'moved to Section 2');
  expect(await heard()).toBe('City moved to Section 2, position 1 of 1.');
  await page.keyboard.press('Space');
  await expect.poll(heard).toBe('City dropped in Section 2, position 1 of 1.');
  // The chip's remove button names the field as the form does.
  await page.getByRole('button', { name: 'Take City off the form' }).waitFor();
  await draftSaved(page);
  await expect.poll(async () => (await tenant.admin.get(`/api/t/${slug}/meta/draft`)).body.document.layouts.shop.form.sections.map((x: { fields: string[] }) => x.fields), { timeout: 15_000 })
    .toEqual([['name', 'seats'], ['city']]);

  // Role bd: read shops; read/create/update/claim/release leads of their own or in the public pool.
  s.step = 'Role bd: read shops; read/create/update/claim/release leads of their own or in the public pool.';
  await menu(page, 'Roles');
  await page.getByRole('button', { name: 'Add' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Roles' });
  await dialog.getByLabel('Key').fill('bd');
  await confirmDialog(dialog);
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('button', { name: 'Add rule' }).click();
  // The second rule starts on the object the role has no rule for yet (leads), not on shops again.
  const rule2Objects = page.locator('[data-pointer="/roles/bd/1/object"] .ant-select-selection-item');
  await expect.poll(() => rule2Objects.allInnerTexts(), { timeout: 15_000 }).toEqual(['Lead (lead)']);
  for (const action of ['Create', 'Update', 'Move stage', 'Claim', 'Release']) await setTicked(page.getByRole('checkbox', { name: `${action} in rule 2` }), true);
  await setFilterJson(page, '/roles/bd/1/where', { $or: [{ owner: '$user.id' }, { poolState: 'public' }] });
  await draftSaved(page);
  await page.getByText('conditional', { exact: true }).waitFor();
  await screenshot(page, 'studio-breakfast-role');

  // Review and publish.
  s.step = 'Review and publish.';
  await page.getByRole('button', { name: 'Review & publish' }).click();
  await expect.poll(() => page.getByRole('button', { name: /Publish$/ }).isEnabled(), { timeout: 20_000 }).toBe(true);
  await page.getByTestId('badge-safe').first().waitFor();
  // The new stage has no name yet: publishing warns (the tenant's language is Chinese) but goes ahead.
  await page.getByTestId('missing-labels').getByText('Pipelines › Lead funnel › Stages › tasting › Label').waitFor();
  await screenshot(page, 'studio-breakfast-diff');
  await page.getByRole('button', { name: /Publish$/ }).click();
  await page.getByText('Version 2 is live').waitFor({ timeout: 20_000 });
  expect(s.problems).toEqual([]);

  const live = await tenant.admin.get(`/api/t/${slug}/meta`);
  expect(live.body.version).toBe(2);
  expect(live.body.document.name).toBe('Breakfast shops');
  expect(Object.keys(live.body.document.objects)).toEqual(['shop', 'lead']);
  expect(Object.keys(live.body.document.objects.shop.fields)).toEqual(['name', 'seats', 'city']);
  expect(live.body.document.objects.shop.fields.city).toMatchObject({ type: 'select', indexed: true, options: [{ value: 'shanghai' }, { value: 'hangzhou' }] });
  expect(live.body.document.objects.lead.fields.shop).toMatchObject({ type: 'lookup', object: 'shop', required: true });
  expect(live.body.document.pools.leadPool.label).toEqual({ zh: '早餐店公海' });
  expect(live.body.document.pipelines.leadFunnel.label).toEqual({ en: 'Lead funnel' });
  expect(live.body.document.pipelines.leadFunnel.stages.map((x: { key: string }) => x.key)).toEqual(['new', 'contacted', 'tasting', 'won', 'lost']);
  expect(live.body.document.roles.bd[1]).toEqual({ object: 'lead', actions: ['read', 'create', 'update', 'transition', 'claim', 'release'], where: { $or: [{ owner: '$user.id' }, { poolState: 'public' }] } });

  // A BD works in the new vertical at once.
  s.step = 'A BD works in the new vertical at once.';
  const shop = await tenant.admin.post(`/api/t/${slug}/records/shop`, { name: 'Sunrise Congee', city: 'hangzhou', seats: 24 });
  expect(shop.status).toBe(201);
  expect((await tenant.admin.post(`/api/t/${slug}/records/lead`, { name: 'Sunrise lead', shop: shop.body.id })).status).toBe(201);
  const bd = await ctx.createUser(tenant, { email: 'bd@breakfast.test', roles: ['bd'] });
  const leads = await bd.client.get(`/api/t/${slug}/records/lead`);
  expect(leads.status).toBe(200);
  expect(leads.body.data.map((l: { name: string }) => l.name)).toEqual(['Sunrise lead']);

  if (appBuilt()) {
    const app = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await app.request.post(`${ctx.server.url}/api/t/${slug}/auth/login`, { data: { email: 'bd@breakfast.test', password: 'user-password-1' } });
    expect(login.status()).toBe(200);
    const appPage = await app.newPage();
    await appPage.goto(`${ctx.server.url}/app/${slug}`);
    // The app follows the tenant's language (zh-CN here); either label of the new objects counts.
    const text = () => appPage.locator('body').innerText();
    await expect.poll(async () => /Lead|线索/.test(await text()) && /Breakfast shop|早餐店/.test(await text()), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => appPage.locator('.ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
    await screenshot(appPage, 'studio-breakfast-app-as-bd');
    await app.close();
  }
}), 150_000);

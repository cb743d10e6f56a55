import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, draftSaved, labelInput, menu, openStudio, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** A logistics broker's shipments, published with their rate card. */
const document = {
  name: 'Freight broker',
  locale: 'en',
  objects: {
    shipment: {
      label: { en: 'Shipment', zh: '货运单' },
      titleField: 'name',
      fields: {
        name: { type: 'text', required: true },
        origin: { type: 'select', label: { en: 'Origin', zh: '始发地' }, options: [{ value: 'shanghai', label: { en: 'Shanghai', zh: '上海' } }, { value: 'ningbo', label: { en: 'Ningbo', zh: '宁波' } }] },
        weightKg: { type: 'decimal', label: { en: 'Weight (kg)' } },
      },
    },
  },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('undoes a field removed by mistake, from the keyboard and from the header, in the forms and the code view', () => recorded(session!, 'studio-undo', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const keys = async () => (await page.locator('main table input[aria-label^="Key of field"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)));
  const draftFields = async () => Object.keys((await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document.objects.shipment.fields);

  s.step = 'remove origin, with its options, by mistake';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/shipment`);
  await signIn(s);
  expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
  // The draft is the live document: nothing to discard yet.
  await expect.poll(() => page.getByRole('button', { name: 'Discard draft' }).isDisabled()).toBe(true);
  // A press right after sign-in, on a screen still being drawn, can go unheard: press again.
  const confirm = page.locator('.ant-popover:visible').getByRole('button', { name: 'Remove' });
  await pressUntil(page.getByRole('button', { name: 'Remove field origin' }), confirm, 'visible');
  await confirm.click();
  await expect.poll(keys).toEqual(['name', 'weightKg']);
  await draftSaved(page);
  expect(await page.getByRole('button', { name: 'Discard draft' }).isDisabled()).toBe(false);

  s.step = 'Ctrl+Z brings it back as it was, and the draft is saved so';
  await page.getByRole('heading', { name: 'Objects & fields' }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(keys).toEqual(['name', 'origin', 'weightKg']);
  await draftSaved(page);
  expect(await draftFields()).toEqual(['name', 'origin', 'weightKg']);
  expect((await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document.objects.shipment.fields.origin).toEqual(document.objects.shipment.fields.origin);

  s.step = 'redo removes it again; the header undo, pressed in the code view, shows it back there';
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(keys).toEqual(['name', 'weightKg']);
  await menu(page, 'Code');
  const code = page.getByTestId('code-editor');
  await code.locator('.view-lines').waitFor();
  expect(await code.locator('.view-lines').textContent()).not.toContain('"origin"');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await code.locator('.view-lines').textContent()) ?? '').toContain('"origin"');
  await draftSaved(page);
  expect(await draftFields()).toEqual(['name', 'origin', 'weightKg']);
  expect(s.problems).toEqual([]);
}), 120_000);

it('edits this browser could not save are set aside, not saved over the draft, when the draft was changed elsewhere meanwhile; the owner takes them back', () => recorded(session!, 'studio-set-aside', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = `/api/t/${tenant.slug}/meta/draft`;
  const keys = async () => (await page.locator('main table input[aria-label^="Key of field"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)));
  const weight = () => labelInput(page, '/objects/shipment/fields/weightKg/label', 'English');

  s.step = 'the connection drops while the owner renames Weight (kg)';
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/shipment`);
  await page.getByLabel('Email').or(weight()).first().waitFor();
  if (await page.getByLabel('Email').count()) await signIn(s); // run on its own
  await weight().waitFor();
  await page.route(/\/meta\/draft(\/validate)?$/, (route) => route.abort());
  await weight().fill('Weight (tonnes)');
  await page.getByTestId('save-status').getByText('Could not save').waitFor();

  s.step = 'meanwhile a colleague adds a carrier field through the API';
  const draft = (await tenant.admin.get(api)).body.document;
  draft.objects.shipment.fields.carrier = { type: 'text', label: { en: 'Carrier' } };
  expect((await tenant.admin.put(api, { document: draft })).status).toBe(200);

  s.step = 'a reload shows the colleague\'s draft and says the edit is set aside';
  await page.unroute(/\/meta\/draft(\/validate)?$/);
  s.problems.length = 0; // the aborted saves were the point
  await page.reload();
  await page.getByTestId('set-aside').getByText('The draft was changed elsewhere').waitFor();
  await expect.poll(keys).toContain('carrier');
  expect(await weight().inputValue()).toBe('Weight (kg)');
  await screenshot(page, 'studio-set-aside');
  await page.waitForTimeout(1_000); // nothing is saved over the colleague's draft
  expect(Object.keys((await tenant.admin.get(api)).body.document.objects.shipment.fields)).toContain('carrier');

  s.step = 'the owner takes the edit back instead: it is saved, the carrier goes with the rest of that copy';
  await page.getByRole('button', { name: 'Use my edits instead' }).click();
  await expect.poll(async () => weight().inputValue()).toBe('Weight (tonnes)');
  expect(await page.getByTestId('set-aside').count()).toBe(0);
  await draftSaved(page);
  const saved = (await tenant.admin.get(api)).body.document.objects.shipment.fields;
  expect(saved.weightKg.label.en).toBe('Weight (tonnes)');
  expect(saved.carrier).toBeUndefined();

  s.step = 'Undo brings the colleague\'s draft back';
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(keys).toContain('carrier');
  await draftSaved(page);
  expect((await tenant.admin.get(api)).body.document.objects.shipment.fields.carrier).toEqual({ type: 'text', label: { en: 'Carrier' } });
  expect(s.problems).toEqual([]);
}), 120_000);

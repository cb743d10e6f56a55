import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDrawer, closeStudio, confirmDialog, draftSaved, labelInput, openDialog, openStudio, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** A hotel chain's CRM, as the two admins find it. */
const document = {
  name: 'Hotel chain',
  locale: 'en',
  objects: {
    hotel: {
      label: { en: 'Hotel', zh: '酒店' },
      titleField: 'name',
      fields: {
        name: { type: 'text', required: true, label: { en: 'Name', zh: '名称' } },
        stars: { type: 'integer', label: { en: 'Stars', zh: '星级' } },
      },
    },
  },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('an old tab\'s edit after another tab published a field is refused, not saved over it: the owner is told, sees the field, and re-applies the edit on top', () => recorded(session!, 'studio-draft-conflict', async () => {
  const s = session!;
  const { page: oldTab, ctx, tenant, context } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const hotelUrl = `${ctx.server.url}/studio/${tenant.slug}/objects/hotel`;
  const keys = async (page: typeof oldTab) => page.locator('main table input[aria-label^="Key of field"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

  s.step = 'the first tab opens the hotel and is left open';
  await oldTab.goto(hotelUrl);
  await signIn(s);
  await expect.poll(() => keys(oldTab)).toEqual(['name', 'stars']);

  s.step = 'in a second tab the admin adds a Wi-Fi field and publishes the next version';
  const published = (await tenant.admin.get(api('/meta'))).body.version + 1;
  const otherTab = await context.newPage();
  otherTab.on('pageerror', (e) => s.problems.push(`pageerror (second tab): ${e.message}`));
  await otherTab.goto(hotelUrl);
  await expect.poll(() => keys(otherTab)).toEqual(['name', 'stars']);
  const dialog = await openDialog(otherTab, 'Add field');
  await dialog.getByLabel('English label').fill('Wifi');
  await confirmDialog(dialog);
  await closeDrawer(otherTab);
  await expect.poll(() => keys(otherTab)).toEqual(['name', 'stars', 'wifi']);
  await draftSaved(otherTab);
  await otherTab.getByRole('button', { name: 'Review & publish' }).click();
  await expect.poll(() => otherTab.getByRole('button', { name: /Publish$/ }).isEnabled(), { timeout: 20_000 }).toBe(true);
  await otherTab.getByRole('button', { name: /Publish$/ }).click();
  await otherTab.getByText(`Version ${published} is live`).waitFor({ timeout: 20_000 });
  await otherTab.close();

  s.step = 'the old tab, which never saw that version, relabels Stars: the save is refused and the owner told';
  await labelInput(oldTab, '/objects/hotel/fields/stars/label', 'English').fill('Star rating');
  const notice = oldTab.getByTestId('set-aside');
  await notice.getByText(`Someone else changed this draft or published a version (the live version is now ${published})`).waitFor({ timeout: 15_000 });
  await expect.poll(() => keys(oldTab)).toEqual(['name', 'stars', 'wifi']);
  expect(await labelInput(oldTab, '/objects/hotel/fields/stars/label', 'English').inputValue()).toBe('Stars');
  await draftSaved(oldTab);
  await screenshot(oldTab, 'studio-draft-conflict');
  const draft = (await tenant.admin.get(api('/meta/draft'))).body;
  expect(draft.baseVersion).toBe(published);
  expect(Object.keys(draft.document.objects.hotel.fields)).toEqual(['name', 'stars', 'wifi']);

  s.step = 'the owner re-applies the edit: it lands on top of the published version, the Wi-Fi field stays';
  await notice.getByRole('button', { name: 'Re-apply my edits on top' }).click();
  await expect.poll(() => notice.count()).toBe(0);
  await expect.poll(() => labelInput(oldTab, '/objects/hotel/fields/stars/label', 'English').inputValue()).toBe('Star rating');
  await draftSaved(oldTab);
  const fields = (await tenant.admin.get(api('/meta/draft'))).body.document.objects.hotel.fields;
  expect(Object.keys(fields)).toEqual(['name', 'stars', 'wifi']);
  expect(fields.stars.label).toEqual({ en: 'Star rating', zh: '星级' });
  const changes = (await tenant.admin.get(api('/meta/diff'))).body.changes as Array<{ action: string; key: string }>;
  expect(changes.filter((c) => c.action === 'removed')).toEqual([]);
  expect(s.problems).toEqual([]);
}), 150_000);

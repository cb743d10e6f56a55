import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeStudio, openStudio, pressUntil, recorded, screenshot, signIn, type StudioSession } from './studio-e2e.ts';

/** A hotel chain's CRM, with a draft adding parking waiting to be published. */
const document = {
  name: 'Hotel chain',
  locale: 'en',
  objects: {
    hotel: {
      label: { en: 'Hotel', zh: '酒店' },
      titleField: 'name',
      fields: { name: { type: 'text', required: true, label: { en: 'Name', zh: '名称' } } },
    },
  },
  roles: { admin: { all: true } },
};

let session: StudioSession | undefined;
beforeAll(async () => { session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document) }); }, 120_000);
afterAll(async () => { await closeStudio(session); });

it('a publish after the draft changed behind the open review publishes nothing: the admin is told (English, then Chinese), the review shows the new change, and publishing again works', () => recorded(session!, 'studio-publish-review-changed', async () => {
  const s = session!;
  const { page, ctx, tenant } = s;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const liveVersion = async (): Promise<number> => (await tenant.admin.get(api('/meta'))).body.version;
  const changesText = async () => (await page.locator('main table').first().textContent()) ?? '';
  /** Another admin adds a field to the draft through the API, as the draft they read is. */
  const addFieldBehind = async (key: string, label: { en: string; zh: string }) => {
    const read = await tenant.admin.get(api('/meta/draft'));
    const changed = structuredClone(read.body.document);
    changed.objects.hotel.fields[key] = { type: 'boolean', label };
    const saved = await tenant.admin.put(api('/meta/draft'), { document: changed }, { headers: { 'if-match': read.headers.get('etag')! } });
    expect(saved.status, saved.text).toBe(200);
  };
  const publishButton = page.getByRole('button', { name: /^(cloud-upload )?(Publish|发 ?布)$/ });

  s.step = 'a draft adds parking; the admin opens the publish review';
  await addFieldBehind('parking', { en: 'Parking', zh: '停车场' });
  const before = await liveVersion();
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/publish`);
  await signIn(s);
  await expect.poll(changesText, { timeout: 20_000 }).toContain('/objects/hotel/fields/parking');
  expect(await changesText()).not.toContain('/objects/hotel/fields/gym');

  s.step = 'behind the open review, another admin adds a gym to the draft; the admin presses Publish';
  await addFieldBehind('gym', { en: 'Gym', zh: '健身房' });
  await expect.poll(() => publishButton.isEnabled(), { timeout: 15_000 }).toBe(true);
  await publishButton.click();
  const notice = page.getByTestId('publish-draft-changed');
  await notice.getByText('The draft changed after you reviewed it').waitFor({ timeout: 15_000 });
  await expect.poll(changesText, { timeout: 15_000 }).toContain('/objects/hotel/fields/gym');
  expect(await changesText()).toContain('/objects/hotel/fields/parking');
  expect(await liveVersion()).toBe(before);
  await screenshot(page, 'studio-publish-review-changed');

  s.step = 'the admin publishes the reviewed draft: both fields are live';
  await expect.poll(() => publishButton.isEnabled(), { timeout: 15_000 }).toBe(true);
  await publishButton.click();
  await page.getByText(`Version ${before + 1} is live`).waitFor({ timeout: 20_000 });
  const live = (await tenant.admin.get(api('/meta'))).body;
  expect(live.version).toBe(before + 1);
  expect(Object.keys(live.document.objects.hotel.fields)).toEqual(['name', 'parking', 'gym']);

  s.step = 'in Chinese: a new draft adds a spa, the review is open, a sauna is added behind it, and 发布 says why nothing was published';
  await addFieldBehind('spa', { en: 'Spa', zh: '水疗' });
  await page.goto(`${ctx.server.url}/studio/${tenant.slug}/publish`);
  await expect.poll(changesText, { timeout: 20_000 }).toContain('/objects/hotel/fields/spa');
  await pressUntil(page.getByText('中文', { exact: true }), page.getByRole('heading', { name: '发布' }), 'visible');
  await addFieldBehind('sauna', { en: 'Sauna', zh: '桑拿' });
  await expect.poll(() => publishButton.isEnabled(), { timeout: 15_000 }).toBe(true);
  await publishButton.click();
  await notice.getByText('你检查之后，草稿又被修改了').waitFor({ timeout: 15_000 });
  await expect.poll(changesText, { timeout: 15_000 }).toContain('/objects/hotel/fields/sauna');
  expect(await liveVersion()).toBe(before + 1);
  await expect.poll(() => publishButton.isEnabled(), { timeout: 15_000 }).toBe(true);
  await publishButton.click();
  await page.getByText(`版本 ${before + 2} 已上线`).waitFor({ timeout: 20_000 });
  expect(Object.keys((await tenant.admin.get(api('/meta'))).body.document.objects.hotel.fields)).toEqual(['name', 'parking', 'gym', 'spa', 'sauna']);
  expect(s.problems).toEqual([]);
}), 150_000);

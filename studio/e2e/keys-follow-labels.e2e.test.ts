import { afterEach, expect, it } from 'vitest';
import { closeStudio, draftSaved, openStudio, pressUntil, recorded, screenshot, signIn, type StudioLocale, type StudioSession } from './studio-e2e.ts';
import { slowly } from '../../runtime/testing/browser.ts';

/** A published lead funnel (new → won / lost) and a lead source with one option. */
const document = {
  name: 'Hotel leads',
  locale: 'zh-CN',
  objects: {
    lead: {
      label: { en: 'Lead', zh: '线索' }, titleField: 'name',
      fields: {
        name: { type: 'text', required: true },
        stage: { type: 'stage', pipeline: 'leadFunnel', default: 'new' },
        source: { type: 'select', label: { en: 'Source', zh: '来源' }, options: [{ value: 'crawl', label: { en: 'Crawl', zh: '爬取' } }] },
      },
    },
  },
  pipelines: {
    leadFunnel: {
      object: 'lead', field: 'stage', transitions: 'forward',
      stages: [
        { key: 'new', label: { en: 'New', zh: '新线索' }, kind: 'open' },
        { key: 'won', label: { en: 'Won', zh: '赢单' }, kind: 'won' },
        { key: 'lost', label: { en: 'Lost', zh: '输单' }, kind: 'lost' },
      ],
    },
  },
  roles: { admin: { all: true } },
};

/** What the steps read and type, per studio language; `labels` name the new stage and the two new options. */
const words = {
  en: {
    label: 'English label', addStage: 'Add stage', stageKey: (n: number) => `Key of stage ${n}`, optionsOf: 'Options of field source', addOption: 'Add option',
    value: 'Stored value', review: 'Review & publish', publish: /Publish$/, live: (v: number) => `Version ${v} is live`,
    labels: ['Contacted', 'Walk-in', 'Referral'], keys: ['contacted', 'walkIn', 'referral'],
  },
  zh: {
    label: '中文名称', addStage: '添加阶段', stageKey: (n: number) => `阶段 ${n} 的标识`, optionsOf: '字段 source 的选项', addOption: '添加选项',
    value: '存储值', review: '检查并发布', publish: /(^|\s)发\s?布$/, live: (v: number) => `版本 ${v} 已上线`,
    labels: ['回访', '电话', '上门'], keys: ['huiFang', 'dianHua', 'shangMen'],
  },
} as const;

let session: StudioSession | undefined;
afterEach(async () => { await closeStudio(session); session = undefined; });

async function namesByLabelOnly(locale: StudioLocale): Promise<void> {
  session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document), locale });
  const s = session;
  const { page, ctx, tenant } = s;
  const said = words[locale];
  const [stageLabel, firstOption, secondOption] = said.labels;
  const [stageKey, firstKey, secondKey] = said.keys;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const before = (await tenant.admin.get(api('/meta'))).body.version as number;
  const label = (pointer: string) => page.locator(`[data-pointer="${pointer}"]`).getByLabel(said.label).first();

  await recorded(s, `studio-keys-follow-labels-${locale}`, async () => {
    s.step = 'a new stage named by its label only: its key follows the label, keystroke by keystroke';
    await page.goto(`${ctx.server.url}/studio/${tenant.slug}/pipelines/leadFunnel`);
    await signIn(s);
    await page.getByRole('button', { name: said.addStage }).click();
    const key = page.getByLabel(said.stageKey(2));
    expect(await key.inputValue()).toBe('stage');
    await label('/pipelines/leadFunnel/stages/1/label').pressSequentially(stageLabel);
    await expect.poll(() => key.inputValue()).toBe(stageKey);
    // The owner sees that the key moves with the name, and kept typing in the label all along.
    await page.locator('[data-pointer="/pipelines/leadFunnel/stages/1"]').getByTestId('key-follows-label').waitFor();
    expect(await label('/pipelines/leadFunnel/stages/1/label').inputValue()).toBe(stageLabel);

    s.step = 'a published stage keeps its key when its label changes';
    await label('/pipelines/leadFunnel/stages/0/label').fill(locale === 'en' ? 'Fresh' : '新的线索');
    expect(await page.getByLabel(said.stageKey(1)).inputValue()).toBe('new');
    expect(await page.locator('[data-pointer="/pipelines/leadFunnel/stages/0"]').getByTestId('key-follows-label').count()).toBe(0);
    await screenshot(page, `studio-keys-follow-labels-${locale}-stage`);

    s.step = 'two new options named by their labels only';
    await page.goto(`${ctx.server.url}/studio/${tenant.slug}/objects/lead`);
    // Right after the page loads, a press on a screen still being drawn can go unheard under load
    // (this step failed so once in CI on 66b2d18): pressed again, up to three times, as a user would.
    const drawer = page.locator('.ant-drawer-open');
    await pressUntil(page.getByRole('button', { name: said.optionsOf }), drawer, 'visible');
    for (const [index, text] of [[1, firstOption], [2, secondOption]] as const) {
      await drawer.getByRole('button', { name: said.addOption }).click();
      await label(`/objects/lead/fields/source/options/${index}`).pressSequentially(text);
    }
    const values = drawer.getByLabel(said.value);
    await expect.poll(async () => Promise.all([0, 1, 2].map((i) => values.nth(i).inputValue()))).toEqual(['crawl', firstKey, secondKey]);
    await screenshot(page, `studio-keys-follow-labels-${locale}-options`);
    await draftSaved(page, locale);

    s.step = 'publish: the live keys are the ones the labels made';
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: said.review }).click();
    const publish = page.getByRole('button', { name: said.publish });
    await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true);
    await publish.click();
    await page.getByText(said.live(before + 1)).waitFor({ timeout: 20_000 });
    expect(s.problems).toEqual([]);

    const live = (await tenant.admin.get(api('/meta'))).body.document;
    expect(live.pipelines.leadFunnel.stages.map((x: { key: string }) => x.key)).toEqual(['new', stageKey, 'won', 'lost']);
    expect(live.objects.lead.fields.source.options.map((o: { value: string }) => o.value)).toEqual(['crawl', firstKey, secondKey]);
    const created = await tenant.admin.post(api('/records/lead'), { name: 'Jinjiang Inn', source: secondKey });
    expect(created.status).toBe(201);
  });
}

it('names a new stage and two new options from their English labels, and publishes those keys', () => namesByLabelOnly('en'), 180_000);

it('names a new stage and two new options from the pinyin of their Chinese labels, and publishes those keys', () => namesByLabelOnly('zh'), 180_000);

it('in Chinese, a new pipeline’s first stage renamed in two keystrokes while pinyin loads takes the key of the name typed (已 then 已预约 left new)', async () => {
  session = await openStudio({ tenant: (ctx) => ctx.createTenantWith(document), locale: 'zh' });
  const s = session;
  const { ctx, tenant } = s;
  // A draft made before 86e6d86: its new pipeline has the studio's stages of then (New / 新建 first).
  const draft = structuredClone(document) as typeof document & { objects: Record<string, unknown>; pipelines: Record<string, unknown> };
  draft.objects.appointment = {
    label: { en: 'Appointment', zh: '预约' }, titleField: 'name',
    fields: { name: { type: 'text', required: true }, status: { type: 'stage', pipeline: 'appointmentFunnel', default: 'new' } },
  };
  draft.pipelines.appointmentFunnel = {
    object: 'appointment', field: 'status', transitions: 'forward',
    stages: [
      { key: 'new', label: { en: 'New', zh: '新建' }, kind: 'open' },
      { key: 'won', label: { en: 'Won', zh: '赢单' }, kind: 'won' },
      { key: 'lost', label: { en: 'Lost', zh: '输单' }, kind: 'lost' },
    ],
  };
  expect((await tenant.admin.put(`/api/t/${tenant.slug}/meta/draft`, { document: draft })).status).toBe(200);
  await recorded(s, 'studio-keys-follow-labels-pinyin-late', async () => {
    const { page } = s;
    s.step = '已 then 已预约 typed over 新建 while pinyin loads';
    await page.goto(`${ctx.server.url}/studio/${tenant.slug}/pipelines/appointmentFunnel`);
    await signIn(s);
    // From now on every script, pinyin's among them, arrives two seconds late.
    await page.route('**/*.js', slowly(2_000));
    const label = page.locator('[data-pointer="/pipelines/appointmentFunnel/stages/0/label"]').getByLabel('中文名称');
    await label.fill('已');
    await label.fill('已预约');
    await expect.poll(() => page.getByLabel('阶段 1 的标识').inputValue(), { timeout: 15_000 }).toBe('yiYuYue');
    expect(await page.locator('[data-pointer="/pipelines/appointmentFunnel/stages/0/label"]').getByLabel('英文名称').inputValue()).toBe('');
    await draftSaved(page, 'zh');
    expect((await tenant.admin.get(`/api/t/${tenant.slug}/meta/draft`)).body.document.objects.appointment.fields.status.default).toBe('yiYuYue');
  });
}, 120_000);

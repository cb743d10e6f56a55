import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../../runtime/testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../runtime/testing/test-server.ts';

/** The app's e2e helpers for antd controls, which the studio uses as well. */
export { clickUntil, popconfirmDone, pressUntilHeard, setTicked } from '../../runtime/web/e2e/e2e-helpers.ts';

/** Builds the web apps once if a checkout has not built them yet (postinstall normally has). */
export function ensureWebBuilt(): void {
  if (existsSync('studio/dist/index.html') && (existsSync('runtime/web/dist/index.html') || !existsSync('runtime/web/vite.config.ts'))) return;
  const result = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web apps failed');
}

export function appBuilt(): boolean {
  return existsSync('runtime/web/dist/index.html');
}

export interface StudioSession {
  ctx: TestContext;
  tenant: TestTenant;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors and failed requests, to show when a step fails. */
  problems: string[];
  /** What the test is doing (reported when it fails). */
  step: string;
  /** The studio's language. */
  locale: StudioLocale;
}

export type StudioLocale = 'en' | 'zh';

/** What the shared steps read on screen, per studio language. */
const words = {
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', draftSaved: 'Draft saved' },
  // antd spaces out a two-character Chinese button label (登 录).
  zh: { email: '邮箱', password: '密码', signIn: /^登\s?录$/, draftSaved: '草稿已保存' },
} as const;

/** A server on a fresh embedded database, a browser, and a tenant; the studio UI in English unless `locale` says zh (a zh-CN browser). */
export async function openStudio(options: { tenant?: (ctx: TestContext) => Promise<TestTenant>; locale?: StudioLocale } = {}): Promise<StudioSession> {
  const locale = options.locale ?? 'en';
  ensureWebBuilt();
  const ctx = await createTestContext('pglite');
  const tenant = await (options.tenant ?? ((c) => c.createTenant()))(ctx);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: locale === 'zh' ? 'zh-CN' : 'en-US' });
  await context.addInitScript((language) => localStorage.setItem('shoal.studio.locale', language), locale);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
  return { ctx, tenant, browser, context, page, problems, step: 'start', locale };
}

export async function closeStudio(session: StudioSession | undefined): Promise<void> {
  await session?.browser.close();
  await session?.ctx.server.close();
  await session?.ctx.database.dispose();
}

export async function signIn(session: StudioSession): Promise<void> {
  const { page, tenant } = session;
  const said = words[session.locale];
  await page.getByLabel(said.email).fill(tenant.adminEmail);
  await page.getByLabel(said.password).fill(tenant.adminPassword);
  await page.getByRole('button', { name: said.signIn }).click();
  await expect.poll(() => page.getByTestId('save-status').count(), { timeout: 15_000 }).toBe(1);
}

/**
 * Picks `option` in an antd Select by keyboard, as a user without a mouse would: open it, move
 * down until the highlighted option matches, press Enter (virtual lists render only what shows).
 */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.waitFor();
  const matches = (text: string) => (typeof option === 'string' ? text.includes(option) : option.test(text));
  for (let i = 0; i < 100; i++) {
    const active = (await dropdown.locator('.ant-select-item-option-active').first().textContent().catch(() => '')) ?? '';
    if (matches(active.trim())) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${String(option)} in the select`);
}

/**
 * Presses `button` until `outcome` reaches `state`, up to three presses of 5 s each. A press on a
 * screen still being drawn (right after a page load or sign-in on a loaded machine), or on a
 * dialog still opening, can go unheard; a user presses again, and so does this.
 */
export async function pressUntil(button: Locator, outcome: Locator, state: 'visible' | 'hidden'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // The outcome of a press that was slow to show (just after the last wait gave up) is not
    // pressed over: a press more could undo it, or open what it closed.
    if (attempt > 1 && (await outcome.isVisible()) === (state === 'visible')) return;
    await recordPresses(button);
    await button.click();
    try {
      await outcome.waitFor({ state, timeout: 5_000 });
      return;
    } catch (error) {
      // Evidence for the cause, which is not found yet: what the page saw of the press.
      console.warn(`press ${attempt} of ${String(button)} was not followed by ${String(outcome)} ${state}:\n${await pressReport(button)}`);
      if (attempt === 3) throw error;
    }
  }
}

/** Starts recording the pointer events the page receives (capture phase, before React sees them). */
async function recordPresses(button: Locator): Promise<void> {
  await button.page().evaluate(() => {
    const w = window as unknown as { shoalPresses?: string[] };
    const describe = (node: EventTarget | null) => {
      const el = node instanceof Element ? node : null;
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').trim().slice(0, 30)}"` : String(node);
    };
    if (!w.shoalPresses) {
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        document.addEventListener(type, (e) => {
          const m = e as MouseEvent;
          w.shoalPresses!.push(`${Math.round(performance.now())} ${type} at ${m.clientX},${m.clientY} on ${describe(e.target)}${e.defaultPrevented ? ' (prevented)' : ''}`);
        }, true);
      }
    }
    w.shoalPresses = [];
  });
}

async function pressReport(button: Locator): Promise<string> {
  const box = await button.boundingBox({ timeout: 1_000 }).catch(() => null);
  return button.page().evaluate((b) => {
    const w = window as unknown as { shoalPresses?: string[] };
    const at = b ? document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) : null;
    return [...(w.shoalPresses ?? []), `now ${Math.round(performance.now())}: button box ${JSON.stringify(b)}, element there ${at ? `${at.tagName.toLowerCase()}.${String(at.className).slice(0, 60)}` : 'none'}, url ${location.pathname}`].join('\n');
  }, box);
}

/** Presses a dialog's confirming button until the dialog has closed (the dialog then stays open with its input as typed). */
export async function confirmDialog(dialog: Locator, button: string | RegExp = 'Add'): Promise<void> {
  await pressUntil(dialog.getByRole('button', { name: button }), dialog, 'hidden');
}

/** Presses the button that opens dialog `name` until it opens, and returns the dialog (chinese-keys failed once in CI on a single press). */
export async function openDialog(page: Page, button: string | RegExp, name: string | RegExp = button): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await pressUntil(page.getByRole('button', { name: button }), dialog, 'visible');
  return dialog;
}

export async function menu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
}

/**
 * Moves an item to the top of its list by keyboard on its drag handle (Chinese studio), checking
 * what a screen reader hears at each step: picked up at `from` of `count`, moved first, dropped.
 * ↑ is pressed until the item is said to be first: dnd-kit hears a drag's keys from a timer after
 * the pick-up, so a loaded machine can lose the first ↑, and at the top ↑ does nothing.
 */
export async function moveFirstByKeyboard(page: Page, handle: Locator, item: string, from: number, count: number): Promise<void> {
  // The page may have a live region per sortable list (pools and release reasons): what any says.
  const heard = async () => (await page.locator('[id^="DndLiveRegion"]').allTextContents()).join('');
  await handle.focus();
  await page.keyboard.press('Space');
  await expect.poll(heard).toBe(`已拿起 ${item}，位于第 ${from} 位，共 ${count} 项。`);
  await expect.poll(async () => {
    if (!(await heard()).includes('已移到第 1 位')) await page.keyboard.press('ArrowUp');
    return heard();
  }, { timeout: 10_000, interval: 400 }).toBe(`${item} 已移到第 1 位，共 ${count} 项。`);
  await page.keyboard.press('Space');
  await expect.poll(heard).toBe(`已放下 ${item}，位于第 1 位，共 ${count} 项。`);
}

/** Closes the settings drawer a new field opens, if it is open. */
export async function closeDrawer(page: Page): Promise<void> {
  const drawer = page.locator('.ant-drawer-open');
  if (await drawer.count()) await drawer.getByRole('button', { name: 'Close' }).click();
}

/** Waits until the server accepted the draft (validated and saved). */
export async function draftSaved(page: Page, locale: StudioLocale = 'en'): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('save-status').textContent()) ?? '', { timeout: 15_000 }).toBe(words[locale].draftSaved);
}

/** An input of a bilingual label editor under the form item of `pointer`. */
export function labelInput(page: Page, pointer: string, language: 'English' | 'Chinese'): Locator {
  return page.locator(`[data-pointer="${pointer}"]`).getByLabel(`${language} label`).first();
}

/** Adds an object from the objects screen with its English and Chinese names, and a key of its own. */
export async function newObject(page: Page, key: string, en: string, zh: string): Promise<void> {
  await page.getByRole('button', { name: 'New object' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New object' });
  await dialog.getByLabel('English label').fill(en);
  await dialog.getByLabel('Chinese label').fill(zh);
  await dialog.getByLabel('Key').fill(key);
  await confirmDialog(dialog);
  await labelInput(page, `/objects/${key}/label`, 'Chinese').waitFor();
}

/** Edits a filter as JSON (switching the shared filter builder to its JSON mode when it is there). */
export async function setFilterJson(page: Page, pointer: string, json: unknown): Promise<void> {
  const item = page.locator(`[data-pointer="${pointer}"]`);
  const jsonMode = item.getByText('JSON', { exact: true });
  if (await jsonMode.count()) await jsonMode.first().click();
  await item.locator('textarea').first().fill(JSON.stringify(json));
}

/** Runs a test body; on failure saves a screenshot and reports the page's errors with the cause. */
export async function recorded(session: StudioSession, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await screenshot(session.page, `${name}-failure`).catch(() => undefined);
    console.error(`${name} failed at step: ${session.step}`);
    if (session.problems.length > 0) console.error(`page problems:\n${session.problems.join('\n')}`);
    throw error;
  }
}

/** A dental clinic's patients (患者), with the mobile number (手机号, shouJiHao) kept as text so far. */
export const dentalClinic = {
  name: '牙科诊所',
  locale: 'zh-CN',
  objects: {
    huanZhe: {
      label: { en: 'Patient', zh: '患者' },
      titleField: 'name',
      fields: {
        name: { type: 'text', required: true, label: { en: 'Name', zh: '姓名' } },
        shouJiHao: { type: 'text', label: { zh: '手机号' } },
      },
    },
  },
  roles: { admin: { all: true } },
};

export { screenshot };

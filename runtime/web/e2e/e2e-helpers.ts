import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../testing/browser.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';

/**
 * Picks an option of the antd Select whose input is `input` (a selector or a locator), opening it
 * first, and waits until the select shows the choice. The option is the one titled `option`, or
 * with `contains`, the first whose text contains it (a person with their load beside their name).
 * With `type`, the option is typed first: long option lists are virtual and render only what is
 * in view (a select without search ignores the typing). A click lost while the dropdown
 * re-renders under it (the options arriving while it opens, on a loaded machine) would leave the
 * old value and fail the test much later, so it tries again, up to four times, every other time
 * with the keyboard (CI on 93f6f94: three clicks on the right option, none taken).
 */
export async function pickOption(page: Page, input: string | Locator, option: string, how: { contains?: boolean; type?: boolean } = {}): Promise<void> {
  const field = typeof input === 'string' ? page.locator(input) : input;
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = (how.contains ? open.locator('.ant-select-item-option', { hasText: option }) : open.locator(`.ant-select-item-option[title="${option}"]`)).first();
  for (let attempt = 1; ; attempt++) {
    try {
      // Again from a closed dropdown (closing clears what was typed); Escape only while it is
      // open, as on a closed one it would close the dialog around the select.
      if (attempt > 1 && (await open.first().isVisible())) await page.keyboard.press('Escape');
      await field.click();
      if (how.type) await page.keyboard.type(option);
      if (attempt % 2 === 1) {
        await item.click({ timeout: 10_000 });
      } else {
        // A click the list swallowed (re-rendered between press and release): pick with the
        // keyboard instead — the option under the pointer is the active one, Enter takes it.
        await item.hover({ timeout: 10_000 });
        await page.keyboard.press('Enter');
      }
      await expect.poll(() => select.textContent(), { timeout: 10_000 }).toContain(option);
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/** Signs in on the login page the app shows for a tenant (`button` is "Sign in" in the page's language). */
export async function signIn(page: Page, email: string, password: string, button: string | RegExp = 'Sign in'): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: button }).click();
  await page.locator('header.shoal-header').waitFor();
}

/**
 * Switches the screens to `language` with the header's switch (on a desktop; a phone has it in
 * the user menu), as a user would. The choice is kept with the account, so a test that wants
 * Chinese after another test of the same user chose English says so.
 */
export async function speak(page: Page, language: 'zh' | 'en'): Promise<void> {
  await page.locator('header').getByText(language === 'zh' ? '中文' : 'EN', { exact: true }).click();
  await page.locator('header.shoal-header').getByRole('link', { name: language === 'zh' ? /^通知/ : /^Notifications/ }).waitFor();
}

/** Texts of the record links in a list (table or cards). */
export async function listedTitles(page: Page): Promise<string[]> {
  return page.locator('#main .ant-table-tbody a, #main .shoal-card-list .ant-card-head a').allTextContents();
}

export async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 10_000 });
  expect(await page.locator(selector, { hasText: text }).count()).toBeGreaterThan(0);
}

/** The viewports the app is checked at: a common laptop, and a phone (BDs in the field). */
export const desktop = { viewport: { width: 1366, height: 768 } } as const;
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
/** A manager's desk monitor. */
export const wideDesktop = { viewport: { width: 1440, height: 900 } } as const;

/**
 * A fresh browser context (its own cookies, so its own signed-in user), with the browser's clock
 * in `timeZone` (the demo tenants' zone unless a test says otherwise).
 */
export async function newContext(browser: Browser, baseURL: string, options: { locale: string; size: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean; deviceScaleFactor?: number }; timeZone?: string }): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: options.locale, timezoneId: options.timeZone ?? 'Asia/Shanghai', ...options.size });
}

/** Screenshots of the e2e runs, kept out of git (see .gitignore): `runtime/web/e2e/artifacts/`. */
export const e2eArtifactsDir = join(process.cwd(), 'runtime/web/e2e/artifacts');

export async function artifact(page: Page, name: string): Promise<string> {
  mkdirSync(e2eArtifactsDir, { recursive: true });
  const path = join(e2eArtifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * What a chart (its `role="img"` element, named by the card's words) is described as to a screen
 * reader: echarts' account of its data ("the data for New is 12, …"), from the element its
 * `aria-describedby` names; empty until drawn.
 */
export async function chartDescription(chart: Locator): Promise<string> {
  return chart.evaluate((image) => {
    const id = image.getAttribute('aria-describedby');
    return ((id && document.getElementById(id)?.textContent) || '').trim();
  });
}

/** The message toast antd shows after an action (text as the user reads it). */
export async function expectToast(page: Page, text: string | RegExp, timeout = 10_000): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor({ timeout });
}

/**
 * Clicks `target` until `done` holds. A click that lands while the dialog or popover holding it is
 * still opening (on a loaded machine) can go unheard: it is clicked again, as a user would, but
 * only after a while (a heard click's effect can take a moment to show on a loaded machine, and a
 * second click could undo it) and only if `done` still does not hold just before.
 */
export async function clickUntil(target: Locator, done: () => Promise<boolean>): Promise<void> {
  await target.waitFor();
  await expect.poll(async () => {
    if (!(await done())) await target.click();
    return done();
  }, { interval: 700 }).toBe(true);
}

/**
 * Whether the antd popconfirms (or dialogs) `popconfirm` matches are all done with: gone, hidden,
 * closing, or at work on the confirmed action (its button loading, which takes no second click).
 * For `clickUntil` on a popconfirm's or dialog's button: a click that went unheard (made while it
 * was still opening, on a loaded machine) leaves it open, and is made again.
 */
export function popconfirmDone(popconfirm: Locator): () => Promise<boolean> {
  return () => popconfirm.evaluateAll((boxes) => boxes.every((box) => /-(hidden|leave)\b/.test(box.className) || !!box.querySelector('.ant-btn-loading') || (box as HTMLElement).offsetParent === null));
}

/**
 * Presses `key` until the live region says `said`. dnd-kit measures where things are just after a
 * pick-up, and an arrow pressed before it has (on a loaded machine) moves nothing; pressed again,
 * it moves. Only for a move a repeat cannot overshoot (to the end the item reaches in one step).
 */
export async function pressUntilHeard(page: Page, key: string, heard: () => Promise<string>, said: string): Promise<void> {
  await expect.poll(async () => {
    if (!(await heard()).includes(said)) await page.keyboard.press(key);
    return heard();
  }, { timeout: 10_000, interval: 700 }).toContain(said);
}

/**
 * The open antd date picker's dropdown, once it has finished sliding in. A click aimed at one of its
 * buttons while it still moves can land on what slides under the pointer (CI on 8d6eac0: 此刻 aimed
 * at, the calendar's bottom-left day, 2027-01-04, picked instead).
 */
export async function openedPicker(page: Page): Promise<Locator> {
  const dropdown = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await dropdown.waitFor();
  await expect.poll(() => dropdown.evaluate((box) => /-(appear|enter|leave)\b/.test(box.className) || box.getAnimations({ subtree: true }).length > 0)).toBe(false);
  return dropdown;
}

/** Ticks or unticks a checkbox and waits until it shows so (clicked again where a click went unheard). */
export async function setTicked(box: Locator, ticked: boolean): Promise<void> {
  await clickUntil(box, async () => (await box.isChecked()) === ticked);
}

/**
 * A server with one demo tenant (its sample data loaded) and a browser, for the tests of the
 * `describe` block it is called in: started before them, stopped after.
 */
export function demoWithBrowser(template: 'hotel' | 'food-delivery'): { ctx: TestContext; tenant: TestTenant; browser: Browser } {
  const demo = {} as { ctx: TestContext; tenant: TestTenant; browser: Browser };
  beforeAll(async () => {
    ensureAppBuilt();
    demo.ctx = await createTestContext('pglite');
    demo.tenant = await demo.ctx.createTenant({ template, sampleData: true });
    demo.browser = await launchBrowser();
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.ctx?.server.close();
    await demo.ctx?.database.dispose();
  });
  return demo;
}

/** A user of the demo tenant by e-mail, looked up (as the tenant's admin) before the tests of the `describe` block it is called in. */
export function demoUser(demo: { tenant: TestTenant }, email: string): { id: string } {
  const user = { id: '' };
  beforeAll(async () => {
    const users = (await demo.tenant.admin.get(`/api/t/${demo.tenant.slug}/users?limit=100`)).body.data as Array<{ id: string; email: string }>;
    user.id = users.find((u) => u.email === email)!.id;
  });
  return user;
}

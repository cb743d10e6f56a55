import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Picks an option of the antd Select whose input has `selector` (opening it first). */
export async function pickOption(page: Page, selector: string, option: string): Promise<void> {
  await page.locator(selector).click();
  const item = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`);
  await item.first().click();
}

/** Signs in on the login page the app shows for a tenant. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.shoal-header').waitFor();
}

/** Texts of the record links in a list (table or cards). */
export async function listedTitles(page: Page): Promise<string[]> {
  return page.locator('#main .ant-table-tbody a, #main .shoal-card-list .ant-card-head a').allTextContents();
}

export async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 10_000 });
  expect(await page.locator(selector, { hasText: text }).count()).toBeGreaterThan(0);
}

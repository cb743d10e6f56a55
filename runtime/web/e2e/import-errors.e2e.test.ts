import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, demoWithBrowser, desktop, newContext, signIn } from './e2e-helpers.ts';

/**
 * A CSV import the server refuses, or cannot read to the end, says why in the reader's
 * language: a file whose columns are no fields, and a file broken by an unclosed quote.
 */
describe('import errors in the UI language (Chromium)', () => {
  const demo = demoWithBrowser('hotel');

  async function importFile(locale: 'zh-CN' | 'en-US', content: string, name: string): Promise<{ page: Page; dialog: ReturnType<Page['locator']> }> {
    const context = await newContext(demo.browser, demo.ctx.server.url, { locale, size: desktop });
    // The hotel tenant's default is Chinese; an English reader has chosen English.
    if (locale !== 'zh-CN') await context.addInitScript(() => localStorage.setItem('shoal.locale', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => { await artifact(page, `failed-import-errors-${name}`).catch(() => undefined); });
    await page.goto(`/app/${demo.tenant.slug}/o/lead`);
    await signIn(page, 'manager@hotel.demo', 'shoal-demo', locale === 'zh-CN' ? /登\s*录/ : 'Sign in');
    await page.locator('#main .ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: locale === 'zh-CN' ? /导\s*入/ : /Import/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'CSV' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    return { page, dialog };
  }

  it('a column that is no field is named by its position, in Chinese and in English', async () => {
    const zh = await importFile('zh-CN', '\uFEFF线索名称,颜色\r\n好线索,红\r\n', 'columns-zh');
    const alert = zh.dialog.getByRole('alert');
    await alert.getByText('有 1 列不是线索的字段').waitFor();
    expect(await alert.textContent()).toContain('第 2 列：“颜色”不是任何字段的名称或标签');
    expect(await alert.textContent()).not.toMatch(/is not|field key/);
    await artifact(zh.page, 'import-errors-columns-zh');
    await zh.page.context().close();

    const en = await importFile('en-US', '\uFEFF线索名称,colour\r\nGood lead,red\r\n', 'columns-en');
    const enAlert = en.dialog.getByRole('alert');
    await enAlert.getByText('1 column is not a field of Lead').waitFor();
    expect(await enAlert.textContent()).toContain('column 2: "colour" is no field\'s name or label');
    await en.page.context().close();
  });

  it('a file broken by an unclosed quote says from which row it cannot be read, in Chinese', async () => {
    const { page, dialog } = await importFile('zh-CN', '\uFEFF线索名称\r\n"好线索\r\n', 'quote-zh');
    await dialog.getByText(/行未导入/).waitFor({ timeout: 30_000 });
    const text = await dialog.textContent();
    expect(text).toContain('从这一行起无法读取 CSV：有引号（"）未闭合，或出现在单元格中间');
    expect(text).not.toMatch(/cannot be read|Quote Not Closed/);
    await artifact(page, 'import-errors-quote-zh');
    await page.context().close();
  });
});

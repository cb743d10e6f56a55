import { describe, expect, it } from 'vitest';
import { guardFormula, quoted, readGuarded } from './csv-values.ts';

describe('CSV cells and spreadsheet formulas', () => {
  it('quotes text a spreadsheet would run, and reads every text back as it was', () => {
    const formulas = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1)', '\t=1+1', '\r=1+1', '-', '+86 138 0000 0000'];
    for (const text of formulas) expect(guardFormula(text), JSON.stringify(text)).toBe(`'${text}`);
    const plain = ['Hilton Pudong', "'quoted", '2026-01-01', '1-2', ' =1', ''];
    for (const text of plain) expect(guardFormula(text), JSON.stringify(text)).toBe(text);
    // A quote already in front of a formula gets one more, so the import can tell them apart.
    expect(guardFormula("'=1")).toBe("''=1");
    for (const text of [...formulas, ...plain, "'=1", "''-2", "'"]) expect(readGuarded(guardFormula(text)), JSON.stringify(text)).toBe(text);
  });

  it('quotes at most 60 characters of a cell in a row error', () => {
    expect(quoted('abc')).toBe('"abc"');
    expect(quoted('x'.repeat(5000))).toBe(`"${'x'.repeat(60)}…"`);
  });
});

import { describe, expect, it } from 'vitest';
import { compileRecordValidator } from '../metadata/record-validator.ts';
import { buildObjectModels } from '../metadata/object-model.ts';
import { testDocument } from '../testing/fixtures.ts';
import { createAjv, createAjv2020 } from './ajv.ts';
import { linearRegExp, patternProblem } from './linear-regexp.ts';

/** `^(a+)+$` on 32 a's and a '!' takes JavaScript's engine about 20 s (it doubles per a). */
const catastrophic = '^(a+)+$';
const evil = `${'a'.repeat(32)}!`;

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('tenant patterns run in linear time', () => {
  it('a record write checks a catastrophic pattern at once', () => {
    const document = testDocument();
    document.objects.hotel!.fields!.code = { type: 'text', label: 'Code', pattern: catastrophic };
    const validator = compileRecordValidator(buildObjectModels(document).get('hotel')!);
    const { value: problems, ms } = timed(() => validator.validateUpdate({ code: evil }));
    expect(problems).toEqual([{ path: '/code', message: `must match pattern "${catastrophic}"` }]);
    expect(ms).toBeLessThan(1000);
    expect(validator.validateUpdate({ code: 'aaaa' })).toEqual([]);
  });

  it('every ajv the kernel makes, 2020-12 too (a tenant OpenAPI document), matches so', () => {
    for (const ajv of [createAjv(), createAjv2020()]) {
      const validate = ajv.compile({ type: 'string', pattern: catastrophic });
      const { value, ms } = timed(() => validate(evil));
      expect(value).toBe(false);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('two patterns in one schema are two patterns (ajv keys them by toString)', () => {
    const validate = createAjv().compile({ type: 'object', properties: { a: { type: 'string', pattern: '^a$' }, b: { type: 'string', pattern: '^b$' } } });
    expect(validate({ a: 'a', b: 'b' })).toBe(true);
    expect(validate({ a: 'b', b: 'a' })).toBe(false);
  });

  it('matches as JavaScript does the patterns the platform and admins write', () => {
    const cases: Array<[string, string[]]> = [
      ['^\\+?[0-9][0-9 ()-]{2,30}$', ['+86 (25) 1234', '12', 'abc', '123\n']], // phone
      ['^https?://', ['https://x', 'ftp://x', ' http://x']], // url
      ['^[A-Z]{2}\\d+$', ['AB12', 'ab12', 'AB12\n', 'AB']],
      ['^HC-\\d{5}$', ['HC-00001', 'HC-1']],
      ['(?<year>\\d{4})-\\d{2}', ['2026-12', '26-12']],
      ['^\\p{L}+$', ['héllo', '南京', 'a1']],
      ['^[^@\\s]+@[^@\\s]+$', ['a@b', 'a b@c']],
      ['\\bvip\\b', ['a vip b', 'vipx']],
      ['^.{1,3}$', ['😀', 'abcd']],
      ['^\\u{1F600}|\\u00e9$', ['😀', 'é', 'e']],
      ['a/b', ['a/b', 'ab']],
    ];
    for (const [pattern, inputs] of cases) {
      expect(patternProblem(pattern), pattern).toBeUndefined();
      for (const input of inputs) expect(linearRegExp(pattern).test(input), `${pattern} on ${JSON.stringify(input)}`).toBe(new RegExp(pattern, 'u').test(input));
    }
  });

  it('refuses values of a field whose stored pattern RE2 cannot match, rather than failing every write', () => {
    const document = testDocument();
    document.objects.hotel!.fields!.code = { type: 'text', label: 'Code', pattern: '^(?!HC)' };
    const validator = compileRecordValidator(buildObjectModels(document).get('hotel')!);
    expect(validator.validateUpdate({ code: 'AB1' })).toEqual([{ path: '/code', message: expect.stringMatching(/^cannot be checked: the field's pattern uses look-ahead/) }]);
    expect(validator.validateUpdate({ name: 'Without a code' })).toEqual([]);
  });

  it('refuses what RE2 cannot match in linear time, and what JavaScript cannot compile', () => {
    expect(patternProblem('^(?!test)')).toMatch(/^cannot be used: a pattern may not use look-ahead/);
    expect(patternProblem('(?<=a)b')).toMatch(/^cannot be used/);
    expect(patternProblem('(a)\\1')).toMatch(/^cannot be used/);
    expect(patternProblem('[A-Z')).toBe('is not a valid regular expression');
    expect(patternProblem(catastrophic)).toBeUndefined();
  });
});

import { RE2JS } from 're2js';

/**
 * The one place re2js enters the kernel. A text field's `pattern` is written by a tenant's admin
 * and runs on every write of every tenant's records in one event loop: JavaScript's backtracking
 * engine takes exponential time on patterns like `^(a+)+$` (1.3 s at 28 characters, doubling per
 * character). RE2 matches in time linear in the input, whatever the pattern, at the price of
 * look-arounds and back-references, which it refuses to compile. Patterns are written in
 * JavaScript's syntax (named groups `(?<name>…)`, `\u{…}`) and translated.
 */
export interface LinearRegExp {
  /** Whether the pattern matches anywhere in `text`, as `RegExp.prototype.test`. */
  test(text: string): boolean;
  /** `/pattern/u`, as a RegExp prints: ajv keys its compiled patterns by it. */
  toString(): string;
}

/**
 * Compiles `pattern` for linear-time matching; throws (with RE2's reason) if it uses what RE2
 * cannot match in linear time. `flags` is ajv's (`u` or ''): patterns are always read as Unicode.
 *
 * @example
 * linearRegExp('^(a+)+$').test('a'.repeat(40) + '!'); // false, in milliseconds
 */
export function linearRegExp(pattern: string, _flags = 'u'): LinearRegExp {
  const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return { test: (text) => compiled.test(text), toString: () => `/${pattern}/u` };
}

/** ajv's `code.regExp` engine: every `pattern` keyword of a schema matched by RE2. */
export const linearRegExpEngine = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
  code: 'linearRegExp',
});

/**
 * Why a tenant's pattern cannot be used, or undefined if it can: it must compile as JavaScript
 * (the forms check it in the browser too) and in RE2.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  try {
    linearRegExp(pattern);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    return `cannot be used: a pattern may not use look-ahead, look-behind or back-references, which cannot be matched in linear time (${reason})`;
  }
}

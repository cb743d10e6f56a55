import { jsonTypeName } from '../../document/problem-words.ts';
import type { MessageKey, Translate, UiLocale } from '../../i18n/i18n.tsx';

type Vars = Record<string, string>;

/**
 * What the code view's JSON check (Monaco's JSON language service, which writes English only)
 * says about the text: the parser's syntax errors and the schema check's problems, each shape
 * with the words the studio shows for it.
 */
function patterns(t: Translate, locale: UiLocale): Array<[RegExp, MessageKey, (m: RegExpExecArray) => Vars]> {
  const type = (name: string) => jsonTypeName(name, t);
  const types = (list: string) => list.split(', ').map(type).join(locale === 'zh' ? '、' : ', ');
  const none = (): Vars => ({});
  return [
    [/^Missing property "(.*)"\.$/, 'code.json.missingProperty', (m) => ({ property: m[1]! })],
    [/^Property (.*) is not allowed\.$/, 'code.json.propertyNotAllowed', (m) => ({ property: m[1]! })],
    [/^Incorrect type\. Expected "(.*)"\.$/, 'code.json.type', (m) => ({ type: type(m[1]!) })],
    [/^Incorrect type\. Expected one of (.*)\.$/, 'code.json.types', (m) => ({ types: types(m[1]!) })],
    [/^Value is not accepted\. Valid values: (.*)\.$/, 'code.json.enum', (m) => ({ values: m[1]! })],
    [/^Value must be (.*)\.$/, 'code.json.const', (m) => ({ value: m[1]! })],
    [/^Matches a schema that is not allowed\.$/, 'code.json.not', none],
    [/^Matches multiple schemas when only one must validate\.$/, 'code.json.oneOf', none],
    [/^String is shorter than the minimum length of (\d+)\.$/, 'code.json.minLength', (m) => ({ n: m[1]! })],
    [/^String is longer than the maximum length of (\d+)\.$/, 'code.json.maxLength', (m) => ({ n: m[1]! })],
    [/^String does not match the pattern of "(.*)"\.$/, 'code.json.pattern', (m) => ({ pattern: m[1]! })],
    [/^Value is below the (?:exclusive )?minimum of (.*)\.$/, 'code.json.minimum', (m) => ({ n: m[1]! })],
    [/^Value is above the (?:exclusive )?maximum of (.*)\.$/, 'code.json.maximum', (m) => ({ n: m[1]! })],
    [/^Array has too few items\. Expected (\d+) or more\.$/, 'code.json.minItems', (m) => ({ n: m[1]! })],
    [/^Array has too many items(?: according to schema)?\. Expected (\d+) or fewer\.$/, 'code.json.maxItems', (m) => ({ n: m[1]! })],
    [/^Array has duplicate items\.$/, 'code.json.uniqueItems', none],
    [/^Object has more properties than limit of (\d+)\.$/, 'code.json.maxProperties', (m) => ({ n: m[1]! })],
    [/^Object is missing property (.*) required by property (.*)\.$/, 'code.json.dependency', (m) => ({ property: m[1]!, by: m[2]! })],
    [/^Duplicate object key$/, 'code.json.duplicateKey', none],
    [/^Value expected$/, 'code.json.valueExpected', none],
    [/^Property expected$/, 'code.json.propertyExpected', none],
    [/^Property keys must be doublequoted$/, 'code.json.quoteKeys', none],
    [/^Colon expected$/, 'code.json.colon', none],
    [/^Expected comma$/, 'code.json.comma', none],
    [/^Expected comma or closing brace$/, 'code.json.commaOrBrace', none],
    [/^Expected comma or closing bracket$/, 'code.json.commaOrBracket', none],
    [/^Trailing comma$/, 'code.json.trailingComma', none],
    [/^End of file expected\.$/, 'code.json.endOfFile', none],
    [/^Comments are not permitted in JSON\.$/, 'code.json.comments', none],
    [/^Unexpected end of (string|number|comment)\.$/, 'code.json.unexpectedEnd', none],
    [/^Invalid (?:escape character|unicode sequence|characters) in string/, 'code.json.badString', none],
    [/^Invalid number format\.$/, 'code.json.badNumber', none],
    [/^Expected a JSON object, array or literal\.$/, 'code.json.valueExpected', none],
  ];
}

/**
 * A problem Monaco's JSON check marks in the code view, in the UI language ('缺少属性“label”。'
 * for 'Missing property "label".', 'Incorrect type. Expected text.' for '… Expected "string".'). A shape
 * not listed stays as Monaco wrote it. Words already given come back unchanged, so the markers
 * can be rewritten until nothing changes.
 */
export function jsonProblemText(message: string, t: Translate, locale: UiLocale): string {
  for (const [pattern, key, vars] of patterns(t, locale)) {
    const match = pattern.exec(message);
    if (match) return t(key, vars(match));
  }
  return message;
}

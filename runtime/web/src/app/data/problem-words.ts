import { labelOf, type UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import { fieldLabel, objectLabel, type FieldInfo, type ObjectInfo } from '../metadata/object-info.ts';

/**
 * A refused row of a CSV import as its reader says it: the server writes each row's problems as
 * `field: problem; field: problem` in English with field keys and option values
 * (`city: must be one of "beijing", "shanghai"`). Each field is named by its label, an option by
 * its label, and the problems a file most often has (a required cell left empty, a value that is
 * no number, date or option, a name no record has) are said in the reader's language; anything
 * else keeps the server's words after the field's label.
 *
 * @example rowProblemText('city: must be one of "beijing"', restaurant, 'zh') // '城市：应为以下之一：北京'
 */
export function rowProblemText(message: string, object: ObjectInfo, locale: UiLocale): string {
  const refused = recordProblemText(message, object, locale);
  if (refused) return refused;
  // Problems are joined by '; ', which a problem may hold too ("…; use the id"): a part starts with a field.
  return message.split(/; (?=[A-Za-z][\w-]*: )/).map((part) => {
    const match = /^([A-Za-z][\w-]*): (.*)$/s.exec(part);
    const field = match ? object.fieldMap.get(match[1]!) : undefined;
    if (!match || !field) return part;
    return `${fieldLabel(field, locale, field.key)}${locale === 'zh' ? '：' : ': '}${fieldProblemText(match[2]!, field, locale)}`;
  }).join(locale === 'zh' ? '；' : '; ');
}

/** The server's words for a row refused as a whole (records/write-records.ts), in the reader's language. */
function recordProblemText(message: string, object: ObjectInfo, locale: UiLocale): string | undefined {
  const key = /^You may not change this [\w-]+$/.test(message) ? 'importRowNotYours' as const
    : /^[\w-]+ \S+ was not found$/.test(message) ? 'importRowNotFound' as const
      : /^This change would take the [\w-]+ outside what you may edit$/.test(message) ? 'importRowOutside' as const
        : undefined;
  return key && translate(key, locale, { object: objectLabel(object, locale) });
}

type Words = (m: RegExpExecArray, field: FieldInfo, locale: UiLocale) => string;

const quotedValue = '"((?:[^"\\\\]|\\\\.)*)"';

/** The server's words for a cell's problem (csv-values.ts, the record validator), and ours. */
const problems: Array<{ pattern: RegExp; en: Words; zh: Words }> = [
  { pattern: /^is required(?: and cannot be (?:cleared|blank))?$/, en: () => 'is required', zh: () => '必填' },
  { pattern: /^must be unique$/, en: () => 'must be unique: another record has this value', zh: () => '已有记录使用了这个值，不能重复' },
  { pattern: new RegExp(`^${quotedValue} is not a number$`), en: (m) => `"${m[1]}" is not a number`, zh: (m) => `“${m[1]}”不是数字` },
  { pattern: new RegExp(`^${quotedValue} is not yes or no$`), en: (m) => `"${m[1]}" is not yes or no`, zh: (m) => `“${m[1]}”应为“是”或“否”` },
  { pattern: new RegExp(`^${quotedValue} is not a date \\(YYYY-MM-DD\\)$`), en: (m) => `"${m[1]}" is not a date (YYYY-MM-DD)`, zh: (m) => `“${m[1]}”不是日期（格式 YYYY-MM-DD）` },
  { pattern: new RegExp(`^${quotedValue} is not a date and time$`), en: (m) => `"${m[1]}" is not a date and time`, zh: (m) => `“${m[1]}”不是日期时间` },
  { pattern: /^must be one of (.*)$/, en: (m, f, l) => `must be one of ${options(m[1]!, f, l).join(', ')}`, zh: (m, f, l) => `应为以下之一：${options(m[1]!, f, l).join('、')}` },
  { pattern: new RegExp(`^no \\w+ called ${quotedValue}$`), en: (m) => `nothing is called "${m[1]}"`, zh: (m) => `找不到名为“${m[1]}”的记录` },
  { pattern: new RegExp(`^\\d+ \\w+ records are called ${quotedValue}; use the id$`), en: (m) => `several records are called "${m[1]}"; use the id`, zh: (m) => `有多条记录名为“${m[1]}”，请改填 ID` },
  { pattern: /^refers to a \w+ that does not exist$/, en: () => 'refers to a record that does not exist', zh: () => '引用的记录不存在' },
  { pattern: /^is not writable for you$/, en: () => 'is not yours to fill in', zh: () => '你无权填写此字段' },
  { pattern: /^must be >= (-?[\d.]+)$/, en: (m) => `must be at least ${m[1]}`, zh: (m) => `不能小于 ${m[1]}` },
  { pattern: /^must be <= (-?[\d.]+)$/, en: (m) => `must be at most ${m[1]}`, zh: (m) => `不能大于 ${m[1]}` },
  { pattern: /^must NOT have more than (\d+) characters$/, en: (m) => `must be at most ${m[1]} characters`, zh: (m) => `不能超过 ${m[1]} 个字符` },
];

/**
 * One problem the server found with a field's value (`must be unique`, `is required`), in the
 * reader's language where it is one of those above; shown under the field in a record's form.
 */
export function fieldProblemText(text: string, field: FieldInfo, locale: UiLocale): string {
  for (const problem of problems) {
    const match = problem.pattern.exec(text);
    if (match) return problem[locale](match, field, locale);
  }
  return text;
}

/** The allowed values the server lists (`"beijing", "shanghai"`), by their labels. */
function options(list: string, field: FieldInfo, locale: UiLocale): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => {
    const value = m[1]!;
    const option = field.options?.find((o) => o.value === value);
    return option ? labelOf(option.label, locale, value) : value;
  });
}

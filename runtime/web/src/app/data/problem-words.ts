import { labelOf, type UiLocale } from '../../shared/labels.ts';
import { fieldSentence, formWords } from '../forms/form-words.ts';

export { fieldSentence };
import type { FieldProblems } from '../forms/problem-errors.ts';
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
    if (!match) return part;
    // A field the caller cannot read is named by its key; the id and version columns of an export as the app names them.
    const field = object.fieldMap.get(match[1]!);
    const label = field ? fieldLabel(field, locale, field.key) : match[1] === 'id' ? 'ID' : match[1] === 'version' ? exportColumns.version[locale] : match[1]!;
    const text = dateOrderText(match[2]!, object, locale) ?? fieldProblemText(match[2]!, field, locale);
    return locale === 'zh' ? `${label}：${text}` : fieldSentence(label, text, ': ');
  }).join(locale === 'zh' ? '；' : '; ');
}

/** The system columns of an export a row's problem can name, when the object's description does not. */
const exportColumns = { version: { en: 'Version', zh: '版本' } };

/** The server's words for a row refused as a whole (records/write-records.ts), in the reader's language. */
function recordProblemText(message: string, object: ObjectInfo, locale: UiLocale): string | undefined {
  const key = /^You may not change this [\w-]+$/.test(message) ? 'importRowNotYours' as const
    : /^[\w-]+ \S+ was not found$/.test(message) ? 'importRowNotFound' as const
      : /^This change would take the [\w-]+ outside what you may edit$/.test(message) ? 'importRowOutside' as const
        : undefined;
  if (key) return translate(key, locale, { object: objectLabel(object, locale) });
  const found = firstMatch(rowProblems, message);
  return found && found.entry[locale](found.match, objectLabel(object, locale));
}

/** The first entry of a table of the server's words whose pattern matches `text`, with the match. */
function firstMatch<T extends { pattern: RegExp }>(table: readonly T[], text: string): { entry: T; match: RegExpExecArray } | undefined {
  for (const entry of table) {
    const match = entry.pattern.exec(text);
    if (match) return { entry, match };
  }
  return undefined;
}

type RowWords = (m: RegExpExecArray, object: string) => string;

/** Why a CSV cannot be read further (csv-parse's words), in a reader's words. */
function csvBreak(detail: string, locale: UiLocale): string {
  const cause = /quote/i.test(detail)
    ? { en: 'a quote (") is not closed, or stands inside a cell', zh: '有引号（"）未闭合，或出现在单元格中间' }
    : { en: 'its rows are not well-formed CSV', zh: '行的格式不是有效的 CSV' };
  return cause[locale];
}

/** The server's words for a whole row or a whole job (platform/records/csv-import.ts, write-records.ts), and ours. */
const rowProblems: Array<{ pattern: RegExp; en: RowWords; zh: RowWords }> = [
  { pattern: /^The CSV cannot be read from this row on: (.*)$/s, en: (m) => `the CSV cannot be read from this row on: ${csvBreak(m[1]!, 'en')}`, zh: (m) => `从这一行起无法读取 CSV：${csvBreak(m[1]!, 'zh')}` },
  { pattern: /^You may not create [\w-]+ records$/, en: (_m, o) => `you may not create a ${o}`, zh: (_m, o) => `你无权新建${o}` },
  { pattern: /^Your roles do not let you create this [\w-]+ \(.*\)$/, en: (_m, o) => `the row's values are outside the ${o} records you may create`, zh: (_m, o) => `此行的值超出了你可新建的${o}范围` },
  { pattern: /^Changed since the file was exported \(the record is at version (\d+), the row's is (\d+)\); /, en: (m) => `changed by someone else since the export (it is now at version ${m[1]}, the file has version ${m[2]}); export again and make this row’s change in the new file`, zh: (m) => `导出之后已有人修改过此记录（现为第 ${m[1]} 版，文件中为第 ${m[2]} 版），此行未导入；请重新导出，在新文件中修改此行后再导入` },
  { pattern: /^\d+ records have (\S+) = (.*); upsert needs a unique key$/s, en: (m) => `several records have ${m[1]} = ${m[2]}, so the row cannot be matched`, zh: (m) => `有多条记录的 ${m[1]} 为“${m[2]}”，无法确定要更新哪一条` },
  { pattern: /^[\w-]+ no longer exists$/, en: (_m, o) => `${o} no longer exists in the configuration; nothing more was imported`, zh: (_m, o) => `配置中已没有${o}，导入已停止` },
  { pattern: /^The user who started the import is no longer active$/, en: () => 'the user who started the import was deactivated; nothing more was imported', zh: () => '发起导入的用户已被停用，导入已停止' },
  { pattern: /^failed$/, en: () => 'the row could not be saved', zh: () => '此行未能保存' },
];

type Words = (m: RegExpExecArray, field: FieldInfo | undefined, locale: UiLocale) => string;

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
  { pattern: /^is hidden until the record is claimed$/, en: () => 'can be filled in once the record is claimed', zh: () => '领取后才能填写' },
  { pattern: /^must be >= (-?[\d.]+)$/, en: (m) => `must be at least ${m[1]}`, zh: (m) => `不能小于 ${m[1]}` },
  { pattern: /^must be <= (-?[\d.]+)$/, en: (m) => `must be at most ${m[1]}`, zh: (m) => `不能大于 ${m[1]}` },
  { pattern: /^must NOT have more than (\d+) characters$/, en: (m) => `must be at most ${m[1]} characters`, zh: (m) => `不能超过 ${m[1]} 个字符` },
  { pattern: /^must NOT have fewer than (\d+) characters?$/, en: (m) => `must be at least ${m[1]} characters`, zh: (m) => `不能少于 ${m[1]} 个字符` },
  { pattern: /^must NOT have more than (\d+) items?$/, en: (m) => `may hold at most ${m[1]} values`, zh: (m) => `最多只能有 ${m[1]} 个值` },
  { pattern: /^must NOT have fewer than (\d+) items?$/, en: (m) => `needs at least ${m[1]} values`, zh: (m) => `至少需要 ${m[1]} 个值` },
  { pattern: /^must be > (-?[\d.]+)$/, en: (m) => `must be more than ${m[1]}`, zh: (m) => `必须大于 ${m[1]}` },
  { pattern: /^must be < (-?[\d.]+)$/, en: (m) => `must be less than ${m[1]}`, zh: (m) => `必须小于 ${m[1]}` },
  { pattern: /^must be multiple of ([\d.]+)$/, en: (m) => `must be a multiple of ${m[1]}`, zh: (m) => `必须是 ${m[1]} 的整数倍` },
  { pattern: /^must have at most (\d+) decimal places$/, en: (m) => `may have at most ${m[1]} decimal places`, zh: (m) => `最多 ${m[1]} 位小数` },
  { pattern: /^must be integer$/, en: () => 'must be a whole number', zh: () => '必须是整数' },
  { pattern: /^must be (?:number|string|boolean|array|object|null)(?:,\w+)*$/, en: () => 'is not a value this field takes', zh: () => '不是此字段可接受的值' },
  { pattern: /^must match format "email"$/, en: () => 'is not an e-mail address', zh: () => '不是有效的邮箱地址' },
  { pattern: /^must match format "uri"$/, en: () => 'is not a web address', zh: () => '不是有效的网址' },
  { pattern: /^must match format "([\w-]+)"$/, en: (m) => `is not in the ${m[1]} format`, zh: (m) => `不符合 ${m[1]} 格式` },
  // A phone number or web address in the words the form uses for it (the stage prompt showed the server's regex).
  { pattern: /^must match pattern "(.*)"$/s, en: (_m, f) => patternWords(f, 'en') ?? 'is not in the form this field takes', zh: (_m, f) => patternWords(f, 'zh') ?? '格式不符合此字段的要求' },
  { pattern: /^must be a real calendar date$/, en: () => 'is not a real calendar date', zh: () => '不是真实存在的日期' },
  { pattern: /^must be an ISO 8601 date-time$/, en: () => 'is not a date and time', zh: () => '不是日期时间' },
  { pattern: new RegExp(`^${quotedValue} is not a version \\(.*\\)$`), en: (m) => `"${m[1]}" is not a version number: leave it as the export wrote it, or empty to update without the check`, zh: (m) => `“${m[1]}”不是版本号：请保留导出时的值，或留空（不检查他人是否修改过）` },
  { pattern: /^must be a UUID$/, en: () => 'is not an ID', zh: () => '不是有效的 ID' },
  { pattern: /^is already taken$/, en: () => 'is already taken (maybe by a deleted record)', zh: () => '已被占用（可能是已删除的记录）' },
  { pattern: /^contains a NUL character$/, en: () => 'contains a NUL character, which cannot be stored', zh: () => '含有无法保存的空字符（NUL）' },
  { pattern: /^(?:is not a known property|is not a field of [\w-]+)$/, en: () => 'is not a field here', zh: () => '不是此处的字段' },
  { pattern: /^is invalid$/, en: () => 'is not valid', zh: () => '无效' },
  // A list's filter (platform/filter/parse-filter.ts), where a link or a saved view names a value the field does not take.
  { pattern: /^must be a number$/, en: () => 'must be a number', zh: () => '应为数字' },
  { pattern: /^must be true or false$/, en: () => 'must be yes or no', zh: () => '应为“是”或“否”' },
  { pattern: /^must be an array of values$/, en: () => 'must be a list of values', zh: () => '应为一组值' },
  { pattern: /^must not be empty$/, en: () => 'must not be empty', zh: () => '不能为空' },
];

/**
 * One problem the server found with a field's value (`must be unique`, `is required`), in the
 * reader's language where it is one of those above; shown under the field in a record's form.
 */
export function fieldProblemText(text: string, field: FieldInfo | undefined, locale: UiLocale): string {
  const found = firstMatch(problems, text);
  return found ? found.entry[locale](found.match, field, locale) : text;
}

function patternWords(field: FieldInfo | undefined, locale: UiLocale): string | undefined {
  return field?.type === 'phone' || field?.type === 'url' ? formWords(field.type, locale) : undefined;
}

/** Problems by field (`problemsByField`) with the server's words for each value in the reader's language (`fieldProblemText`). */
export function fieldProblemsText(found: FieldProblems, object: ObjectInfo, locale: UiLocale): FieldProblems {
  const byField = Object.fromEntries(Object.entries(found.byField).map(([key, messages]) => {
    const field = object.fieldMap.get(key);
    if (!field) return [key, messages];
    return [key, messages.map((m) => {
      const text = dateOrderText(m, object, locale) ?? fieldProblemText(m, field, locale);
      return locale === 'zh' ? text : fieldSentence(fieldLabel(field, locale, field.key), text);
    })];
  }));
  return { byField, general: found.general };
}

/** The server's words for dates out of order (下次拜访 before 拜访时间), as the form says them, naming the other field by its label. */
function dateOrderText(text: string, object: ObjectInfo, locale: UiLocale): string | undefined {
  const match = /^must not be (earlier|later) than ([\w-]+)$/.exec(text);
  if (!match) return undefined;
  return formWords(match[1] === 'earlier' ? 'notBefore' : 'notAfter', locale).replace('{field}', fieldLabel(object.fieldMap.get(match[2]!), locale, match[2]));
}

/** The allowed values the server lists (`"beijing", "shanghai"`), by their labels. */
function options(list: string, field: FieldInfo | undefined, locale: UiLocale): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => {
    const value = m[1]!;
    const option = field?.options?.find((o) => o.value === value);
    return option ? labelOf(option.label, locale, value) : value;
  });
}

type RefusalWords = (m: RegExpExecArray, object: ObjectInfo, locale: UiLocale) => string;

/** The server's words for a CSV file refused before any row is read (csv-import.ts, data-routes.ts), and ours. */
const fileRefusals: Array<{ pattern: RegExp; en: RefusalWords; zh: RefusalWords }> = [
  { pattern: /^The CSV is empty; send a header row and data rows$/, en: () => 'The file is empty: it needs a header row and data rows', zh: () => '文件是空的：需要标题行和数据行' },
  { pattern: /^The CSV header cannot be read: /, en: () => 'The first row (the column names) cannot be read as CSV', zh: () => '第一行（列名）无法按 CSV 读取' },
  { pattern: /^The CSV is not UTF-8 text/, en: () => 'The file is neither UTF-8 nor GBK text: save it as "CSV UTF-8 (Comma delimited)" and upload it again', zh: () => '文件既不是 UTF-8 也不是 GBK 编码：请另存为“CSV UTF-8（逗号分隔）”后重新上传' },
  { pattern: /^The CSV began as GBK text but holds bytes further down that are not GBK/, en: () => 'The file starts as GBK text but has characters further down in another encoding: save it as "CSV UTF-8 (Comma delimited)" and upload it again', zh: () => '文件开头是 GBK 编码，但后面含有其他编码的字符：请另存为“CSV UTF-8（逗号分隔）”后重新上传' },
  { pattern: /^(\d+) columns? (?:is|are) not fields of [\w-]+: /, en: (m, o, l) => `${m[1]} ${m[1] === '1' ? 'column is not a field' : 'columns are not fields'} of ${objectLabel(o, l)}`, zh: (m, o, l) => `有 ${m[1]} 列不是${objectLabel(o, l)}的字段` },
  { pattern: /^The CSV has no (\S+) column to upsert by$/, en: (m, o, l) => `The file has no ${fieldLabel(o.fieldMap.get(m[1]!), l, m[1])} column to match rows by`, zh: (m, o, l) => `文件中没有用于匹配的“${fieldLabel(o.fieldMap.get(m[1]!), l, m[1])}”列` },
  { pattern: /^Row (\d+) of the CSV is larger than (\d+) MB/, en: (m) => `Row ${m[1]} is larger than ${m[2]} MB: most likely a quote (") is not closed, which makes the rest of the file one row`, zh: (m) => `第 ${m[1]} 行超过 ${m[2]} MB：多半是有引号（"）未闭合，使其后的内容都成了一行` },
  { pattern: /^The file is larger than (\d+) MB$/, en: (m) => `The file is larger than ${m[1]} MB`, zh: (m) => `文件超过 ${m[1]} MB` },
  { pattern: /^Send the file as text\/csv$/, en: () => 'Upload a CSV file', zh: () => '请上传 CSV 文件' },
];

/** The server's words for one problem of a refused file, and ours. */
const fileProblems: Array<{ pattern: RegExp; en: (m: RegExpExecArray) => string; zh: (m: RegExpExecArray) => string }> = [
  { pattern: /^"((?:[^"\\]|\\.)*)" is not a field key or label of [\w-]+$/s, en: (m) => `"${m[1]}" is no field's name or label`, zh: (m) => `“${m[1]}”不是任何字段的名称或标签` },
  { pattern: /^row (\d+) holds bytes that are not UTF-8$/, en: (m) => `row ${m[1]} holds characters that are not UTF-8`, zh: (m) => `第 ${m[1]} 行含有非 UTF-8 字符` },
  { pattern: /^the file holds bytes that are neither UTF-8 nor GBK$/, en: () => 'the file holds characters that are neither UTF-8 nor GBK', zh: () => '文件含有既非 UTF-8 也非 GBK 的字符' },
  { pattern: /^is not a column of the CSV$/, en: () => 'is not a column of the file', zh: () => '不是文件中的列' },
];

/**
 * A CSV file the server refused before reading its rows (empty, not UTF-8, columns that are no
 * fields…), as its reader says it: a title and the problems, each located (`column 3`).
 * Undefined for a refusal the import does not make; `errorText` says those.
 */
export function fileRefusalText(error: { message: string; errors: Array<{ path: string; message: string }> }, object: ObjectInfo, locale: UiLocale): { title: string; problems: string[] } | undefined {
  const refusal = firstMatch(fileRefusals, error.message);
  if (!refusal) return undefined;
  const problems = error.errors.map((item) => {
    const column = /^\/header\/(\d+)$/.exec(item.path);
    const where = column ? (locale === 'zh' ? `第 ${Number(column[1]) + 1} 列：` : `column ${Number(column[1]) + 1}: `) : '';
    const words = firstMatch(fileProblems, item.message);
    return `${where}${words ? words.entry[locale](words.match) : item.message}`;
  });
  // The upsert column's one problem says what the title already says.
  return { title: refusal.entry[locale](refusal.match, object, locale), problems: /^\?upsertKey$/.test(error.errors[0]?.path ?? '') ? [] : problems };
}

import { normalizeInstant, isCalendarDate } from '../filter/filter-values.ts';
import { instantOfLocal, localDateTime } from '../time/zoned-time.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { labelText } from '../metadata/metadata-types.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { releaseReasonText, type ReleaseReason } from '../pools/release-reasons.ts';

/** Text a spreadsheet would take for a formula (OWASP's CSV injection list), behind any guard quotes. */
const formulaStart = /^'*[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, a phone number `+86 …`) gets a
 * leading `'`, and so does text that already had such a quote before one (so `readGuarded`
 * can tell them apart). Numbers are not text: a negative amount stays a number.
 *
 * @example guardFormula('=1+1') // "'=1+1"
 */
export function guardFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The text `guardFormula` was given: one guard quote off, and only where it added one. */
export function readGuarded(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** A CSV cell from a record value: lists joined with `;`, empty for null, text guarded against formulas. */
export function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return guardFormula(value.join(';'));
  if (typeof value === 'object') return guardFormula((value as { id?: string }).id ?? JSON.stringify(value));
  return guardFormula(String(value));
}

/** The column header of a field: its key, or its label in a language. */
export function headerOf(field: ModelField, mode: 'keys' | 'labels', lang: 'en' | 'zh'): string {
  return guardFormula(mode === 'labels' ? labelText(field.label, lang, field.key) : field.key);
}

/**
 * A column of an import: a field, the record's id, its version (the condition of a row updating
 * by id), or another system column an export wrote (read-only, skipped).
 */
export type ImportColumn = ModelField | 'id' | 'version' | 'skip';

/**
 * Maps CSV headers to fields: a header is a field key or a field label in any language
 * (case-insensitive). System columns of an export (owner, pool …) are skipped, so an export can
 * be edited and imported back; its id and version say which record a row updates, at which version.
 * Returns the column kinds, or the headers nobody recognised.
 */
export function matchHeaders(object: CompiledObject, headers: string[]): { fields: ImportColumn[]; unknown: Array<{ index: number; header: string }> } {
  const byName = new Map<string, ImportColumn>();
  const names = (field: ModelField) => [field.key, ...(typeof field.label === 'string' ? [field.label] : Object.values(field.label ?? {}))];
  for (const field of object.fields.values()) {
    if (!field.system) continue;
    for (const text of names(field)) if (text) byName.set(text.trim().toLowerCase(), field.key === 'id' || field.key === 'version' ? field.key : 'skip');
  }
  for (const field of object.customFields) for (const text of names(field)) if (text) byName.set(text.trim().toLowerCase(), field);
  const fields: ImportColumn[] = [];
  const unknown: Array<{ index: number; header: string }> = [];
  headers.forEach((raw, index) => {
    const header = readGuarded(raw.replace(/^\uFEFF/, '')).trim();
    const column = byName.get(header.toLowerCase());
    if (column) fields.push(column);
    else unknown.push({ index, header });
  });
  return { fields, unknown };
}

export class CellError extends Error {}

/**
 * A cell as an import's row error quotes it: cut after 60 characters, so a file of huge bad
 * cells cannot fill the job's error list (up to 1,000 of them) with its own contents.
 */
export function quoted(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}

/**
 * A typed value from a CSV cell for a field, as a person would type it in a spreadsheet:
 * numbers with thousands separators, yes/no/是/否, dates with slashes, option labels, lists
 * separated by `;` or `,`. Lookups may name the target's title (resolved by the importer).
 * A date and time without an offset (`2026-12-06 14:30`, as a spreadsheet shows it and as an
 * export for people writes it) is the tenant's wall clock in `zone`.
 */
export function fromCell(field: ModelField, cell: string, zone: string): unknown {
  // A cell our export guarded against formulas is the value as it was, spaces and all.
  const unguarded = readGuarded(cell);
  const text = unguarded === cell ? cell.trim() : unguarded;
  if (text === '') return null;
  const definition = field.definition;
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const n = Number(text.replace(/[,\s¥$€%]/g, ''));
      if (!Number.isFinite(n)) throw new CellError(`${quoted(text)} is not a number`);
      return n;
    }
    case 'boolean': {
      const v = text.toLowerCase();
      if (['true', 'yes', 'y', '1', '是', '对'].includes(v)) return true;
      if (['false', 'no', 'n', '0', '否', '不'].includes(v)) return false;
      throw new CellError(`${quoted(text)} is not yes or no`);
    }
    case 'date': {
      const dashed = dashedDate(text);
      const d = /^(\d{4}-\d{2}-\d{2}).*$/.exec(dashed)?.[1] ?? dashed;
      if (!isCalendarDate(d)) throw new CellError(`${quoted(text)} is not a date (YYYY-MM-DD)`);
      return d;
    }
    case 'datetime': {
      const dashed = dashedDate(text);
      const wall = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(dashed);
      const local = wall && isCalendarDate(wall[1]!) && Number(wall[2] ?? 0) < 24 && Number(wall[3] ?? 0) < 60 && Number(wall[4] ?? 0) < 60
        ? instantOfLocal(`${wall[1]} ${(wall[2] ?? '0').padStart(2, '0')}:${wall[3] ?? '00'}:${wall[4] ?? '00'}`, zone).toISOString() : undefined;
      const instant = local ?? normalizeInstant(dashed);
      if (!instant) throw new CellError(`${quoted(text)} is not a date and time`);
      return instant;
    }
    case 'select': case 'stage':
      return optionValue(field, text);
    case 'multiselect':
      return text.split(/[;,，；]/).map((part) => part.trim()).filter(Boolean).map((part) => optionValue(field, part));
    default:
      return definition?.type === 'lookup' ? text : text;
  }
}

/** A spreadsheet's date as `YYYY-MM-DD…`: slashes as dashes, month and day in two digits (`2026/1/5 9:05` → `2026-01-05 9:05`). */
function dashedDate(text: string): string {
  return text.replace(/\//g, '-').replace(/^(\d{4})-(\d{1,2})-(\d{1,2})/, (_m, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

/** An option (or stage) from its key or its label in any language, case-insensitive. */
function optionValue(field: ModelField, text: string): string {
  for (const { value, label } of field.choices ?? []) {
    if (value === text) return value;
    const labels = typeof label === 'string' ? [label] : Object.values(label ?? {});
    if (value.toLowerCase() === text.toLowerCase() || labels.some((l) => l?.toLowerCase() === text.toLowerCase())) return value;
  }
  return text; // left as is: the validator reports it as not an option
}

/**
 * A CSV cell for people (`header=labels`): options and stages by their labels, yes/no, a lookup
 * by its target's title and a person by name (when expanded), lists joined with `;`, dates and
 * times as the tenant's wall clock (`2026-12-06 14:30:00`), release reasons in words (`reasons`:
 * those of the record's pool, see `releaseReasonsOf`).
 */
export function toLabelledCell(field: ModelField, value: unknown, lang: 'en' | 'zh', titleOf: (object: string, record: Record<string, unknown>) => string | undefined, zone: string, reasons: readonly ReleaseReason[] = []): string {
  if (value === null || value === undefined) return '';
  // Dates and times on the tenant's clock, as a spreadsheet shows them (the import reads them back so).
  if ((field.kind === 'datetime' || field.kind === 'timestamp') && typeof value === 'string') return localDateTime(new Date(value), zone);
  if (typeof value === 'number' && !field.choices) return String(value);
  // A release reason the sweep or the release dialog stored as a key, in words (a typed one as typed).
  if (field.key === 'releaseReason' && typeof value === 'string') return guardFormula(releaseReasonText(value, lang, reasons));
  return guardFormula(labelledText(field, value, lang, titleOf));
}

function labelledText(field: ModelField, value: unknown, lang: 'en' | 'zh', titleOf: (object: string, record: Record<string, unknown>) => string | undefined): string {
  const word = (v: unknown) => {
    const choice = field.choices?.find((c) => c.value === v);
    return choice ? labelText(choice.label, lang, choice.value) : String(v);
  };
  if (Array.isArray(value)) return value.map(word).join(';');
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (field.target === 'user') return String(record.name ?? record.id);
    return (field.target ? titleOf(field.target, record) : undefined) ?? String(record.id ?? JSON.stringify(value));
  }
  return field.choices ? word(value) : String(value);
}

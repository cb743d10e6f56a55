import type { FilterField } from './filter-fields.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as PostgreSQL stores it, 8-4-4-4-12 hex digits (not `urn:uuid:…` nor braces); the one test of it (no imports here, so the web apps may use it too). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = datePattern.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999 (0001-01-01 was refused).
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1 && y <= 9999;
}

/**
 * The one way instants are written: ISO 8601 UTC with milliseconds. Stored datetimes use it,
 * so comparing the text compares the time. Returns undefined for anything unparseable.
 */
export function normalizeInstant(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string' || !dateTimePattern.test(value)) return undefined;
  // The day must exist, with a time too: Date.parse reads 2026-02-30T10:00Z as 2 March.
  if (!isCalendarDate(value.slice(0, 10))) return undefined;
  // A date or a time without a zone means UTC.
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) || datePattern.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone.replace(' ', 'T'));
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  return date.toISOString();
}

/** Checks a literal against a field's kind; returns a problem message or undefined. */
export function checkLiteral(field: FilterField, value: unknown): string | undefined {
  switch (field.kind) {
    case 'text':
    case 'multi':
    case 'textArray':
      if (typeof value !== 'string') return 'must be a string';
      if (field.options && !field.options.includes(value)) return `is not an option of ${field.key} (${field.options.join(', ')})`;
      return undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'must be a date (YYYY-MM-DD) or a relative date such as today-7d';
    case 'datetime':
    case 'timestamp':
      return normalizeInstant(value) ? undefined : 'must be an ISO 8601 date-time or a relative time such as now-15d';
    case 'uuid':
    case 'reference':
      return isUuid(value) ? undefined : 'must be an id (UUID)';
    case 'json':
      return ['string', 'number', 'boolean'].includes(typeof value) && (typeof value !== 'number' || Number.isFinite(value))
        ? undefined
        : 'must be a string, number or boolean';
  }
}

/**
 * A resolved value in the form the field stores and compares: instants normalized, ids
 * lower-cased. Returns undefined when the value cannot be a value of this field (a variable
 * of the wrong type), which makes the condition match nothing.
 */
export function coerceValue(field: FilterField, value: unknown): string | number | boolean | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.kind) {
    case 'text':
    case 'multi':
    case 'textArray':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return typeof value === 'string' ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? value : undefined;
    case 'datetime':
    case 'timestamp':
      return normalizeInstant(value);
    case 'uuid':
    case 'reference':
      return isUuid(value) ? value.toLowerCase() : undefined;
    case 'json':
      return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
  }
}

/**
 * Orders two strings by Unicode code point, as PostgreSQL's "C" collation does (JavaScript's
 * `<` compares UTF-16 code units, which differs above U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Compares two non-null values of the same kind; strings by code point. */
export function compareValues(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return compareCodePoints(String(a), String(b));
}

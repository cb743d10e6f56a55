import type { ValueKind } from '../filter/filter-fields.ts';
import { isCalendarDate, normalizeInstant } from '../filter/filter-values.ts';
import { patternProblem } from '../validation/linear-regexp.ts';
import type { FieldDefinition, FieldType, SelectOption } from './metadata-types.ts';
import { phonePattern } from './value-patterns.ts';

/**
 * The field-type registry: one entry per type says how its values compare (filters, sorting,
 * indexes), what JSON Schema validates them (records, OpenAPI, generated forms), which
 * options the type accepts in metadata, and how a value is normalised before it is stored.
 * A new field type is one entry here.
 */
export interface FieldTypeSpec {
  kind: ValueKind;
  /** Options this type accepts in metadata besides the common ones. */
  options: readonly string[];
  /** JSON Schema of a (non-null) value of the field. */
  valueSchema(field: FieldDefinition): Record<string, unknown>;
  /** A check JSON Schema cannot express; returns a problem message. */
  check?(field: FieldDefinition, value: unknown): string | undefined;
  /** The stored form of a valid value. */
  normalize?(value: unknown): unknown;
  /** Set by the engine, never by a write. */
  generated?: boolean;
  /** GIN for multi-value fields, btree otherwise. */
  indexMethod: 'btree' | 'gin';
}

const common = ['type', 'label', 'description', 'required', 'default', 'indexed', 'readOnly'] as const;
export const commonFieldOptions: readonly string[] = common;

const safeInteger = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

function numberBounds(field: FieldDefinition, defaults: { min?: number; max?: number } = {}): Record<string, unknown> {
  const min = field.min ?? defaults.min;
  const max = field.max ?? defaults.max;
  return { ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
}

/** Decimal places a number field keeps when its definition gives no `scale`. */
const defaultScales: Partial<Record<FieldType, number>> = { decimal: 6, currency: 2, percent: 2 };

/** The decimal places a field's values may have, if its type limits them. */
export function scaleOf(field: FieldDefinition): number | undefined {
  const fallback = defaultScales[field.type];
  return fallback === undefined ? undefined : field.scale ?? fallback;
}

/**
 * Refuses a value with more decimal places than the field keeps; for an amount (`exact`), also
 * one too large for a JSON number to hold exactly to those places (99999999999999.99 arrives as
 * …98), which would otherwise be stored changed without a word.
 */
function scaleCheck(exact = false) {
  return (field: FieldDefinition, value: unknown): string | undefined => {
    const scale = scaleOf(field)!;
    if (typeof value !== 'number') return undefined;
    if (exact && Math.abs(value) * 10 ** scale > Number.MAX_SAFE_INTEGER) {
      return `is too large to be kept exact to ${scale} decimal places (at most ${Math.floor(Number.MAX_SAFE_INTEGER / 10 ** scale)})`;
    }
    return Number(value.toFixed(scale)) === value ? undefined : `must have at most ${scale} decimal places`;
  };
}

export function optionValues(field: FieldDefinition): string[] {
  return (field.options ?? []).map((o: string | SelectOption) => (typeof o === 'string' ? o : o.value));
}

const usablePatterns = new Map<string, boolean>();

/**
 * Whether a text field's pattern can be matched (in linear time, see linear-regexp). Metadata
 * refuses one that cannot, but a version published before may hold a look-ahead: its schema
 * leaves the pattern out (compiling it would throw on every write) and `check` refuses values.
 */
function usablePattern(pattern: string): boolean {
  let usable = usablePatterns.get(pattern);
  if (usable === undefined) {
    if (usablePatterns.size >= 1000) usablePatterns.clear();
    usable = patternProblem(pattern) === undefined;
    usablePatterns.set(pattern, usable);
  }
  return usable;
}

const text = (defaultMax: number): FieldTypeSpec => ({
  kind: 'text',
  options: ['maxLength', 'pattern', 'unique'],
  valueSchema: (f) => ({ type: 'string', maxLength: f.maxLength ?? defaultMax, ...(f.pattern && usablePattern(f.pattern) ? { pattern: f.pattern } : {}) }),
  check: (f) => (f.pattern && !usablePattern(f.pattern)
    ? 'cannot be checked: the field\'s pattern uses look-ahead, look-behind or back-references, which are no longer supported; an administrator must change it'
    : undefined),
  indexMethod: 'btree',
});

export const fieldTypeSpecs: Record<FieldType, FieldTypeSpec> = {
  text: text(255),
  textarea: { ...text(10000), options: ['maxLength'] },
  integer: {
    kind: 'number',
    options: ['min', 'max', 'unique'],
    valueSchema: (f) => ({ type: 'integer', ...safeInteger, ...numberBounds(f) }),
    indexMethod: 'btree',
  },
  decimal: {
    kind: 'number',
    options: ['min', 'max', 'scale'],
    valueSchema: (f) => ({ type: 'number', ...numberBounds(f) }),
    check: scaleCheck(),
    indexMethod: 'btree',
  },
  currency: {
    kind: 'number',
    options: ['min', 'max', 'scale', 'currency'],
    valueSchema: (f) => ({ type: 'number', ...numberBounds(f) }),
    check: scaleCheck(true),
    indexMethod: 'btree',
  },
  percent: {
    kind: 'number',
    options: ['scale'],
    valueSchema: () => ({ type: 'number', minimum: 0, maximum: 100 }),
    check: scaleCheck(),
    indexMethod: 'btree',
  },
  boolean: { kind: 'boolean', options: [], valueSchema: () => ({ type: 'boolean' }), indexMethod: 'btree' },
  date: {
    kind: 'date',
    options: ['notBefore'],
    valueSchema: () => ({ type: 'string', format: 'date' }),
    check: (_f, v) => (typeof v === 'string' && !isCalendarDate(v) ? 'must be a real calendar date' : undefined),
    indexMethod: 'btree',
  },
  datetime: {
    kind: 'datetime',
    options: ['notBefore'],
    valueSchema: () => ({ type: 'string', format: 'date-time' }),
    check: (_f, v) => (normalizeInstant(v) ? undefined : 'must be an ISO 8601 date-time'),
    normalize: (v) => normalizeInstant(v),
    indexMethod: 'btree',
  },
  email: {
    kind: 'text',
    options: ['unique'],
    valueSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
    indexMethod: 'btree',
  },
  phone: {
    kind: 'text',
    options: ['unique'],
    valueSchema: () => ({ type: 'string', pattern: phonePattern, maxLength: 32 }),
    indexMethod: 'btree',
  },
  url: {
    kind: 'text',
    options: [],
    valueSchema: () => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 }),
    indexMethod: 'btree',
  },
  select: {
    kind: 'text',
    options: ['options'],
    valueSchema: (f) => ({ type: 'string', enum: optionValues(f) }),
    indexMethod: 'btree',
  },
  multiselect: {
    kind: 'multi',
    options: ['options'],
    valueSchema: (f) => ({ type: 'array', items: { type: 'string', enum: optionValues(f) }, uniqueItems: true, maxItems: 100 }),
    normalize: (v) => (Array.isArray(v) && v.length === 0 ? null : v),
    indexMethod: 'gin',
  },
  lookup: {
    kind: 'reference',
    options: ['object', 'onDelete'],
    valueSchema: () => ({ type: 'string', format: 'uuid' }),
    normalize: (v) => (typeof v === 'string' ? v.toLowerCase() : v),
    indexMethod: 'btree',
  },
  stage: {
    kind: 'text',
    options: ['pipeline'],
    valueSchema: () => ({ type: 'string' }),
    indexMethod: 'btree',
  },
  autonumber: {
    kind: 'text',
    options: ['format'],
    valueSchema: () => ({ type: 'string', maxLength: 64 }),
    generated: true,
    indexMethod: 'btree',
  },
};

/** Formats an autonumber: `HC-{00000}` with 42 → `HC-00042`. */
export function formatAutonumber(format: string | undefined, n: number | string): string {
  const pattern = format ?? '{0}';
  return pattern.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}

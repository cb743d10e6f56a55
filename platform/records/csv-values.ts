import { normalizeInstant, isCalendarDate } from '../filter/filter-values.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { labelText, type SelectOption } from '../metadata/metadata-types.ts';
import type { ModelField } from '../metadata/object-model.ts';

/** A CSV cell from a record value: lists joined with `;`, empty for null. */
export function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'object') return (value as { id?: string }).id ?? JSON.stringify(value);
  return String(value);
}

/** The column header of a field: its key, or its label in a language. */
export function headerOf(field: ModelField, mode: 'keys' | 'labels', locale: string): string {
  return mode === 'labels' ? labelText(field.label, locale.startsWith('zh') ? 'zh' : 'en', field.key) : field.key;
}

/**
 * Maps CSV headers to fields: a header is a field key or a field label in any language
 * (case-insensitive). Returns the field per column, or the headers nobody recognised.
 */
export function matchHeaders(object: CompiledObject, headers: string[]): { fields: Array<ModelField | 'id'>; unknown: Array<{ index: number; header: string }> } {
  const byName = new Map<string, ModelField>();
  for (const field of object.customFields) {
    byName.set(field.key.toLowerCase(), field);
    const label = field.label;
    for (const text of typeof label === 'string' ? [label] : Object.values(label ?? {})) if (text) byName.set(text.trim().toLowerCase(), field);
  }
  const fields: Array<ModelField | 'id'> = [];
  const unknown: Array<{ index: number; header: string }> = [];
  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    if (header.toLowerCase() === 'id') fields.push('id');
    else {
      const field = byName.get(header.toLowerCase());
      if (field) fields.push(field);
      else unknown.push({ index, header });
    }
  });
  return { fields, unknown };
}

export class CellError extends Error {}

/**
 * A typed value from a CSV cell for a field, as a person would type it in a spreadsheet:
 * numbers with thousands separators, yes/no/是/否, dates with slashes, option labels, lists
 * separated by `;` or `,`. Lookups may name the target's title (resolved by the importer).
 */
export function fromCell(field: ModelField, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return null;
  const definition = field.definition;
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const n = Number(text.replace(/[,\s¥$€%]/g, ''));
      if (!Number.isFinite(n)) throw new CellError(`"${text}" is not a number`);
      return n;
    }
    case 'boolean': {
      const v = text.toLowerCase();
      if (['true', 'yes', 'y', '1', '是', '对'].includes(v)) return true;
      if (['false', 'no', 'n', '0', '否', '不'].includes(v)) return false;
      throw new CellError(`"${text}" is not yes or no`);
    }
    case 'date': {
      const d = text.replace(/\//g, '-').replace(/^(\d{4})-(\d{1,2})-(\d{1,2}).*$/, (_m, y: string, m: string, day: string) => `${y}-${m.padStart(2, '0')}-${day.padStart(2, '0')}`);
      if (!isCalendarDate(d)) throw new CellError(`"${text}" is not a date (YYYY-MM-DD)`);
      return d;
    }
    case 'datetime': {
      const instant = normalizeInstant(text.replace(/\//g, '-'));
      if (!instant) throw new CellError(`"${text}" is not a date and time`);
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

function optionValue(field: ModelField, text: string): string {
  const options = (field.definition?.options ?? field.options?.map((value) => ({ value })) ?? []) as Array<string | SelectOption>;
  for (const option of options) {
    const value = typeof option === 'string' ? option : option.value;
    if (value === text) return value;
    const label = typeof option === 'string' ? undefined : option.label;
    const labels = typeof label === 'string' ? [label] : Object.values(label ?? {});
    if (value.toLowerCase() === text.toLowerCase() || labels.some((l) => l?.toLowerCase() === text.toLowerCase())) return value;
  }
  return text; // left as is: the validator reports it as not an option
}

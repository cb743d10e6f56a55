import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { ShoalError, type ProblemItem } from '../errors.ts';
import { isCalendarDate, isUuid, normalizeInstant } from '../filter/filter-values.ts';
import { linearRegExpEngine } from './linear-regexp.ts';

/**
 * ajv-formats' `uuid` also takes a URN (`urn:uuid:…`), which PostgreSQL's uuid type does not: a
 * lookup written so was stored, and every read that expanded or joined it answered 500. An id is
 * the 8-4-4-4-12 hex form only.
 */
const uuidFormat = isUuid;

/**
 * ajv-formats' `date-time` and `date` take any four-digit year, 0000 too, and a leap second
 * (23:59:60): JavaScript and PostgreSQL read neither, so a sweep's or a run's `asOf` of
 * 0000-01-01T00:00:00Z answered 500. Both formats here also need years 1 to 9999 (in UTC, for
 * a date-time with an offset), the range every stored date and instant has.
 */
const rfc3339DateTime = fullFormats['date-time'] as { validate: (text: string) => boolean };
const dateTimeFormat = (text: string) => rfc3339DateTime.validate(text) && normalizeInstant(text.toUpperCase()) !== undefined;
const dateFormat = isCalendarDate;

function addShoalFormats(ajv: Ajv | Ajv2020): void {
  (addFormats as unknown as (a: Ajv | Ajv2020) => void)(ajv);
  ajv.addFormat('uuid', uuidFormat);
  ajv.addFormat('date-time', dateTimeFormat);
  ajv.addFormat('date', dateFormat);
}

/**
 * Every `pattern` keyword runs on RE2 (linear-time), not on JavaScript's backtracking engine:
 * records' schemas carry their tenant's text patterns (linear-regexp).
 */
const code = { regExp: linearRegExpEngine };

/**
 * The one place ajv enters the kernel. Everything validated against a JSON Schema — request
 * envelopes, metadata documents, records — gets its Ajv from here.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, code, ...options });
  addShoalFormats(ajv);
  return ajv;
}

/**
 * An Ajv for JSON Schema 2020-12, the dialect of OpenAPI 3.1 (`prefixItems`, `$ref` beside other
 * keywords): what checks answers against a tenant's OpenAPI document.
 */
export function createAjv2020(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code, ...options });
  addShoalFormats(ajv);
  return ajv;
}

export type { ValidateFunction, ErrorObject };

/** ajv's errors as the problem list every API answers with. */
export function toProblemItems(errors: ErrorObject[] | null | undefined): ProblemItem[] {
  return (errors ?? []).map((e) => {
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path: `${e.instancePath}/${escapePointer(missing)}`, message: 'is required' };
    }
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: `${e.instancePath}/${escapePointer(extra)}`, message: 'is not a known property' };
    }
    if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return { path: e.instancePath || '/', message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
    }
    return { path: e.instancePath || '/', message: e.message ?? 'is invalid' };
  });
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Request envelopes carry only the server's own patterns (role keys, slugs), never a tenant's:
// JavaScript's engine matches them, so no request body pays for RE2 (`code: {}` is ajv's default).
const envelopeAjv = createAjv({ removeAdditional: false, useDefaults: true, coerceTypes: false, code: {} });

/**
 * Compiles a request-body schema into a parser that returns the typed body or throws a 400
 * listing every problem with its JSON pointer.
 *
 * @example
 * const parseLogin = envelopeParser<{ email: string; password: string }>({ type: 'object', … });
 * const { email } = parseLogin(await c.req.json());
 */
export function envelopeParser<T>(schema: object, detail = 'The request body is not valid'): (value: unknown) => T {
  const validate = envelopeAjv.compile(schema);
  return (value: unknown) => {
    if (!validate(value)) {
      throw new ShoalError('bad_request', detail, { errors: toProblemItems(validate.errors) });
    }
    return value as T;
  };
}

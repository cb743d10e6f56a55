import type { Context } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { normalizeInstant } from '../../../platform/filter/filter-values.ts';
import type { AppEnv } from './app-env.ts';
import { noTrustedProxies, resolveClientAddress } from './client-address.ts';

const jsonType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body: 415 for another content type, 400 for malformed JSON or an
 * empty body where one is needed. (The size limit is enforced by the body-limit middleware.)
 */
export async function readJson(c: Context, options: { optional?: boolean } = {}): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (text.trim() === '') {
    if (options.optional) return {};
    throw new ShoalError('bad_request', 'The request needs a JSON body');
  }
  if (!jsonType.test(type)) {
    throw new ShoalError('unsupported_media_type', 'Send the body as application/json');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ShoalError('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  // JSON can only carry a NUL or an unpaired surrogate as an escape (\u0000, \ud800…\udfff; a
  // raw NUL is a syntax error and raw surrogates are not UTF-8): without such text in the body
  // there is nothing to look for.
  if (!/\\u(?:0000|d[89a-f])/i.test(text)) return parsed;
  throwIfUnstorable(parsed, '');
  return parsed;
}

/**
 * The JSON pointer of the first string or key PostgreSQL cannot store, and why, or undefined:
 * a NUL character (neither text nor jsonb can hold one) or an unpaired UTF-16 surrogate (not
 * Unicode: jsonb refuses it, and it cannot be written as UTF-8). Such a value can never be valid.
 */
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unstorablePointer(value: unknown, pointer: string): { at: string; nul: boolean } | undefined {
  const bad = (text: string) => (text.includes('\u0000') ? { nul: true } : unpairedSurrogate.test(text) ? { nul: false } : undefined);
  const stack: Array<[unknown, string]> = [[value, pointer]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      const found = bad(v);
      if (found) return { at, ...found };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${at}/${i}`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const keyAt = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const found = bad(key);
        if (found) return { at: keyAt, ...found };
        stack.push([item, keyAt]);
      }
    }
  }
  return undefined;
}

function throwIfUnstorable(value: unknown, pointer: string): void {
  const found = unstorablePointer(value, pointer);
  if (!found) return;
  if (found.nul) throw nulProblem(found.at);
  throw new ShoalError('bad_request', 'Text must be valid Unicode (it holds an unpaired surrogate escape such as \\ud800)', { errors: [{ path: found.at || '/', message: 'contains an unpaired surrogate' }] });
}

function nulProblem(at: string): ShoalError {
  return new ShoalError('bad_request', 'Text must not contain NUL characters (\\u0000)', { errors: [{ path: at || '/', message: 'contains a NUL character' }] });
}

/**
 * Reads query parameters, refusing unknown ones (a misspelt `limt` must not silently return
 * the default page) and repeated ones.
 */
export function readQuery<K extends string>(c: Context, allowed: readonly K[]): Partial<Record<K, string>> {
  const url = new URL(c.req.url);
  const result: Partial<Record<K, string>> = {};
  for (const [key, value] of url.searchParams) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new ShoalError('unknown_parameter', `Unknown query parameter "${key}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, {
        errors: [{ path: `?${key}`, message: 'is not a parameter of this endpoint' }],
      });
    }
    if (Object.hasOwn(result, key)) {
      throw new ShoalError('bad_request', `Query parameter "${key}" is given more than once`, { errors: [{ path: `?${key}`, message: 'is repeated' }] });
    }
    if (value.includes('\u0000')) throw nulProblem(`?${key}`);
    result[key as K] = value;
  }
  return result;
}

/**
 * A 400 for a query parameter's value, pointing at it (`?name`) as every parameter problem does.
 *
 * @example
 * throw parameterError('state', 'must be open, done, skipped or all'); // detail "state must be …"
 */
export function parameterError(name: string, message: string): ShoalError {
  return new ShoalError('bad_request', `${name} ${message}`, { errors: [{ path: `?${name}`, message }] });
}

/**
 * A 400 for a request header's value, pointing at it as `header:Name` (`?name` is a query
 * parameter, `/…` a pointer into the body).
 *
 * @example
 * throw headerError('If-Match', 'must be * or entity tags such as "3"'); // errors [{ path: 'header:If-Match', … }]
 */
export function headerError(name: string, message: string, detail = `${name} ${message}`): ShoalError {
  return new ShoalError('bad_request', detail, { errors: [{ path: `header:${name}`, message }] });
}

/** The longest `Idempotency-Key` kept. */
export const maxIdempotencyKey = 200;

/** The `Idempotency-Key` of a create or bulk call (none when absent or empty), or a 400 naming the header. */
export function idempotencyKey(c: Context): { idempotencyKey?: string } {
  const key = c.req.header('idempotency-key');
  if (!key) return {};
  if (key.length > maxIdempotencyKey) throw headerError('Idempotency-Key', `must be at most ${maxIdempotencyKey} characters`);
  return { idempotencyKey: key };
}

/** Parses an integer query parameter within bounds, or throws a 400 naming it. */
export function intParam(name: string, value: string | undefined, bounds: { min: number; max: number; fallback: number }): number {
  if (value === undefined) return bounds.fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw parameterError(name, 'must be an integer');
  const n = Number(value);
  if (n < bounds.min || n > bounds.max) throw parameterError(name, `must be between ${bounds.min} and ${bounds.max}`);
  return n;
}

export function boolParam(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw parameterError(name, 'must be true or false');
}

/**
 * An ISO 8601 date or date-time query parameter (a date is its UTC midnight), or a 400 naming
 * it. Years 1 to 9999 only: JavaScript reads +275760-09-13 and 99999 as dates that PostgreSQL
 * (or PGlite) cannot take, which answered 500.
 */
export function dateTimeParam(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = normalizeInstant(value);
  if (!instant) throw parameterError(name, 'must be an ISO 8601 date or date-time (years 1 to 9999)');
  return new Date(instant);
}

/** A query parameter that must be one of `values`, or undefined when not given. */
export function oneOfParam<V extends string>(name: string, value: string | undefined, values: readonly V[]): V | undefined {
  if (value === undefined || (values as readonly string[]).includes(value)) return value as V | undefined;
  throw parameterError(name, `must be ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
}

/**
 * The address of the client behind a request: the socket's peer, or the client a trusted proxy
 * forwarded it for (`SHOAL_TRUSTED_PROXIES`, read as `resolveClientAddress` says).
 */
export function clientAddress(c: Context<AppEnv>): string {
  return resolveClientAddress(socketPeer(c), c.req.header('x-forwarded-for'), c.get('trustedProxies') ?? noTrustedProxies);
}

/**
 * Whether the client reached Shoal over HTTPS: the request's own scheme, or, from a trusted proxy
 * that ended TLS (`SHOAL_TRUSTED_PROXIES`), its `X-Forwarded-Proto` (the first hop's, which is the
 * client's). The session cookie is marked `Secure` on that.
 */
export function clientUsesHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const forwarded = c.req.header('x-forwarded-proto');
  const trusted = c.get('trustedProxies') ?? noTrustedProxies;
  return forwarded !== undefined && trusted.includes(socketPeer(c)) && forwarded.split(',')[0]!.trim().toLowerCase() === 'https';
}

function socketPeer(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Parses a URL-encoded JSON query parameter (`where=…`), or throws a 400 naming it; `parse`
 * checks its shape, its problems pointing into the parameter (`?migrations/0/op`).
 */
export function jsonParam(name: string, value: string): unknown;
export function jsonParam<T>(name: string, value: string, parse: (value: unknown) => T): T;
export function jsonParam(name: string, value: string, parse?: (value: unknown) => unknown): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ShoalError('bad_request', `${name} is not valid JSON: ${(error as Error).message}`, { errors: [{ path: `?${name}`, message: 'is not valid JSON' }] });
  }
  throwIfUnstorable(parsed, `?${name}`);
  if (!parse) return parsed;
  try {
    return parse(parsed);
  } catch (error) {
    if (!(error instanceof ShoalError) || !error.errors) throw error;
    const errors = error.errors.map((item) => ({ ...item, path: `?${name}${item.path === '/' ? '' : item.path}` }));
    throw new ShoalError(error.code, error.message, { errors, ...(error.extra ? { extra: error.extra } : {}) });
  }
}

/**
 * Points a refused cursor at what carried it: the kernel decodes cursors without knowing whether
 * the query string (`?cursor`) or a query body (`/cursor`) sent one, and says only `invalid_cursor`.
 */
export function withCursorPointer(error: unknown, url: string): unknown {
  if (!(error instanceof ShoalError) || error.code !== 'invalid_cursor' || error.errors) return error;
  const path = new URL(url).searchParams.has('cursor') ? '?cursor' : '/cursor';
  return new ShoalError('invalid_cursor', error.message, { errors: [{ path, message: 'is not a cursor of this list' }], ...(error.extra ? { extra: error.extra } : {}) });
}

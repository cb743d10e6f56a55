import type { Context } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';

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
  // JSON can only carry a NUL as the escape \u0000 (a raw one is a syntax error): without that
  // text in the body there is nothing to look for.
  if (!/\\u0000/i.test(text)) return parsed;
  const at = nulPointer(parsed, '');
  if (at !== undefined) throw nulProblem(at);
  return parsed;
}

/**
 * The JSON pointer of the first string or key holding a NUL character (PostgreSQL can store
 * NUL in neither text nor jsonb, so such a value can never be valid), or undefined.
 */
export function nulPointer(value: unknown, pointer: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, pointer]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${at}/${i}`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const keyAt = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key.includes('\u0000')) return keyAt;
        stack.push([item, keyAt]);
      }
    }
  }
  return undefined;
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

/** Parses an integer query parameter within bounds, or throws a 400 naming it. */
export function intParam(name: string, value: string | undefined, bounds: { min: number; max: number; fallback: number }): number {
  if (value === undefined) return bounds.fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw new ShoalError('bad_request', `${name} must be an integer`, { errors: [{ path: `?${name}`, message: 'must be an integer' }] });
  const n = Number(value);
  if (n < bounds.min || n > bounds.max) {
    throw new ShoalError('bad_request', `${name} must be between ${bounds.min} and ${bounds.max}`, { errors: [{ path: `?${name}`, message: `must be between ${bounds.min} and ${bounds.max}` }] });
  }
  return n;
}

export function boolParam(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ShoalError('bad_request', `${name} must be true or false`, { errors: [{ path: `?${name}`, message: 'must be true or false' }] });
}

export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Parses a URL-encoded JSON query parameter (`where=…`), or throws a 400 naming it. */
export function jsonParam(name: string, value: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ShoalError('bad_request', `${name} is not valid JSON: ${(error as Error).message}`, { errors: [{ path: `?${name}`, message: 'is not valid JSON' }] });
  }
  const at = nulPointer(parsed, `?${name}`);
  if (at !== undefined) throw nulProblem(at);
  return parsed;
}

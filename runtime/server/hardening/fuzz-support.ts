import fc from 'fast-check';
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from '../../testing/test-server.ts';

/**
 * Shared pieces of the hardening fuzz suites: how many inputs to try, the property every
 * answer must have (2xx, or a 4xx problem with a `code`; never a 5xx), and a tally of the
 * inputs tried per family that the suites print at the end.
 *
 * `SHOAL_FUZZ_RUNS=5000 npx vitest run runtime/server/hardening` runs the long variant.
 */
export function fuzzRuns(fast: number): number {
  const env = Number(process.env.SHOAL_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : fast;
}

/** A seed from `SHOAL_FUZZ_SEED` to replay a failure; fast-check prints it when a run fails. */
export function fuzzParameters(fast: number): fc.Parameters<unknown> {
  const seed = Number(process.env.SHOAL_FUZZ_SEED);
  return { numRuns: fuzzRuns(fast), ...(Number.isInteger(seed) ? { seed } : {}), endOnFailure: true };
}

export class FuzzTally {
  readonly counts = new Map<string, { inputs: number; byStatus: Map<number, number> }>();

  record(family: string, status: number): void {
    let entry = this.counts.get(family);
    if (!entry) this.counts.set(family, (entry = { inputs: 0, byStatus: new Map() }));
    entry.inputs++;
    entry.byStatus.set(status, (entry.byStatus.get(status) ?? 0) + 1);
  }

  inputs(family: string): number {
    return this.counts.get(family)?.inputs ?? 0;
  }

  /** One line per family: inputs tried and how the answers were distributed by status. */
  report(title: string): string {
    const lines = [...this.counts].map(([family, { inputs, byStatus }]) => {
      const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
      return `  ${family.padEnd(28)} ${String(inputs).padStart(6)} inputs  (${statuses})`;
    });
    return [`[fuzz] ${title}`, ...lines].join('\n');
  }
}

/**
 * The property: a 2xx answer, or a 4xx `application/problem+json` body with a string `code`
 * and the matching `status`. Anything else (5xx, a 4xx without a problem body, a 3xx) fails
 * with the request that caused it.
 */
export function expectWellFormedAnswer(res: ApiResponse, what: string): void {
  const context = `${what}\n→ ${res.status} ${res.text.slice(0, 500)}`;
  if (res.status >= 200 && res.status < 300) return;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get('content-type') ?? '', context).toMatch(/^application\/problem\+json/);
  expect(typeof res.body === 'object' && res.body !== null, context).toBe(true);
  expect(typeof res.body.code, context).toBe('string');
  expect(res.body.status, context).toBe(res.status);
  // No database error text ever reaches a client.
  expect(res.text, context).not.toMatch(sqlErrorText);
}

/** Phrases of PostgreSQL/driver error messages that must never reach a client. */
export const sqlErrorText = /syntax error at or near|invalid input syntax for|violates (?:unique|foreign key|check|not-null) constraint|relation "[a-z_]+" does not exist|column "[^"]*" (?:does not exist|of relation)|SQLSTATE|at character \d+|unterminated quoted|kysely|node_modules|\.ts:\d+/i;

export async function expectHealthy(api: ApiClient): Promise<void> {
  const health = await api.get('/healthz');
  expect(health.status).toBe(200);
  expect(health.body).toEqual({ status: 'ok' });
}

/** JSON values of every shape, including ones that tend to break code: huge, odd, hostile. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '', ' ', "'", '"', '\\', '%', '_', "'; DROP TABLE records; --", '" OR 1=1 --', '1); SELECT pg_sleep(1); --', '$1', '::text',
    '\u0000', 'a\u0000b', '\uD800', '\uFFFF', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}',
    '__proto__', 'constructor', 'prototype', 'now', 'now-15d', 'now+2h', 'today', 'startOfMonth', 'now-99999999999d', 'now+1x',
    'now-0d', '2026-02-30', '2026-13-01T00:00:00Z', '2026-01-01T25:61:61Z', '9999-12-31T23:59:59Z', '0000-01-01', '-infinity', 'infinity',
    'NaN', '1e309', '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '$user.id', '$user.roles', '$user.attributes.team',
    '$user.attributes.__proto__', '$user.password', '$user', 'x'.repeat(3000), 'é'.repeat(500), '\u202E\u2066', 'true', 'null', '[]', '{}',
  ),
);

export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e21, -1e21, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53, -(2 ** 63), 2 ** 64, 100, 101, 1.005, 12.345),
);

export const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', '$eq', '$in', 'a.b')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * Builds a query string the way a browser would (every value URL-encoded; a lone surrogate,
 * which cannot travel in a URL, becomes U+FFFD as browsers do).
 */
export function queryString(params: Array<[string, string]>): string {
  if (params.length === 0) return '';
  const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
  return `?${params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

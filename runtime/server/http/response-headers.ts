import type { ServerResponse } from 'node:http';
import type { Context, Next } from 'hono';

/**
 * The security headers of every answer: a CSP without inline or eval'd scripts that no page
 * can be framed under (`style-src 'unsafe-inline'` because antd and Monaco inject styles), and
 * the rest of the set hono's `secureHeaders` sends by default, without COEP (the docs page loads
 * its worker from a blob).
 */
const securityHeaders: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
    "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
  ].join('; ')],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  // The same as frame-ancestors 'none', for browsers that only know the older header.
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/** What every JSON answer says it is (problems say `application/problem+json; charset=utf-8`). */
export const jsonContentType = 'application/json; charset=utf-8';

/**
 * Makes `c.json` declare UTF-8, as the contract says: hono's says only `application/json`, and a
 * client that decodes by the declared charset (or guesses Latin-1 without one) garbles the
 * Chinese text records carry. Passed as the route's own header, it keeps hono's fast path.
 */
function declareUtf8Json(c: Context): void {
  type Respond = (object: unknown, arg?: unknown, headers?: Record<string, string>) => Response;
  const json = c.json as Respond;
  const utf8: Respond = (object, arg, headers) => json(object, arg, { 'Content-Type': jsonContentType, ...headers });
  c.json = utf8 as Context['json'];
}

/**
 * Sets the headers every answer carries (security headers, `x-request-id`, `Cache-Control:
 * no-store` on API answers: they carry tokens and tenant data, so no shared or browser cache may
 * keep them unless a route chose its own policy, and the charset of JSON), then runs the request.
 *
 * Under @hono/node-server they go on the Node response before the handler runs: Node merges
 * them into the head hono writes, and a header the route sets itself wins. That costs a few
 * property writes, where setting them on hono's response afterwards makes it build a full
 * fetch `Response` and `Headers` per request. Without a Node response (`app.request` in a
 * test), they are set on hono's response after the handler.
 */
export async function setResponseHeaders(c: Context, requestId: string, next: Next): Promise<void> {
  const api = c.req.path.startsWith('/api/');
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  declareUtf8Json(c);
  if (outgoing && typeof outgoing.setHeader === 'function') {
    for (const [name, value] of securityHeaders) outgoing.setHeader(name, value);
    outgoing.setHeader('x-request-id', requestId);
    if (api) outgoing.setHeader('cache-control', 'no-store');
    await next();
    return;
  }
  await next();
  const headers = c.res.headers;
  for (const [name, value] of securityHeaders) headers.set(name, value);
  headers.set('x-request-id', requestId);
  if (api && !headers.has('cache-control')) headers.set('cache-control', 'no-store');
}

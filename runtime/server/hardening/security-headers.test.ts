import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';

/**
 * Security headers of the web apps (`/app`, `/studio`), the API reference (`/api/t/{t}/docs`)
 * and the JSON API: a CSP without inline or eval'd scripts that no page can be framed under,
 * nosniff, a referrer policy, and `Cache-Control: no-store` on every API answer that carries a
 * token or tenant data.
 */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!.toLowerCase(), values];
  }));
}

describe('security headers and CSP [pglite]', () => {
  let ctx: TestContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenantWith(testDocument());
  });
  afterAll(async () => {
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  function expectPageHeaders(headers: Headers, what: string): void {
    const csp = headers.get('content-security-policy');
    expect(csp, what).toBeTruthy();
    const d = directives(csp!);
    expect(d.get('default-src'), what).toEqual(["'self'"]);
    const scripts = d.get('script-src') ?? d.get('default-src')!;
    // No inline scripts, no eval, no third-party script hosts.
    expect(scripts, what).not.toContain("'unsafe-inline'");
    expect(scripts, what).not.toContain("'unsafe-eval'");
    expect(scripts.every((s) => s === "'self'" || s.startsWith("'nonce-") || s.startsWith("'sha")), `${what}: ${scripts}`).toBe(true);
    expect(d.get('object-src'), what).toEqual(["'none'"]);
    expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
    expect(d.get('base-uri'), what).toEqual(["'self'"]);
    expect(d.get('form-action'), what).toEqual(["'self'"]);
    expect(d.get('connect-src'), what).toEqual(["'self'"]);
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('x-frame-options'), what).toBe('DENY');
    expect(['no-referrer', 'same-origin', 'strict-origin-when-cross-origin', 'strict-origin'], what).toContain(headers.get('referrer-policy'));
    expect(headers.get('permissions-policy'), what).toContain('camera=()');
    expect(headers.get('x-powered-by'), what).toBeNull();
  }

  it('the app, the studio and the API reference send a strict CSP and the other security headers', async () => {
    const pages = [
      '/app/', `/app/${tenant.slug}/o/lead`, '/studio/', `/studio/${tenant.slug}/code`, `/api/t/${tenant.slug}/docs`, '/api/docs',
    ];
    for (const page of pages) {
      const res = await fetch(`${ctx.server.url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/^text\/html/);
      expectPageHeaders(res.headers, page);
      const html = await res.text();
      // Every script is an external file from this origin: nothing a CSP without 'unsafe-inline' would block.
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs!) || body!.trim() !== '');
      expect(inline.map(([tag]) => tag.slice(0, 80)), page).toEqual([]);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
      for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)) expect(src, page).toMatch(/^\//);
    }
    // Static assets too (a script served as text/html would be sniffed without nosniff).
    const index = await (await fetch(`${ctx.server.url}/app/`)).text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const asset = await fetch(`${ctx.server.url}${script}`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('API answers are never cached: login, authenticated JSON, problems and CSV exports are no-store', async () => {
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    await tenant.admin.post(p('/records/hotel'), { name: 'Cached?' });
    const login = await ctx.api.post(p('/auth/login'), { email: tenant.adminEmail, password: tenant.adminPassword });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const authenticated = ['/me', '/records/hotel', '/meta', '/objects', '/users', '/api-keys', '/records/hotel/export.csv', '/notifications'];
    for (const path of authenticated) {
      const res = await tenant.admin.get(p(path));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const problem = await ctx.api.get(p('/records/hotel'));
    expect(problem.status).toBe(401);
    expect(problem.headers.get('cache-control')).toBe('no-store');
    expect((await ctx.api.get('/api/tenants', { token: ctx.operatorToken })).headers.get('cache-control')).toBe('no-store');
    // The tenant's OpenAPI document may be revalidated, but never stored by a shared cache.
    const openapi = await tenant.admin.get(p('/openapi.json'));
    expect(openapi.headers.get('cache-control')).toMatch(/private|no-store/);
  });

  it('a route’s own caching policy wins over the default, and its answer still carries the security headers', async () => {
    const docs = await (await fetch(`${ctx.server.url}/api/t/${tenant.slug}/docs`)).text();
    const docsAsset = /\/docs\/assets\/[^"']+/.exec(docs)?.[0];
    expect(docsAsset).toBeTruthy();
    const script = await fetch(`${ctx.server.url}/api/t/${tenant.slug}${docsAsset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const app = await (await fetch(`${ctx.server.url}/app/`)).text();
    const appAsset = /\/app\/assets\/[^"']+\.js/.exec(app)?.[0];
    expect(appAsset).toBeTruthy();
    const bundle = await fetch(`${ctx.server.url}${appAsset}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(bundle.headers.get('x-frame-options')).toBe('DENY');
    expect(bundle.headers.get('x-request-id')).toBeTruthy();
  });

  it('the session cookie is HttpOnly, SameSite and scoped to its tenant', async () => {
    const res = await fetch(`${ctx.server.url}/api/t/${tenant.slug}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: tenant.adminEmail, password: tenant.adminPassword }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^shoal_session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(cookie).toContain(`Path=/api/t/${tenant.slug}`);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operatorDocsBase } from './operator-openapi.ts';

/** A static file of the reference page, as served. */
export interface DocsAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const swaggerDist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ownAssets = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/** The files the page may load, by name: Swagger UI's from its package, the page's own. */
const assetFiles: Record<string, { path: string; contentType: string }> = {
  'swagger-ui-bundle.js': { path: join(swaggerDist, 'swagger-ui-bundle.js'), contentType: 'text/javascript; charset=utf-8' },
  'swagger-ui.css': { path: join(swaggerDist, 'swagger-ui.css'), contentType: 'text/css; charset=utf-8' },
  'favicon-32x32.png': { path: join(swaggerDist, 'favicon-32x32.png'), contentType: 'image/png' },
  'favicon-16x16.png': { path: join(swaggerDist, 'favicon-16x16.png'), contentType: 'image/png' },
  'docs.js': { path: join(ownAssets, 'docs.js'), contentType: 'text/javascript; charset=utf-8' },
  'docs.css': { path: join(ownAssets, 'docs.css'), contentType: 'text/css; charset=utf-8' },
};

const loaded = new Map<string, DocsAsset>();

/** A named asset of the page (read once, then kept in memory), or undefined for any other name. */
export function docsAsset(name: string): DocsAsset | undefined {
  const file = Object.hasOwn(assetFiles, name) ? assetFiles[name] : undefined;
  if (!file) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    asset = { body: new Uint8Array(readFileSync(file.path)), contentType: file.contentType };
    loaded.set(name, asset);
  }
  return asset;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The HTML of the interactive API reference of a tenant. It has no inline script (the CSP
 * allows `script-src 'self'` only): `docs.js` reads the API base from a data attribute, loads
 * `openapi.json` with the session cookie and shows a sign-in form when that answers 401.
 */
export function docsPageHtml(options: { tenantSlug: string; tenantName: string }): string {
  const name = escapeHtml(options.tenantName);
  return pageHtml(`/api/t/${options.tenantSlug}`, `${name} — API reference`, `
  <header id="session-bar" hidden>
    <span>${name} API · signed in as <span id="session-user"></span></span>
    <a href="${operatorDocsBase}/docs">Platform operator API</a>
    <button type="button" id="sign-out">Sign out</button>
  </header>
  <main id="sign-in" hidden>
    <form id="sign-in-form">
      <h1>${name} — API reference</h1>
      <p>Sign in to read this tenant's API.</p>
      <label>E-mail <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>
    <p id="sign-in-message" role="alert"></p>
    <p><a href="${operatorDocsBase}/docs">The platform operator's API (tenants, health)</a></p>
  </main>`, '');
}

/**
 * The reference of the platform operator's API: its document is public, so the page shows it at
 * once; Swagger UI's Authorize button takes the operator token for calls tried from the page.
 */
export function operatorDocsPageHtml(): string {
  return pageHtml(operatorDocsBase, 'Shoal platform operator — API reference', `
  <main id="sign-in" hidden>
    <p id="sign-in-message" role="alert"></p>
  </main>`, ' data-operator');
}

function pageHtml(base: string, title: string, chrome: string, rootAttributes: string): string {
  const asset = (name: string) => `${base}/docs/assets/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="${asset('swagger-ui.css')}">
  <link rel="stylesheet" href="${asset('docs.css')}">
  <link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}" sizes="32x32">
  <link rel="icon" type="image/png" href="${asset('favicon-16x16.png')}" sizes="16x16">
</head>
<body>${chrome}
  <div id="swagger-ui" data-api-base="${escapeHtml(base)}"${rootAttributes}></div>
  <script src="${asset('swagger-ui-bundle.js')}"></script>
  <script src="${asset('docs.js')}"></script>
</body>
</html>
`;
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './http/app-env.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

const apps = [
  { path: '/app', dist: 'runtime/web/dist' },
  { path: '/studio', dist: 'studio/dist' },
];

/**
 * Serves the built web apps. Hashed assets are cached for a year; every other path under an
 * app answers with its `index.html` (client-side routing).
 */
export function webAppRoutes(): Hono<AppEnv> {
  const web = new Hono<AppEnv>();
  web.get('/', (c) => c.redirect('/app/'));
  for (const { path, dist } of apps) {
    const dir = `${root}${dist}`;
    web.get(path, (c) => c.redirect(`${path}/`));
    web.use(`${path}/assets/*`, async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    if (existsSync(dir)) web.use(`${path}/*`, serveStatic({ root: dir, rewriteRequestPath: (p) => p.slice(path.length) }));
    web.get(`${path}/*`, (c) => {
      const index = `${dir}/index.html`;
      if (!existsSync(index)) return c.text(`The ${path} app is not built; run npm install (postinstall builds it).`, 503);
      c.header('cache-control', 'no-cache');
      return c.html(readFileSync(index, 'utf8'));
    });
  }
  return web;
}

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const distDir = join(process.cwd(), 'runtime/web/dist');

/** Builds the app once when `dist/` is missing (the other web apps' builds do not matter here). */
export function ensureAppBuilt(): void {
  const index = join(distDir, 'index.html');
  if (existsSync(index)) return;
  spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  if (!existsSync(index)) throw new Error('runtime/web/dist/index.html is missing after node scripts/build-web.mjs');
}

/** The JavaScript `index.html` loads at first paint: its module script and every modulepreload, gzip-sized. */
export function initialJavaScript(): Array<{ file: string; bytes: number; gzip: number }> {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/app\/([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(files)].map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}

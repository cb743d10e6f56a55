// Builds the web apps (run by postinstall, so `npm ci && npm start` serves them).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const apps = ['runtime/web/vite.config.ts', 'studio/vite.config.ts'];
for (const config of apps) {
  if (!existsSync(config)) continue;
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', config, '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`built ${config.split('/vite.config')[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

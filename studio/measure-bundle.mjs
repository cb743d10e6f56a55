// Gzip size of the JavaScript the studio's index.html loads at first paint (entry script plus
// modulepreloads), i.e. before any lazily loaded screen or the code editor.
// Usage: node studio/measure-bundle.mjs (after `node scripts/build-web.mjs`).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));
const html = readFileSync(`${dist}index.html`, 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/studio\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(dist + file);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`${file.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(zipped / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`initial JS: ${files.length} files, ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (budget 500 KB gzip)`);
if (gzip > 500 * 1024) process.exitCode = 1;

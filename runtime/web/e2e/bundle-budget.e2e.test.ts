import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt, initialJavaScript } from './app-build.ts';

describe('the app’s first load', () => {
  beforeAll(() => ensureAppBuilt());

  it('stays within 300 KB of gzipped JavaScript (quality.md), everything else split into routes', () => {
    const files = initialJavaScript();
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    console.log(`initial JS: ${files.length} files, ${(total / 1024).toFixed(1)} KB gzip`, files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB`));
    expect(files.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(300 * 1024);
    // Screens with heavy dependencies must not be on the first load.
    expect(files.some((f) => /dashboards|record-form|kanban|record-page/.test(f.file))).toBe(false);
  });
});

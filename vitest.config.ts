import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{platform,runtime,studio,tenants,bench}/**/*.test.{ts,tsx}'],
    globalSetup: ['platform/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps the modules it loaded for the next file instead of loading them again for
    // each (a third of a small file's time): every file starts its own servers and databases and
    // stops them after, and none mocks a module or changes the environment.
    isolate: false,
    reporters: ['default'],
    // A browser test polls for what the user would see after a server round trip; on a loaded
    // CI machine that takes longer than vitest's 1 s default, which failed a run with nothing wrong.
    expect: { poll: { timeout: 10_000 } },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{platform,runtime,studio,tenants,bench}/**/*.test.{ts,tsx}'],
    globalSetup: ['platform/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

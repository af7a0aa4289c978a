import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A fresh embedded store takes ~5 s to create; real-Postgres suites create a database each.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

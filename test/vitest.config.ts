import { testConfig } from '@tradeoff/vitest-config';

// Integration and browser tests start real processes (CLI, workers, the platform) that train on
// real data; on 2 cores they run one file at a time so their timings stay predictable.
export default testConfig({
  test: {
    include: ['integration/**/*.test.ts', 'e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
  },
});

// Plain JavaScript: vitest loads config imports from packages without compiling them.
import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * The workspace's vitest settings. Suites train on real data and open real stores on a 2-core
 * machine, so vitest's 5 s default time-outs would fail healthy tests; these are generous limits,
 * not speed checks (speed is measured in test/bench).
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 * @returns {import('vitest/config').ViteUserConfig}
 */
export function testConfig(overrides = {}) {
  return mergeConfig(defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } }), overrides);
}

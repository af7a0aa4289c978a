import { defineConfig } from 'vitest/config';

// Each suite opens real stores (a new embedded PGlite takes ~7 s to initialise on 2 cores).
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 90_000 },
});

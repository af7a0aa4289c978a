import { defineConfig } from 'tsup';

/**
 * The published form of @tradeoff/core: ES modules with type declarations in dist/. The workspace
 * imports the TypeScript source; `pnpm pack` builds this first (prepack) and its publishConfig
 * points the tarball's exports here. TensorFlow.js stays a dependency, not bundled.
 */
export default defineConfig({
  entry: { index: 'src/index.ts', pure: 'src/pure.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
});

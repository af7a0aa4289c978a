import { defineConfig } from 'tsup';

/**
 * The published form of a library package: ES modules with type declarations in dist/. The
 * workspace imports the TypeScript source; `pnpm pack` builds this first (prepack) and the
 * package's publishConfig points the tarball's exports here. Dependencies stay external.
 */
export function publishedPackage(entry) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    clean: true,
    sourcemap: false,
    splitting: true,
  });
}

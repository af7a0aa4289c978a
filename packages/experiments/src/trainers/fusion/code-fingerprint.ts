import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose code decides what a trained predictor is: features, model, trainer. */
const PACKAGES = ['@tradeoff/core', '@tradeoff/data'];
const SOURCE = /\.(ts|js)$/;
const TEST = /\.test\.(ts|js)$/;

let fingerprint: string | undefined;

/**
 * A hash of the source of the packages that build and train predictors (this one included), so
 * a cached predictor is reused only by the code that trained it; an edit to a model, featurizer or
 * trainer retrains instead of silently reusing a stale predictor. Read once per process.
 */
export function predictorCodeFingerprint(): string {
  const require = createRequire(import.meta.url);
  fingerprint ??= hashSources([fileURLToPath(new URL('../..', import.meta.url)), ...PACKAGES.map((name) => dirname(require.resolve(name)))]);
  return fingerprint;
}

/** A hash of every non-test .ts/.js file under the roots: their paths and contents. */
export function hashSources(roots: readonly string[]): string {
  const hash = createHash('sha256');
  for (const root of roots) {
    for (const file of sourceFiles(root)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return SOURCE.test(entry.name) && !TEST.test(entry.name) ? [path] : [];
    })
    .sort();
}

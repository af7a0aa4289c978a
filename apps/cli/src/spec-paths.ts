import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

import type { DataSource, Spec } from '@tradeoff/experiments';

/**
 * A relative path naming a file here becomes absolute; `data:` paths (resolved against the data
 * root wherever the spec runs), absolute paths and non-file sources (`synthetic`) stay as they are.
 */
function absolutePath(path: string): string {
  if (path.startsWith('data:') || isAbsolute(path) || !existsSync(path)) return path;
  return resolve(path);
}

function absoluteSource(source: DataSource): DataSource {
  return typeof source === 'string' ? absolutePath(source) : { ...source, path: absolutePath(source.path) };
}

/**
 * The spec with its relative file paths resolved against this process's working directory, for a
 * spec that will run elsewhere (a worker with another working directory).
 */
export function absoluteDataPaths(spec: Spec): Spec {
  const { dataset } = spec;
  return {
    ...spec,
    dataset: {
      ...dataset,
      train: absoluteSource(dataset.train),
      test: absoluteSource(dataset.test),
      ...(dataset.valid ? { valid: absoluteSource(dataset.valid) } : {}),
      ...(dataset.tables
        ? { tables: Object.fromEntries(Object.entries(dataset.tables).map(([name, path]) => [name, absolutePath(path)])) }
        : {}),
    },
  };
}

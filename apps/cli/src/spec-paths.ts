import { isAbsolute, resolve } from 'node:path';

import type { DataSource, Spec } from '@tradeoff/experiments';

/** `data:` paths resolve against the data root wherever the spec runs; other relative paths do not. */
function absolutePath(path: string): string {
  return path.startsWith('data:') || isAbsolute(path) ? path : resolve(path);
}

function absoluteSource<T extends DataSource | undefined>(source: T): T {
  if (source === undefined) return source;
  return (typeof source === 'string' ? absolutePath(source) : { ...source, path: absolutePath(source.path) }) as T;
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
      valid: absoluteSource(dataset.valid),
      test: absoluteSource(dataset.test),
      ...(dataset.tables
        ? { tables: Object.fromEntries(Object.entries(dataset.tables).map(([name, path]) => [name, absolutePath(path)])) }
        : {}),
    },
  };
}

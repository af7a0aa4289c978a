import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Prefix of paths that live under the data root rather than the working directory. */
export const DATA_PREFIX = 'data:';

/** `<repo root>/../shared/data`: where the shared real data sits beside a checkout. */
export function defaultDataRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no data root: set TRADEOFF_DATA_DIR to the folder that holds the data sets (outside a Tradeoff checkout there is no ../shared/data to default to)');
    dir = parent;
  }
  return resolve(dir, '..', 'shared', 'data');
}

/** `data:census-income/x.gz` -> `<dataRoot>/census-income/x.gz`; other relative paths resolve against the cwd. */
export function resolveDataPath(path: string, dataRoot: string): string {
  if (path.startsWith(DATA_PREFIX)) return resolve(dataRoot, path.slice(DATA_PREFIX.length).replace(/^\/+/, ''));
  return isAbsolute(path) ? path : resolve(path);
}

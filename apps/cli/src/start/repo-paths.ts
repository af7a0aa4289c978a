import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest directory above this file with pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
}

export const dashboardDir = () => join(repoRoot(), 'apps', 'dashboard');

/** The CLI's own entry, to start a worker as a child process of `tradeoff start`. */
export const cliBin = () => join(repoRoot(), 'apps', 'cli', 'bin', 'tradeoff.mjs');

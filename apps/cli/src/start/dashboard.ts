import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

import { spawnChild } from './child-process.ts';
import { dashboardDir, repoRoot } from './repo-paths.ts';

/**
 * Makes the dashboard's production build current through turbo: it builds when the build is
 * missing or any of its inputs changed (a build older than the packages it bundles would serve
 * stale schemas), and takes half a second when nothing did.
 */
export async function buildDashboard(): Promise<void> {
  const missing = !existsSync(join(dashboardDir(), '.next', 'BUILD_ID'));
  console.log(missing ? 'building the dashboard (first start)...' : 'checking the dashboard build...');
  const bin = join(repoRoot(), 'node_modules', '.bin');
  const child = spawnChild(join(bin, 'turbo'), ['run', 'build', '--filter=@tradeoff/dashboard', '--output-logs=errors-only'], {
    cwd: repoRoot(),
    // turbo runs the workspace's own pnpm, which is installed there rather than globally.
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
    onLine: (line) => console.log(`[build] ${line}`),
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`dashboard build failed (exit ${code})`);
}

/** `next start` of the built dashboard on `port`, talking to the store at `databaseUrl`. */
export function startDashboard(opts: { port: number; databaseUrl: string }): ChildProcess {
  const dir = dashboardDir();
  const nextBin = createRequire(join(dir, 'package.json')).resolve('next/dist/bin/next');
  return spawnChild(process.execPath, [nextBin, 'start', '--port', String(opts.port)], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, PORT: String(opts.port), NODE_ENV: 'production' },
    onLine: (line) => console.log(`[dashboard] ${line}`),
  });
}

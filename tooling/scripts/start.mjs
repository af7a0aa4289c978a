// `npm start [-- --port N]`: install if needed, then `tradeoff start` (which builds the dashboard
// through turbo's cache and serves it). Stop signals are passed on so nothing outlives npm.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstall, repoRoot } from './ensure-install.mjs';

ensureInstall();
const bin = join(repoRoot, 'node_modules', '.bin');
const platform = spawn(join(bin, 'tsx'), ['apps/cli/src/main.ts', 'start', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => platform.kill(signal));
platform.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

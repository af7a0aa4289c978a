// Installs the workspace on first use and again whenever a manifest or the lockfile changes,
// so `npm start` and `npm test` are the only commands a fresh machine needs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;
const PNPM_VERSION = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).packageManager.split('@')[1];
const stampFile = join(repoRoot, 'node_modules', '.tradeoff-install-stamp');

function manifestFingerprint() {
  const files = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'];
  for (const group of ['packages', 'apps', 'tooling']) {
    for (const name of readdirSync(join(repoRoot, group))) files.push(join(group, name, 'package.json'));
  }
  files.push('test/package.json');
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(repoRoot, file);
    if (existsSync(path)) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex');
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function ensureInstall() {
  const fingerprint = manifestFingerprint();
  const installed = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint;
  if (installed) return;
  console.log(`Installing dependencies with pnpm ${PNPM_VERSION} (first run or changed manifests)...`);
  const status = run('npx', ['-y', `pnpm@${PNPM_VERSION}`, 'install', '--frozen-lockfile']);
  if (status !== 0) {
    console.error('Dependency installation failed; see the pnpm output above.');
    process.exit(status);
  }
  writeFileSync(stampFile, fingerprint);
}

/** Runs a binary installed in the workspace (pnpm, turbo, tsx) and returns its exit code. */
export function runBin(name, args, options = {}) {
  // turbo finds pnpm on PATH, so the workspace's own bin folder goes first.
  const bin = join(repoRoot, 'node_modules', '.bin');
  const env = { ...process.env, ...options.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
  return run(join(bin, name), args, { ...options, env });
}

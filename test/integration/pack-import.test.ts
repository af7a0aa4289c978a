import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { repoRoot } from '../src/paths.ts';

const exec = promisify(execFile);

/**
 * A plain Node program outside the workspace: builds a few hundred rows where click depends on
 * the first numeric feature and the category, trains an MMoE from the installed @tradeoff/core and
 * prints the first and last epoch's mean loss.
 */
const TRAIN_SCRIPT = `
import { initBackend, MMoE, MultiTaskTrainer, Rng } from '@tradeoff/core';

const backend = await initBackend({ force: 'wasm' });
const rows = 400;
const rng = new Rng(7);
const numeric = Float32Array.from({ length: rows * 2 }, () => rng.normal());
const categorical = Int32Array.from({ length: rows }, () => rng.int(4));
const labels = new Float32Array(rows * 2);
for (let i = 0; i < rows; i++) {
  labels[i * 2] = numeric[i * 2] + (categorical[i] - 1.5) > 0 ? 1 : 0;
  labels[i * 2 + 1] = numeric[i * 2 + 1] * 0.5 + categorical[i] * 0.1;
}
const batch = { rows, numeric, categorical, labels, mask: new Float32Array(rows * 2).fill(1) };
const model = MMoE.create({
  input: { numeric: 2, categorical: 1, vocabSize: 4, embeddingDim: 3, stateNumeric: 0, stateCategorical: 0 },
  tasks: [{ name: 'click', type: 'binary' }, { name: 'dwell', type: 'regression' }],
  experts: 3,
  expertUnits: 8,
  towerUnits: 4,
  seed: 1,
});
const trainer = new MultiTaskTrainer(model, { learningRate: 0.02 });
const losses = [];
for (let epoch = 0; epoch < 100; epoch++) losses.push(trainer.trainBatch(batch));
console.log(JSON.stringify({ backend, first: losses[0], last: losses.at(-1) }));
`;

/**
 * @tradeoff/core as a user gets it: \`pnpm pack\` (which builds dist/ first), the tarball installed
 * with npm into a project outside the workspace, and imported from a plain .mjs file.
 */
describe('@tradeoff/core packed and imported from outside the workspace', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs from its tarball, exports built JS with types, and trains an MMoE whose loss falls', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-pack-'));
    const pnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');
    await exec(pnpm, ['pack', '--pack-destination', dir], { cwd: join(repoRoot, 'packages', 'core') });
    const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^tradeoff-core-.*\.tgz$/);

    const project = join(dir, 'project');
    await exec('mkdir', ['-p', project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'uses-tradeoff', private: true, type: 'module' }));
    // The optional native TensorFlow bindings download libtensorflow at install time; wasm needs nothing.
    await exec('npm', ['install', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error', join(dir, tarball!)], { cwd: project });

    const installed = join(project, 'node_modules', '@tradeoff', 'core');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, { default: string; types: string }> };
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(await readdir(installed)).not.toContain('src');
    expect(await readFile(join(installed, 'dist', 'index.d.ts'), 'utf8')).toMatch(/declare class MMoE/);

    await writeFile(join(project, 'train.mjs'), TRAIN_SCRIPT);
    const { stdout } = await exec(process.execPath, ['train.mjs'], { cwd: project });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { backend: string; first: number; last: number };
    expect(result.backend).toBe('wasm');
    expect(result.last).toBeLessThan(result.first * 0.5);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { dataDir, examplesDir, hasCensus, repoRoot } from '../src/paths.ts';

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

/** Runs the Census MMoE example through @tradeoff/experiments, as a user's own program would, and prints its final metrics. */
const EXPERIMENT_SCRIPT = `
import { loadSpecFile, MemoryRunSink, runExperiment } from '@tradeoff/experiments';

const spec = await loadSpecFile(process.argv[2], ['hyper.epochs=1']);
const result = await runExperiment(spec, new MemoryRunSink());
console.log(JSON.stringify(result.final));
`;

/** The library packages, in dependency order. */
const PACKAGES = ['core', 'data', 'experiments'];

/**
 * The packages as a user gets them: \`pnpm pack\` (which builds dist/ first), the tarballs installed
 * with npm into a project outside the workspace, and imported from plain .mjs files.
 */
describe('@tradeoff/core, data and experiments packed and imported from outside the workspace', () => {
  let dir = '';
  let project = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs from their tarballs, exports built JS with types, and trains an MMoE whose loss falls', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-pack-'));
    const pnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');
    for (const name of PACKAGES) await exec(pnpm, ['pack', '--pack-destination', dir], { cwd: join(repoRoot, 'packages', name) });
    const tarballs = (await readdir(dir)).filter((name) => name.endsWith('.tgz')).sort();
    expect(tarballs).toEqual(PACKAGES.map((name) => expect.stringMatching(new RegExp(`^tradeoff-${name}-.*\\.tgz$`))));

    project = join(dir, 'project');
    await exec('mkdir', ['-p', project]);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'uses-tradeoff', private: true, type: 'module' }));
    // The optional native TensorFlow bindings download libtensorflow at install time; wasm needs nothing.
    await exec('npm', ['install', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => join(dir, t))], { cwd: project });

    for (const name of PACKAGES) {
      const installed = join(project, 'node_modules', '@tradeoff', name);
      const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, { default: string; types: string }> };
      expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
      expect(await readdir(installed)).not.toContain('src');
    }
    expect(await readFile(join(project, 'node_modules', '@tradeoff', 'core', 'dist', 'index.d.ts'), 'utf8')).toMatch(/declare class MMoE/);
    expect(await readFile(join(project, 'node_modules', '@tradeoff', 'experiments', 'dist', 'index.d.ts'), 'utf8')).toMatch(/declare function runExperiment/);

    await writeFile(join(project, 'train.mjs'), TRAIN_SCRIPT);
    const { stdout } = await exec(process.execPath, ['train.mjs'], { cwd: project });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { backend: string; first: number; last: number };
    expect(result.backend).toBe('wasm');
    expect(result.last).toBeLessThan(result.first * 0.5);
  });

  it.skipIf(!hasCensus)('runs the Census MMoE example spec through the installed @tradeoff/experiments', async () => {
    await writeFile(join(project, 'experiment.mjs'), EXPERIMENT_SCRIPT);
    const { stdout } = await exec(process.execPath, ['experiment.mjs', join(examplesDir, 'census-mmoe.json')], {
      cwd: project,
      env: { ...process.env, TRADEOFF_DATA_DIR: dataDir },
    });
    const final = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    // One epoch: well above chance, below the full example's 0.94 / 0.99.
    expect(final['test/auc/income']).toBeGreaterThan(0.85);
    expect(final['test/auc/never_married']).toBeGreaterThan(0.95);
  });
});

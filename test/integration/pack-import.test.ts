import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { getLatestArtifact } from '@tradeoff/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serveApiOn } from '../src/api-server.ts';
import { dataDir, examplesDir, hasCensus, repoRoot } from '../src/paths.ts';
import { storeTargets } from '../src/stores.ts';

const exec = promisify(execFile);
const targets = await storeTargets();

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

/**
 * A user's own training program outside the workspace, reporting through the installed
 * @tradeoff/api/client: 4,000 points sent in batches of about 1,000, an artifact and final
 * metrics. argv: the API's URL and a token. Prints the run's id.
 */
const TRACK_SCRIPT = `
import { createTradeoffClient } from '@tradeoff/api/client';

const [url, token] = process.argv.slice(2);
const t = createTradeoffClient({ url, token });
const run = await t.tracking.startRun({ project: 'packed', experiment: 'outside the workspace', params: { lr: 0.01 } }, { batchSize: 1_000 });
for (let step = 0; step < 2_000; step++) run.log({ 'train/loss': 1 / (step + 1), 'valid/auc': step / 2_000 }, step);
await run.logArtifact('report', { 'summary.txt': 'trained 2000 steps\\n', 'weights.bin': Uint8Array.from({ length: 1024 }, (_, i) => i % 256) }, { kind: 'model' });
await run.finish({ 'test/auc': 0.9, 'test/logloss': 0.3 });
console.log(run.id);
`;

/**
 * Compiled with tsc against the installed declarations, which resolve without any server type:
 * the SDK is typed (each @ts-expect-error must meet an error, so an `any` would fail).
 */
const TYPED_SCRIPT = `
import { createTradeoffClient, type RunStatus } from '@tradeoff/api/client';

export async function track(): Promise<{ status: RunStatus; final: Record<string, number> | null; lastTime?: number; experiments: unknown }> {
  const t = createTradeoffClient({ url: 'http://127.0.0.1:3000/api/trpc', token: 'token' });
  const run = await t.tracking.startRun({ experiment: 'typed', params: { lr: 0.01 } });
  // @ts-expect-error metric values are numbers
  run.log({ 'train/loss': 'low' });
  // @ts-expect-error a run needs an experiment name
  await t.tracking.startRun({ project: 'typed' });
  await run.finish({ 'test/auc': 0.9 });
  const stored = await t.tracking.getRun(run.id);
  // Without the server's router type, the other procedures take any input and answer unknown.
  const experiments = await t.experiments.list.query({ limit: 5 });
  // @ts-expect-error an untyped procedure's result must be checked or cast before use
  experiments.map((e) => e);
  return { status: stored.status, final: stored.final, lastTime: stored.latest[0]?.time.getTime(), experiments };
}
`;

/** The library packages, in dependency order. */
const PACKAGES = ['core', 'data', 'experiments'];

const pnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');

/** `pnpm pack` of workspace packages into `dir` (each prepack builds dist/ first); the tarball names, sorted. */
async function pack(names: string[], dir: string): Promise<string[]> {
  for (const name of names) await exec(pnpm, ['pack', '--pack-destination', dir], { cwd: join(repoRoot, 'packages', name) });
  return (await readdir(dir)).filter((name) => name.endsWith('.tgz')).sort();
}

/** A project in `dir`/project with the tarballs installed by npm, as a user outside the workspace installs them. */
async function installTarballs(dir: string, tarballs: string[]): Promise<string> {
  const project = join(dir, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'uses-tradeoff', private: true, type: 'module' }));
  // The optional native TensorFlow bindings download libtensorflow at install time; wasm needs nothing.
  await exec('npm', ['install', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => join(dir, t))], { cwd: project });
  return project;
}

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
    const tarballs = await pack(PACKAGES, dir);
    expect(tarballs).toEqual(PACKAGES.map((name) => expect.stringMatching(new RegExp(`^tradeoff-${name}-.*\\.tgz$`))));
    project = await installTarballs(dir, tarballs);

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

/**
 * The tracking SDK as a user outside the workspace gets it: @tradeoff/api packed (only its
 * client-only entry is published), installed alone with npm, and used by a plain .mjs program
 * against a real API server and store in this process.
 */
describe('@tradeoff/api/client packed and used from outside the workspace', () => {
  let dir = '';
  let project = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-pack-api-'));
    project = await installTarballs(dir, await pack(['api'], dir));
    await writeFile(join(project, 'track.mjs'), TRACK_SCRIPT);
    await writeFile(join(project, 'track-typed.ts'), TYPED_SCRIPT);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs without the server: one built, typed entry that depends on public packages only', async () => {
    const installed = join(project, 'node_modules', '@tradeoff', 'api');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.exports).toEqual({ './client': { types: './dist/client.d.ts', default: './dist/client.js' } });
    expect(Object.keys(manifest.dependencies as object).sort()).toEqual(['@trpc/client', '@trpc/server', 'superjson', 'zod']);
    expect(manifest).not.toHaveProperty('devDependencies');
    expect((await readdir(installed)).sort()).toEqual(['README.md', 'dist', 'package.json']);
    // No other workspace package came along: not the store (Prisma), not the experiments.
    expect(await readdir(join(project, 'node_modules', '@tradeoff'))).toEqual(['api']);

    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    const compiled = exec(tsc, ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', 'track-typed.ts'], { cwd: project });
    // tsc reports on stdout, which a failed exec leaves out of its message.
    await compiled.catch((error: { stdout: string }) => expect.fail(`tsc: ${error.stdout}`));
  });

  describe.each(targets)('on the $name store', (target) => {
    const api = serveApiOn(target);

    it.skipIf(!target.available)('a plain .mjs program logs a finished run with its points, artifact and final metrics', async () => {
      const { stdout } = await exec(process.execPath, ['track.mjs', api.url, api.token], { cwd: project });
      const runId = stdout.trim().split('\n').at(-1)!;

      const prisma = api.store.prisma;
      const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { experiment: { include: { project: true } } } });
      expect(run).toMatchObject({ status: 'finished', final: { 'test/auc': 0.9, 'test/logloss': 0.3 }, error: null });
      expect(run.experiment).toMatchObject({ name: 'outside the workspace', project: { name: 'packed' } });
      expect((run.spec as { hyper: unknown }).hyper).toEqual({ lr: 0.01 });
      expect(await prisma.metricPoint.count({ where: { runId } })).toBe(4_000);
      const last = await prisma.metricPoint.findFirst({ where: { runId, key: { name: 'valid/auc' }, step: 1_999 } });
      expect(last?.value).toBeCloseTo(1_999 / 2_000, 10);
      const artifact = await getLatestArtifact(prisma, runId, 'model');
      expect(Buffer.from(artifact!.files['summary.txt']!).toString()).toBe('trained 2000 steps\n');
      expect([...artifact!.files['weights.bin']!.slice(254, 258)]).toEqual([254, 255, 0, 1]);
    });
  });
});

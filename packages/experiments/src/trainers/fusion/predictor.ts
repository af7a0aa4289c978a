import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jsonFile, type ModelFiles, MultiTaskModel, readJsonFile } from '@tradeoff/core';
import { type FeaturizerState, type MultiTaskTable, transformTable } from '@tradeoff/data';
import type { FusionPipelineHyper } from '../../algorithms/fusion/common';
import { fusionTrainRanges } from '../../datasets/fusion-dates';
import { parseSpec } from '../../parse-spec';
import type { RunOptions } from '../../run-types';
import type { RunSink } from '../../sink';
import type { Spec } from '../../spec';
import { train as trainMultitask } from '../multitask-trainer';
import { predictorCodeFingerprint } from './code-fingerprint';

const METRICS_FILE = 'predictor-metrics.json';

export interface Predictor {
  /** Hash of the predictor's spec and code: its cache folder. */
  key: string;
  /** The predictor's own final metrics (valid/test AUC per objective), as `predictor/<name>`. */
  metrics: Record<string, number>;
  /** Predictions [rows x K] for rows of the joined table, objectives in the spec's order. */
  predict(table: MultiTaskTable): Float32Array;
  dispose(): void;
}

/** The multi-task spec a fusion spec's predictor is trained with: the first train days, same objectives, its own algorithm, hyper and seed. */
export function predictorSpec(spec: Spec, hyper: FusionPipelineHyper, objectives: string[]): Spec {
  const { algorithm, hyper: predictorHyper, seed } = hyper.predictor;
  const train = spec.dataset.train;
  const dataset = { ...spec.dataset, train: { ...(typeof train === 'string' ? { path: train } : train), dates: fusionTrainRanges(spec.dataset, hyper.policyDays).predictor } };
  return parseSpec(
    { name: `${algorithm} predictor for ${spec.name}`, task: 'multitask', algorithm, dataset, objectives, hyper: predictorHyper, seed },
    `${spec.name}: hyper.predictor`,
  );
}

/**
 * The fusion run's stage-1 predictor: loaded from the cache when a predictor with the same spec
 * (algorithm, filled-in hyper, data, objectives, seed) was trained before by the same code, else
 * trained with the multi-task trainer (its metrics reported as `predictor/...`) and cached. Every policy and seed
 * on the same data therefore shares one predictor.
 */
export async function loadOrTrainPredictor(spec: Spec, hyper: FusionPipelineHyper, objectives: string[], sink: RunSink, options: RunOptions): Promise<Predictor> {
  const multitask = predictorSpec(spec, hyper, objectives);
  const { name: _name, ...identity } = multitask;
  const key = createHash('sha256').update(JSON.stringify({ code: predictorCodeFingerprint(), ...identity })).digest('hex').slice(0, 24);
  const dir = resolve(hyper.predictor.cacheDir, key);
  let files = await readCache(dir);
  if (files) sink.log('info', `predictor ${multitask.algorithm}: reusing ${dir}`);
  else {
    sink.log('info', `predictor ${multitask.algorithm}: training (cache ${dir})`);
    const result = await trainMultitask(multitask, predictorSink(sink), options);
    const metrics = Object.fromEntries(Object.entries(result.final).map(([name, value]) => [`predictor/${name}`, value]));
    files = { ...result.model.files, [METRICS_FILE]: jsonFile(metrics) };
    await writeCache(dir, files);
  }
  const { featurizer } = readJsonFile<{ featurizer: FeaturizerState }>(files, 'preprocessing.json');
  const model = await MultiTaskModel.load(files);
  const order = objectives.map((name) => featurizer.tasks.findIndex((t) => t.name === name));
  return {
    key,
    metrics: readJsonFile<Record<string, number>>(files, METRICS_FILE),
    predict(table) {
      const perTask = model.predict(transformTable(featurizer, table));
      const k = objectives.length;
      const out = new Float32Array(table.rows * k);
      for (let j = 0; j < k; j++) {
        const column = perTask[order[j]!]!;
        for (let i = 0; i < table.rows; i++) out[i * k + j] = column[i]!;
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}

/** Reports the predictor's training under `predictor/` keys; its checkpoints stay out of the fusion run's. */
function predictorSink(sink: RunSink): RunSink {
  return {
    metrics: (points) => sink.metrics(points.map((p) => ({ ...p, key: `predictor/${p.key}` }))),
    progress: (done, total, label) => sink.progress(done, total, `predictor${label ? `: ${label}` : ''}`),
    saveCheckpoint: async () => {},
    loadCheckpoint: async () => null,
    saveArtifact: async () => {},
    cancelled: () => sink.cancelled(),
    log: (level, message) => sink.log(level, `predictor: ${message}`),
  };
}

async function readCache(dir: string): Promise<ModelFiles | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  if (!names.includes(METRICS_FILE)) return undefined;
  const files: ModelFiles = {};
  for (const name of names) files[name] = new Uint8Array(await readFile(join(dir, name)));
  return files;
}

/** Writes into a fresh folder and renames it into place, so a reader never sees half a predictor. */
async function writeCache(dir: string, files: ModelFiles): Promise<void> {
  const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
  await mkdir(partial, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    if (name.includes('/') || name.includes('\\')) throw new Error(`predictor cache: unexpected file name ${name}`);
    await writeFile(join(partial, name), bytes);
  }
  try {
    await rename(partial, dir);
  } catch {
    // Another run cached the same predictor first: keep theirs.
    await rm(partial, { recursive: true, force: true });
  }
}

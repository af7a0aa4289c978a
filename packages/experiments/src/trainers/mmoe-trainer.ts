import { auc, initBackend, jsonFile, MMoE, MultiTaskTrainer, readJsonFile, Rng } from '@tradeoff/core';
import { type FeatureMatrix, type FeaturizerState, fitFeaturizer, transformTable } from '@tradeoff/data';
import { type MMoEHyper, mmoeHyperSchema } from '../algorithms/mmoe';
import { loadMultitaskSplits, loadSource } from '../datasets/multitask-splits';
import { experimentsEnv } from '../env';
import { RunCancelledError } from '../errors';
import type { ModelFiles, RunOptions, RunResult } from '../run-types';
import type { MetricPoint, RunSink } from '../sink';
import type { Spec } from '../spec';
import { fillBatch, selectTasks } from './task-matrix';

const STATE_FILE = 'state.json';
const PREPROCESSING_FILE = 'preprocessing.json';

/** Where training stands after the last step of a checkpoint: the next batch to run. */
interface TrainState {
  step: number;
  epoch: number;
  batch: number;
  stepsPerEpoch: number;
  trainRows: number;
}

/** Saved beside model.json: everything needed to featurise new rows for this model. */
interface Preprocessing {
  algorithm: 'mmoe';
  datasetKind: Spec['dataset']['kind'];
  synthetic: boolean;
  tasks: string[];
  featurizer: FeaturizerState;
}

async function startBackend(sink?: RunSink) {
  const env = experimentsEnv();
  const backend = await initBackend({ force: env.backend, log: (m) => sink?.log('info', m) });
  return { env, backend };
}

export async function train(spec: Spec, sink: RunSink, options: RunOptions): Promise<RunResult> {
  const { env, backend } = await startBackend(sink);
  const hyper = mmoeHyperSchema.parse(spec.hyper);
  const data = await loadMultitaskSplits(spec.dataset, env.dataRoot, hyper.validFraction);
  for (const line of data.description) sink.log('info', line);

  const tasks = spec.objectives ?? data.train.tasks;
  const featurizer = fitFeaturizer(data.train);
  const [trainSet, validSet, testSet] = [data.train, data.valid, data.test].map((t) => selectTasks(transformTable(featurizer, t), tasks)) as [
    FeatureMatrix,
    FeatureMatrix,
    FeatureMatrix,
  ];
  const stepsPerEpoch = Math.ceil(trainSet.rows / hyper.batchSize);
  const totalSteps = hyper.epochs * stepsPerEpoch;

  const { model, trainer, position } = await restoreOrCreate(spec, hyper, featurizer.dim, tasks, sink, { stepsPerEpoch, trainRows: trainSet.rows });
  sink.log('info', `MMoE: ${model.parameterCount()} parameters, input ${featurizer.dim}, tasks ${tasks.join(', ')}; ${totalSteps} steps of batch ${hyper.batchSize}`);

  const saveCheckpoint = async (state: TrainState) => {
    const files = { ...(await model.save()), ...(await trainer.saveState()), [STATE_FILE]: jsonFile(state) };
    await sink.saveCheckpoint({ step: state.step, files });
  };

  const x = new Float32Array(hyper.batchSize * trainSet.dim);
  const y = new Float32Array(hyper.batchSize * tasks.length);
  const started = performance.now();
  let samples = 0;
  for (let epoch = position.epoch; epoch < hyper.epochs; epoch++) {
    // The order depends only on (seed, epoch), so a resumed run sees the batches it would have seen.
    const order = new Rng(spec.seed, epoch).permutation(trainSet.rows);
    for (let batch = epoch === position.epoch ? position.batch : 0; batch < stepsPerEpoch; batch++) {
      if (options.signal?.aborted || (await sink.cancelled())) throw new RunCancelledError(trainer.step);
      const n = fillBatch(trainSet, order, batch * hyper.batchSize, x, y);
      const loss = trainer.trainBatch(x.subarray(0, n * trainSet.dim), y.subarray(0, n * tasks.length), n);
      samples += n;
      const step = trainer.step;
      if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${step}: loss ${loss} (try a lower learningRate)`);
      await sink.metrics([{ key: 'train/loss', step, value: loss }]);
      sink.progress(step, totalSteps, `epoch ${epoch + 1}/${hyper.epochs}`);

      const endOfEpoch = batch === stepsPerEpoch - 1;
      // Validation points go out before the checkpoint that covers them, so a resume never skips one.
      if (endOfEpoch) await sink.metrics(aucPoints('valid', model, validSet, step, sink));
      if (step % hyper.checkpointEvery === 0 || step === totalSteps) {
        const next = endOfEpoch ? { epoch: epoch + 1, batch: 0 } : { epoch, batch: batch + 1 };
        await saveCheckpoint({ step, ...next, stepsPerEpoch, trainRows: trainSet.rows });
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (samples > 0) {
    sink.log('info', `trained ${samples} samples in ${seconds.toFixed(1)} s: ${Math.round(samples / seconds)} samples/s on tfjs backend ${backend}`);
  }

  const validPoints = aucPoints('valid', model, validSet, totalSteps, sink);
  const testPoints = aucPoints('test', model, testSet, totalSteps, sink);
  await sink.metrics(testPoints);
  const final = Object.fromEntries([...validPoints, ...testPoints].map((p) => [p.key, p.value]));
  const preprocessing: Preprocessing = {
    algorithm: 'mmoe',
    datasetKind: spec.dataset.kind,
    synthetic: data.train.synthetic,
    tasks,
    featurizer,
  };
  const files = { ...(await model.save()), [PREPROCESSING_FILE]: jsonFile(preprocessing) };
  trainer.dispose();
  model.dispose();
  return { final, model: { files } };
}

export async function evaluate(spec: Spec, files: ModelFiles): Promise<Record<string, number>> {
  const { env } = await startBackend();
  const preprocessing = readJsonFile<Preprocessing>(files, PREPROCESSING_FILE);
  if (preprocessing.datasetKind !== spec.dataset.kind) {
    throw new Error(`the model was trained on ${preprocessing.datasetKind} data, the spec reads ${spec.dataset.kind}`);
  }
  const model = await MMoE.load(files);
  const table = await loadSource(spec.dataset, spec.dataset.test, env.dataRoot);
  const testSet = selectTasks(transformTable(preprocessing.featurizer, table), model.tasks);
  const points = aucPoints('test', model, testSet, 0);
  model.dispose();
  return Object.fromEntries(points.map((p) => [p.key, p.value]));
}

async function restoreOrCreate(
  spec: Spec,
  hyper: MMoEHyper,
  inputDim: number,
  tasks: string[],
  sink: RunSink,
  shape: Pick<TrainState, 'stepsPerEpoch' | 'trainRows'>,
) {
  const taskWeights = tasks.map((task) => hyper.taskWeights[task] ?? 1);
  const checkpoint = await sink.loadCheckpoint();
  if (!checkpoint) {
    const model = MMoE.create({ inputDim, tasks, experts: hyper.experts, expertUnits: hyper.expertUnits, towerUnits: hyper.towerUnits, seed: spec.seed });
    return { model, trainer: new MultiTaskTrainer(model, { learningRate: hyper.learningRate, taskWeights }), position: { epoch: 0, batch: 0 } };
  }
  const state = readJsonFile<TrainState>(checkpoint.files, STATE_FILE);
  const model = await MMoE.load(checkpoint.files);
  const { config } = model;
  if (config.inputDim !== inputDim || config.tasks.join(',') !== tasks.join(',') || state.stepsPerEpoch !== shape.stepsPerEpoch || state.trainRows !== shape.trainRows) {
    throw new Error(`checkpoint at step ${checkpoint.step} does not match this run's data (input ${config.inputDim} vs ${inputDim}, ${state.trainRows} vs ${shape.trainRows} train rows)`);
  }
  const trainer = new MultiTaskTrainer(model, { learningRate: hyper.learningRate, taskWeights });
  trainer.loadState(checkpoint.files);
  if (trainer.step !== state.step) throw new Error(`checkpoint is inconsistent: optimizer at step ${trainer.step}, state at ${state.step}`);
  sink.log('info', `resuming from the checkpoint at step ${state.step} (epoch ${state.epoch + 1}, batch ${state.batch + 1})`);
  return { model, trainer, position: { epoch: state.epoch, batch: state.batch } };
}

/** AUC per task; a task whose split holds a single class has no AUC and is left out with a warning. */
function aucPoints(split: 'valid' | 'test', model: MMoE, set: FeatureMatrix, step: number, sink?: RunSink): MetricPoint[] {
  const probabilities = model.predict(set.x, set.rows);
  const points = set.tasks.map((task, k) => {
    const labels = new Uint8Array(set.rows);
    for (let i = 0; i < set.rows; i++) labels[i] = set.y[i * set.tasks.length + k]!;
    return { key: `${split}/auc/${task}`, step, value: auc(probabilities[k]!, labels) };
  });
  for (const p of points) if (Number.isNaN(p.value)) sink?.log('warn', `${p.key}: undefined, the ${split} rows hold one class only`);
  return points.filter((p) => !Number.isNaN(p.value));
}

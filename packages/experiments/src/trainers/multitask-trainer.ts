import { initBackend, jsonFile, MultiTaskModel, type MultiTaskModelConfig, MultiTaskTrainer, readJsonFile, Rng } from '@tradeoff/core';
import { type FeatureMatrix, type FeaturizerState, fitFeaturizer, transformTable } from '@tradeoff/data';
import type { MultitaskHyper } from '../algorithms/multitask-common';
import { defaultObjectives } from '../datasets/dataset-tasks';
import { loadMultitaskSplits, loadSource } from '../datasets/multitask-splits';
import { experimentsEnv } from '../env';
import { RunCancelledError } from '../errors';
import type { ModelFiles, RunOptions, RunResult } from '../run-types';
import type { MetricPoint, RunSink } from '../sink';
import type { Spec } from '../spec';
import { BatchBuffer } from './batches';
import { modelConfig, trainingHyper } from './model-config';
import { taskMetrics } from './task-metrics';

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

/** Saved beside model.json: everything needed to turn new rows into this model's inputs. */
interface Preprocessing {
  algorithm: string;
  datasetKind: Spec['dataset']['kind'];
  synthetic: boolean;
  featurizer: FeaturizerState;
}

async function startBackend(sink?: RunSink) {
  const env = experimentsEnv();
  const backend = await initBackend({ force: env.backend, log: (m) => sink?.log('info', m) });
  return { env, backend };
}

/** Trains any multi-task predictor of the registry (Shared-Bottom, MMoE, PLE, MoHN). */
export async function train(spec: Spec, sink: RunSink, options: RunOptions): Promise<RunResult> {
  const { env, backend } = await startBackend(sink);
  const data = await loadMultitaskSplits(spec.dataset, env.dataRoot, trainingHyper(spec).validFraction);
  for (const line of data.description) sink.log('info', line);

  const objectives = spec.objectives ?? defaultObjectives(spec.dataset.kind);
  const featurizer = fitFeaturizer(data.train, { tasks: objectives, minCount: trainingHyper(spec).minCount });
  const [trainSet, validSet, testSet] = [data.train, data.valid, data.test].map((t) => transformTable(featurizer, t)) as [FeatureMatrix, FeatureMatrix, FeatureMatrix];
  const { hyper, config } = modelConfig(spec, featurizer);
  const stepsPerEpoch = Math.ceil(trainSet.rows / hyper.batchSize);
  const totalSteps = hyper.epochs * stepsPerEpoch;

  const { model, trainer, position } = await restoreOrCreate(config, hyper, sink, { stepsPerEpoch, trainRows: trainSet.rows });
  sink.log(
    'info',
    `${spec.algorithm}: ${model.parameterCount()} parameters; ${featurizer.numeric.length} numeric and ${featurizer.categorical.length} categorical features (${featurizer.vocabSize} embedding rows); tasks ${objectives.join(', ')}; ${totalSteps} steps of batch ${hyper.batchSize}`,
  );

  const saveCheckpoint = async (state: TrainState) => {
    const files = { ...(await model.save()), ...(await trainer.saveState()), [STATE_FILE]: jsonFile(state) };
    await sink.saveCheckpoint({ step: state.step, files });
  };

  const buffer = new BatchBuffer(trainSet, hyper.batchSize);
  const started = performance.now();
  let samples = 0;
  // The last epoch's validation reports every metric; the final result reuses it.
  let finalValid: MetricPoint[] | undefined;
  for (let epoch = position.epoch; epoch < hyper.epochs; epoch++) {
    // The order depends only on (seed, epoch), so a resumed run sees the batches it would have seen.
    const order = new Rng(spec.seed, epoch).permutation(trainSet.rows);
    for (let batch = epoch === position.epoch ? position.batch : 0; batch < stepsPerEpoch; batch++) {
      if (options.signal?.aborted || (await sink.cancelled())) throw new RunCancelledError(trainer.step);
      const rows = buffer.fill(order, batch * hyper.batchSize);
      const loss = trainer.trainBatch(rows);
      samples += rows.rows;
      const step = trainer.step;
      if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${step}: loss ${loss} (try a lower learningRate)`);
      await sink.metrics([{ key: 'train/loss', step, value: loss }]);
      sink.progress(step, totalSteps, `epoch ${epoch + 1}/${hyper.epochs}`);

      const endOfEpoch = batch === stepsPerEpoch - 1;
      // Validation points go out before the checkpoint that covers them, so a resume never skips one.
      if (endOfEpoch) {
        const points = taskMetrics('valid', model, validSet, step, step === totalSteps, sink);
        if (step === totalSteps) finalValid = points;
        await sink.metrics(points);
      }
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

  const validPoints = finalValid ?? taskMetrics('valid', model, validSet, totalSteps, true, sink);
  const testPoints = taskMetrics('test', model, testSet, totalSteps, true, sink);
  await sink.metrics(finalValid ? testPoints : [...validPoints, ...testPoints]);
  const final = Object.fromEntries([...validPoints, ...testPoints].map((p) => [p.key, p.value]));
  const preprocessing: Preprocessing = { algorithm: spec.algorithm, datasetKind: spec.dataset.kind, synthetic: data.train.synthetic, featurizer };
  const files = { ...(await model.save()), [PREPROCESSING_FILE]: jsonFile(preprocessing) };
  trainer.dispose();
  model.dispose();
  return { final, model: { files } };
}

/** Scores a saved model on the spec's test source with the model's own vocabularies and normalisers. */
export async function evaluate(spec: Spec, files: ModelFiles): Promise<Record<string, number>> {
  const { env } = await startBackend();
  const preprocessing = readJsonFile<Preprocessing>(files, PREPROCESSING_FILE);
  if (preprocessing.featurizer?.version !== 2) throw new Error(`${PREPROCESSING_FILE}: saved by an older version of Tradeoff; retrain the model`);
  if (preprocessing.datasetKind !== spec.dataset.kind) {
    throw new Error(`the model was trained on ${preprocessing.datasetKind} data, the spec reads ${spec.dataset.kind}`);
  }
  const model = await MultiTaskModel.load(files);
  const table = await loadSource(spec.dataset, spec.dataset.test, env.dataRoot);
  const points = taskMetrics('test', model, transformTable(preprocessing.featurizer, table), 0, true);
  model.dispose();
  return Object.fromEntries(points.map((p) => [p.key, p.value]));
}

async function restoreOrCreate(config: MultiTaskModelConfig, hyper: MultitaskHyper, sink: RunSink, shape: Pick<TrainState, 'stepsPerEpoch' | 'trainRows'>) {
  const taskWeights = config.tasks.map((task) => hyper.taskWeights[task.name] ?? 1);
  const checkpoint = await sink.loadCheckpoint();
  if (!checkpoint) {
    const model = MultiTaskModel.fromConfig(config);
    return { model, trainer: new MultiTaskTrainer(model, { learningRate: hyper.learningRate, taskWeights, weightDecay: hyper.weightDecay }), position: { epoch: 0, batch: 0 } };
  }
  const state = readJsonFile<TrainState>(checkpoint.files, STATE_FILE);
  const model = await MultiTaskModel.load(checkpoint.files);
  if (JSON.stringify(model.config) !== JSON.stringify(config) || state.stepsPerEpoch !== shape.stepsPerEpoch || state.trainRows !== shape.trainRows) {
    throw new Error(`checkpoint at step ${checkpoint.step} does not match this run's model or data (${state.trainRows} vs ${shape.trainRows} train rows)`);
  }
  const trainer = new MultiTaskTrainer(model, { learningRate: hyper.learningRate, taskWeights, weightDecay: hyper.weightDecay });
  trainer.loadState(checkpoint.files);
  if (trainer.step !== state.step) throw new Error(`checkpoint is inconsistent: optimizer at step ${trainer.step}, state at ${state.step}`);
  sink.log('info', `resuming from the checkpoint at step ${state.step} (epoch ${state.epoch + 1}, batch ${state.batch + 1})`);
  return { model, trainer, position: { epoch: state.epoch, batch: state.batch } };
}

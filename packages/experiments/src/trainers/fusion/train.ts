import { type FusionGoal, type FusionPolicy, initBackend, jsonFile, lastWeights, Rng } from '@tradeoff/core';
import type { UserModel } from '@tradeoff/data';
import { type FusionPipelineHyper, fusionObjectives, fusionPreference } from '../../algorithms/fusion/common';
import { type FusionData, loadFusionData } from '../../datasets/fusion-data';
import { experimentsEnv } from '../../env';
import { RunCancelledError } from '../../errors';
import { getAlgorithm } from '../../registry';
import type { ModelFiles, RunOptions, RunResult } from '../../run-types';
import type { RunSink } from '../../sink';
import type { Spec } from '../../spec';
import { FUSION_POLICIES } from './policies';
import { policyFront, rerankMetrics } from './policy-metrics';
import { loadOrTrainPredictor } from './predictor';
import { fitSimulatedUser, sessionMetrics } from './session-metrics';

type FusionHyper = FusionPipelineHyper & { policy: unknown };

/** What every policy of one fusion setup shares: the goal, the request batches and the simulated user. */
export interface PreparedFusion {
  goal: FusionGoal;
  objectives: string[];
  data: FusionData;
  user: UserModel;
  predictorKey: string;
  predictorMetrics: Record<string, number>;
}

function fusionHyper(spec: Spec): FusionHyper {
  const algorithm = getAlgorithm(spec.algorithm);
  if (!algorithm || !FUSION_POLICIES[spec.algorithm]) throw new Error(`${spec.algorithm} is not a fusion policy`);
  return algorithm.hyperSchema.parse(spec.hyper) as FusionHyper;
}

/** Backend, (cached) predictor, request batches and the simulated user of a fusion spec. */
export async function prepareFusion(spec: Spec, sink: RunSink, options: RunOptions): Promise<PreparedFusion> {
  const env = experimentsEnv();
  await initBackend({ force: env.backend, log: (m) => sink.log('info', m) });
  const hyper = fusionHyper(spec);
  const objectives = fusionObjectives(spec);
  const goal: FusionGoal = { preference: fusionPreference(spec, hyper), k: hyper.k, form: hyper.form };
  const predictor = await loadOrTrainPredictor(spec, hyper, objectives, sink, options);
  const data = await loadFusionData(spec.dataset, objectives, hyper, goal, env.dataRoot, (table) => predictor.predict(table));
  predictor.dispose();
  for (const line of data.description) sink.log('info', line);
  sink.log('info', `goal: composite of NDCG@${goal.k} with preference ${objectives.map((o, j) => `${o} ${goal.preference[j]!.toFixed(3)}`).join(', ')}; ${goal.form} fusion`);
  return { goal, objectives, data, user: fitSimulatedUser(data), predictorKey: predictor.key, predictorMetrics: predictor.metrics };
}

/**
 * Fits the spec's policy on the prepared train requests, selecting on valid; reports its training
 * metrics and progress to the sink. Returns the policy, the last step reached, the planned steps and
 * the parsed settings.
 */
export async function fitPolicy(spec: Spec, prepared: PreparedFusion, sink: RunSink, options: RunOptions): Promise<{ policy: FusionPolicy; step: number; total: number; hyper: FusionHyper }> {
  const hyper = fusionHyper(spec);
  const policyEntry = FUSION_POLICIES[spec.algorithm]!;
  const { train, valid } = prepared.data.splits;
  const total = policyEntry.steps(hyper.policy, prepared.objectives.length);
  let step = 0;
  const stop = async () => Boolean(options.signal?.aborted) || (await sink.cancelled());
  const started = performance.now();
  const policy = await policyEntry.fit(train.batch, valid.batch, hyper.policy, new Rng(spec.seed), {
    onStep: async (at, metrics) => {
      step = at;
      await sink.metrics(Object.entries(metrics).map(([key, value]) => ({ key, step: at, value })));
      sink.progress(at, total, spec.algorithm);
    },
    shouldStop: stop,
  });
  if (await stop()) throw new RunCancelledError(step);
  sink.log('info', `${spec.algorithm}: fitted in ${((performance.now() - started) / 1000).toFixed(1)} s (${step} steps)`);
  return { policy, step, total, hyper };
}

/** Fits the spec's policy on prepared data and scores it on test. */
export async function fitAndScore(spec: Spec, prepared: PreparedFusion, sink: RunSink, options: RunOptions): Promise<RunResult> {
  const { data, goal, objectives, user } = prepared;
  const { policy, step, total, hyper } = await fitPolicy(spec, prepared, sink, options);
  sink.progress(step, total, 'evaluating');
  // The policy runs once per split (DeepPRL's encoder is the costly part); every metric reuses its weights.
  const { valid, test } = data.splits;
  const [validWeights, testWeights] = lastWeights(policy, [valid.batch, test.batch]) as [Float32Array, Float32Array];
  const front = await policyFront('test', testWeights, test.batch, hyper.frontDivisions);
  const final: Record<string, number> = {
    ...prepared.predictorMetrics,
    ...rerankMetrics('valid', validWeights, valid.batch),
    ...rerankMetrics('test', testWeights, test.batch),
    ...front.metrics,
    ...sessionMetrics('test', testWeights, test, user, hyper.simulator),
  };
  await sink.metrics(Object.entries(final).map(([key, value]) => ({ key, step, value })));
  await sink.saveArtifact({ kind: 'front', name: 'front', step, files: { 'front.json': jsonFile(front.artifact) } });
  const files: ModelFiles = {
    'fusion.json': jsonFile({ algorithm: spec.algorithm, predictor: prepared.predictorKey, objectives, preference: Array.from(goal.preference), k: goal.k, form: goal.form, userModel: user }),
  };
  return { final, model: { files } };
}

/**
 * A fusion run: the (cached) multi-task predictor scores every candidate, the policy is fitted on
 * train requests (selecting on valid), then scored on test: re-ranking metrics, the spread of its
 * weights across users, its Pareto front over objective preferences (metrics and a `front`
 * artifact) and its session return in the simulator.
 */
export async function train(spec: Spec, sink: RunSink, options: RunOptions): Promise<RunResult> {
  return fitAndScore(spec, await prepareFusion(spec, sink, options), sink, options);
}

/** Fusion runs are scored as they train; their policies are not saved as standalone models. */
export async function evaluate(spec: Spec, _files: ModelFiles): Promise<Record<string, number>> {
  throw new Error(`${spec.algorithm}: fusion runs report their test metrics when they train (metrics.json); a saved fusion run cannot be re-evaluated on another split`);
}

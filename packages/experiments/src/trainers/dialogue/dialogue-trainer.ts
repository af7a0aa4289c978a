import { exactBuffer, FlatAdam, jsonFile, LINGUISTIC_REWARDS, RankingPolicy, REASONING_CHECKS, Rng, readJsonFile, requireFile } from '@tradeoff/core';
import { DEFAULT_THRESHOLDS, type DialogueHyper } from '../../algorithms/dialogue';
import { loadMultiwozSplits, type PolicyTurn } from '../../datasets/multiwoz-turns';
import { experimentsEnv } from '../../env';
import { RunCancelledError } from '../../errors';
import { getAlgorithm } from '../../registry';
import type { ModelFiles, RunOptions, RunResult } from '../../run-types';
import type { MetricPoint, RunSink } from '../../sink';
import type { Spec } from '../../spec';
import { CandidateIndex } from './candidate-index';
import { evaluatePolicy } from './evaluate-policy';
import { retrieveCandidates, turnChoices } from './policy-inputs';
import { ResponseScorer } from './response-scores';
import { MONITOR_TURNS, RewardMonitor } from './reward-monitor';
import { type MoreState, rlStep } from './rl-update';

const STATE_FILE = 'state.json';
const POLICY_FILE = 'policy.json';
const WEIGHTS_FILE = 'policy.bin';

/** Where training stands after a checkpoint's last step. */
interface TrainState {
  step: number;
  more: MoreState;
  trainTurns: number;
  /** The optimizer's phase: its moments restart when RL begins. */
  phase: 'sl' | 'rl';
  adamStep: number;
}

interface PolicyMeta {
  algorithm: string;
  hashBits: number;
  candidates: number;
}

function hyperOf(spec: Spec): DialogueHyper {
  const algorithm = getAlgorithm(spec.algorithm);
  if (!algorithm) throw new Error(`unknown algorithm "${spec.algorithm}"`);
  return algorithm.hyperSchema.parse(spec.hyper) as DialogueHyper;
}

const bytesOf = (array: Float32Array) => new Uint8Array(array.buffer.slice(array.byteOffset, array.byteOffset + array.byteLength));
const floatsOf = (bytes: Uint8Array) => new Float32Array(exactBuffer(bytes));

/** Candidate sets of an evaluated split: retrieved only, as the policy meets them in use. */
function testChoices(turns: PolicyTurn[], retrieve: (turns: PolicyTurn[]) => string[][]) {
  const candidates = retrieve(turns);
  return turnChoices(turns, candidates, candidates[0]?.length ?? 0, false);
}

async function prepare(spec: Spec, hyper: DialogueHyper) {
  const { dataRoot } = experimentsEnv();
  const splits = await loadMultiwozSplits(spec.dataset, dataRoot);
  const index = new CandidateIndex(splits.train.turns);
  const scorer = new ResponseScorer(splits.train.turns.map((t) => t.gold));
  return { ...splits, index, scorer, retrieve: (turns: typeof splits.train.turns) => retrieveCandidates(turns, index, hyper.candidates) };
}

/** Trains `dialogue-sl`, `fixed-mix` or `more`: supervised ranking first, then RL for the latter two. */
export async function train(spec: Spec, sink: RunSink, options: RunOptions): Promise<RunResult> {
  const hyper = hyperOf(spec);
  const mode = spec.algorithm === 'dialogue-sl' ? undefined : (spec.algorithm as 'fixed-mix' | 'more');
  const data = await prepare(spec, hyper);
  const trainCandidates = data.retrieve(data.train.turns);
  const slChoices = turnChoices(data.train.turns, trainCandidates, hyper.candidates, true);
  const rlChoices = mode ? turnChoices(data.train.turns, trainCandidates, hyper.candidates, false) : [];
  const monitor = mode ? new RewardMonitor(rlChoices, data.scorer, new Rng(spec.seed, 104729), MONITOR_TURNS) : undefined;
  const validChoices = data.valid ? testChoices(data.valid.turns, data.retrieve) : undefined;
  const stepsPerEpoch = Math.ceil(slChoices.length / hyper.slBatchSize);
  const slSteps = hyper.slEpochs * stepsPerEpoch;
  const rlSteps = mode ? (hyper.rlSteps ?? 0) : 0;
  const totalSteps = slSteps + rlSteps;
  const thresholds = REASONING_CHECKS.map((c) => hyper.thresholds?.[c] ?? DEFAULT_THRESHOLDS[c]);
  const trainTargets = thresholds.map((tau) => 1 - (hyper.constraintSlack ?? 1) * (1 - tau));
  sink.log(
    'info',
    `${spec.algorithm}: ${data.train.turns.length} train / ${data.valid?.turns.length ?? 0} valid / ${data.test.turns.length} test system turns; ${hyper.candidates} candidates per turn; ${slSteps} supervised + ${rlSteps} RL steps`,
  );

  const policy = new RankingPolicy(hyper.hashBits);
  let adam = new FlatAdam(policy.weights.length, hyper.slLearningRate);
  let state: TrainState = {
    step: 0,
    more: {
      lambdas: thresholds.map(() => hyper.lambdaInit ?? 0),
      multipliers: { integral: thresholds.map(() => hyper.lambdaInit ?? 0), smoothedViolation: thresholds.map(() => 0) },
      weights: LINGUISTIC_REWARDS.map(() => 1 / LINGUISTIC_REWARDS.length),
    },
    trainTurns: slChoices.length,
    phase: 'sl',
    adamStep: 0,
  };
  const checkpoint = await sink.loadCheckpoint();
  if (checkpoint) {
    const saved = readJsonFile<TrainState>(checkpoint.files, STATE_FILE);
    if (saved.trainTurns !== state.trainTurns) throw new Error(`checkpoint at step ${checkpoint.step} was made on ${saved.trainTurns} train turns, this run has ${state.trainTurns}`);
    policy.weights.set(floatsOf(requireFile(checkpoint.files, WEIGHTS_FILE)));
    adam = new FlatAdam(policy.weights.length, saved.phase === 'sl' ? hyper.slLearningRate : (hyper.rlLearningRate ?? 0));
    adam.m.set(floatsOf(requireFile(checkpoint.files, 'adam-m.bin')));
    adam.v.set(floatsOf(requireFile(checkpoint.files, 'adam-v.bin')));
    adam.step = saved.adamStep;
    // Checkpoints from before the PI-controlled multipliers hold the multipliers alone: they become the integral.
    const multipliers = saved.more.multipliers ?? { integral: saved.more.lambdas, smoothedViolation: saved.more.lambdas.map(() => 0) };
    state = { ...saved, more: { ...saved.more, multipliers } };
    sink.log('info', `resuming from the checkpoint at step ${saved.step}`);
  }
  const save = async () => {
    const files = {
      [WEIGHTS_FILE]: bytesOf(policy.weights),
      'adam-m.bin': bytesOf(adam.m),
      'adam-v.bin': bytesOf(adam.v),
      [STATE_FILE]: jsonFile({ ...state, adamStep: adam.step }),
    };
    await sink.saveCheckpoint({ step: state.step, files });
  };

  const started = performance.now();
  /** The supervised epoch's shuffled turn order, drawn once per epoch. */
  let order: { epoch: number; rows: Uint32Array } | undefined;
  for (let step = state.step + 1; step <= totalSteps; step++) {
    if (options.signal?.aborted || (await sink.cancelled())) throw new RunCancelledError(state.step);
    let points: MetricPoint[];
    if (step <= slSteps) {
      const epoch = Math.floor((step - 1) / stepsPerEpoch);
      const batch = (step - 1) % stepsPerEpoch;
      if (order?.epoch !== epoch) order = { epoch, rows: new Rng(spec.seed, epoch).permutation(slChoices.length) };
      const gradient = new Float32Array(policy.weights.length);
      let loss = 0;
      const rows = order.rows.subarray(batch * hyper.slBatchSize, (batch + 1) * hyper.slBatchSize);
      for (const row of rows) {
        const c = slChoices[row];
        if (!c) continue;
        const probabilities = policy.probabilities(c.choice);
        loss -= Math.log(Math.max(probabilities[c.gold] ?? 0, 1e-12));
        policy.addLogProbGradient(c.choice, probabilities, c.gold, 1 / rows.length, gradient);
      }
      adam.ascend(policy.weights, gradient);
      points = [{ key: 'train/loss', step, value: loss / rows.length }];
      sink.progress(step, totalSteps, `supervised epoch ${epoch + 1}/${hyper.slEpochs}`);
    } else {
      if (state.phase === 'sl') {
        adam = new FlatAdam(policy.weights.length, hyper.rlLearningRate ?? 0);
        state = { ...state, phase: 'rl' };
      }
      const result = rlStep(
        policy,
        rlChoices,
        data.scorer,
        new Rng(spec.seed, 7919, step),
        {
          mode: mode ?? 'fixed-mix',
          batchSize: hyper.rlBatchSize ?? 64,
          thresholds: trainTargets,
          multiplierGains: { integralStep: hyper.dualStep ?? 0, proportionalGain: hyper.dualProportional ?? 0, smoothing: hyper.dualSmoothing ?? 0 },
          weightStep: hyper.weightStep ?? 0,
        },
        state.more,
        step,
      );
      adam.ascend(policy.weights, result.gradient);
      state = { ...state, more: result.state };
      points = [...result.points, ...(monitor?.points(policy, step) ?? [])];
      sink.progress(step, totalSteps, `RL step ${step - slSteps}/${rlSteps}`);
    }
    state = { ...state, step };
    // Validation goes out before the checkpoint that covers it, so a resume never skips it.
    if (validChoices && data.valid && (step === slSteps || step === totalSteps)) {
      points.push(...evaluatePolicy('valid', policy, data.valid, validChoices, data.resources, data.scorer, step));
    }
    await sink.metrics(points);
    if (step % hyper.checkpointEvery === 0 || step === totalSteps) await save();
  }
  sink.log('info', `${totalSteps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const testPoints = evaluatePolicy('test', policy, data.test, testChoices(data.test.turns, data.retrieve), data.resources, data.scorer, totalSteps);
  await sink.metrics(testPoints);
  const meta: PolicyMeta = { algorithm: spec.algorithm, hashBits: hyper.hashBits, candidates: hyper.candidates };
  return {
    final: Object.fromEntries(testPoints.map((p) => [p.key, p.value])),
    model: { files: { [POLICY_FILE]: jsonFile(meta), [WEIGHTS_FILE]: bytesOf(policy.weights) } },
  };
}

/** Scores a saved policy on the spec's test source; candidates come from the spec's train source. */
export async function evaluate(spec: Spec, files: ModelFiles): Promise<Record<string, number>> {
  const meta = readJsonFile<PolicyMeta>(files, POLICY_FILE);
  const hyper = { ...hyperOf(spec), candidates: meta.candidates };
  const policy = new RankingPolicy(meta.hashBits, floatsOf(requireFile(files, WEIGHTS_FILE)));
  const data = await prepare(spec, hyper);
  const points = evaluatePolicy('test', policy, data.test, testChoices(data.test.turns, data.retrieve), data.resources, data.scorer, 0);
  return Object.fromEntries(points.map((p) => [p.key, p.value]));
}

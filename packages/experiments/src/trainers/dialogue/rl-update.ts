import {
  gradientAgreementWeights,
  type MultiplierGains,
  type MultiplierState,
  LINGUISTIC_REWARDS,
  type RankingPolicy,
  REASONING_CHECKS,
  type Rng,
  sampleIndex,
  updateMultipliers,
} from '@tradeoff/core';
import type { MetricPoint } from '../../sink';
import type { TurnChoice } from './policy-inputs';
import { mean, type ResponseScorer } from './response-scores';

/** What MORE carries from step to step: multipliers (and their controller) per check, weights per linguistic reward. */
export interface MoreState {
  lambdas: number[];
  multipliers: MultiplierState;
  weights: number[];
}

export interface RlStepOptions {
  mode: 'fixed-mix' | 'more';
  batchSize: number;
  thresholds: readonly number[];
  multiplierGains: MultiplierGains;
  weightStep: number;
}

/**
 * Advantages under one reward: batch-mean baseline, divided by the batch standard deviation so
 * that rewards on different scales weigh by their coefficients alone.
 */
function advantages(values: readonly number[]): number[] {
  const m = mean(values);
  const std = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
  return values.map((v) => (v - m) / (std + 1e-3));
}

/**
 * One REINFORCE step: sample a response per turn of a random batch, score it, and return the
 * ascent direction with the step's metrics. `fixed-mix` weighs all rewards and checks equally;
 * `more` weighs the linguistic rewards by `state.weights` and the checks by the multipliers,
 * then updates both (PI-controlled dual ascent; gradient agreement of the per-reward policy gradients).
 */
export function rlStep(
  policy: RankingPolicy,
  choices: readonly TurnChoice[],
  scorer: ResponseScorer,
  rng: Rng,
  options: RlStepOptions,
  state: MoreState,
  step: number,
): { gradient: Float32Array; points: MetricPoint[]; state: MoreState } {
  const batch = Array.from({ length: options.batchSize }, () => choices[rng.int(choices.length)] as TurnChoice);
  const probabilities = batch.map((c) => policy.probabilities(c.choice));
  const picks = probabilities.map((p) => sampleIndex(p, rng.next()));
  const scores = scorer.score(
    batch.map((c) => c.turn),
    batch.map((c, i) => c.texts[picks[i] ?? 0] ?? ''),
  );
  const series = [...LINGUISTIC_REWARDS.map((r) => scores.rewards[r]), ...REASONING_CHECKS.map((c) => scores.checks[c])];
  const size = policy.weights.length;
  // One policy gradient per reward and per check: sum_i A_i grad log pi(a_i | x_i) / B.
  const gradients = series.map((values) => {
    const g = new Float32Array(size);
    advantages(values).forEach((a, i) => {
      const c = batch[i] as TurnChoice;
      if (a !== 0) policy.addLogProbGradient(c.choice, probabilities[i] as Float64Array, picks[i] ?? 0, a / batch.length, g);
    });
    return g;
  });
  const linguistic = LINGUISTIC_REWARDS.length;
  // MORE's Lagrangian is divided by 1 + sum(lambda), so its coefficients sum to 1 as fixed-mix's do:
  // rising multipliers shift the balance toward the checks without also lengthening the step.
  const lagrangianScale = 1 + state.lambdas.reduce((a, b) => a + b, 0);
  const coefficients =
    options.mode === 'fixed-mix' ? series.map(() => 1 / series.length) : [...state.weights, ...state.lambdas].map((c) => c / lagrangianScale);
  const gradient = new Float32Array(size);
  gradients.forEach((g, k) => {
    const w = coefficients[k] ?? 0;
    if (w !== 0) for (let i = 0; i < size; i++) gradient[i] = (gradient[i] ?? 0) + w * (g[i] ?? 0);
  });

  const checkMeans = REASONING_CHECKS.map((c) => mean(scores.checks[c]));
  let next = state;
  if (options.mode === 'more') {
    const { weights } = gradientAgreementWeights(state.weights, gradients.slice(0, linguistic), options.weightStep);
    const { state: multipliers, lambdas } = updateMultipliers(state.multipliers, options.thresholds, checkMeans, options.multiplierGains);
    next = { lambdas, multipliers, weights };
  }
  const total = batch.reduce((sum, _, i) => sum + series.reduce((s, values, k) => s + (coefficients[k] ?? 0) * (values[i] ?? 0), 0), 0) / batch.length;
  const points: MetricPoint[] = [
    { key: 'train/reward/total', step, value: total },
    ...LINGUISTIC_REWARDS.map((r) => ({ key: `train/reward/${r}`, step, value: mean(scores.rewards[r]) })),
    ...REASONING_CHECKS.map((c, j) => ({ key: `train/constraint/${c}`, step, value: checkMeans[j] ?? 0 })),
  ];
  if (options.mode === 'more') {
    points.push(
      ...REASONING_CHECKS.map((c, j) => ({ key: `train/lambda/${c}`, step, value: next.lambdas[j] ?? 0 })),
      ...LINGUISTIC_REWARDS.map((r, k) => ({ key: `train/weight/${r}`, step, value: next.weights[k] ?? 0 })),
    );
  }
  return { gradient, points, state: next };
}

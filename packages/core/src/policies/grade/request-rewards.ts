import { sampleDirichlet } from '../../fusion/dirichlet-sampler';
import { groupRewards, weightFloorPenalty } from '../../fusion/group-rewards';
import type { FusionGoal, RequestBatch } from '../../fusion/request-batch';
import type { Rng } from '../../rng';

/** GRADE's reward: 'composite' = posterior + priorCoef * prior - penaltyCoef * floor penalty; 'posterior' alone. */
export interface RewardOptions {
  reward: 'composite' | 'posterior';
  priorCoef: number;
  /** Cut-off of the prior (mean predicted signals of the top priorK); below the request size it moves with the ranking. */
  priorK: number;
  penaltyCoef: number;
  weightFloor: number;
}

/** Per objective, the mean prediction over a batch's candidates: divides the prior so objectives on different scales weigh alike. */
export function priorScales(batch: RequestBatch): Float64Array {
  const m = batch.objectives.length;
  const n = batch.predictions.length / m;
  const scales = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) scales[j]! += Math.abs(batch.predictions[i * m + j]!) / n;
  return scales.map((s) => (s > 1e-9 ? s : 1));
}

/**
 * One objective preference per request for training a preference-conditioned policy: the goal's
 * with probability 1 - mix, otherwise a uniform draw from the simplex, [n x K].
 */
export function trainingPreferences(count: number, goal: Float32Array, mix: number, rng: Rng): Float32Array {
  const m = goal.length;
  const out = new Float32Array(count * m);
  for (let i = 0; i < count; i++) out.set(rng.next() < mix ? sampleDirichlet(new Float32Array(m).fill(1), m, rng) : goal, i * m);
  return out;
}

/**
 * One scalar reward per sampled weight vector ([requests x groupSize x K] weights -> [requests x
 * groupSize]): the request's preference-weighted NDCG of the logged feedback under the sample's
 * ranking, plus (composite reward) the scaled predicted signals of its top-k and minus the penalty
 * for weights under the floor. `posterior` is the first part alone.
 */
export function sampledRewards(
  subset: Pick<RequestBatch, 'predictions' | 'labels' | 'offsets'>,
  weights: ArrayLike<number>,
  groupSize: number,
  preferences: Float32Array,
  goal: FusionGoal,
  options: RewardOptions,
  scales: Float64Array,
): { rewards: Float64Array; posterior: Float64Array } {
  const m = scales.length;
  const composite = options.reward === 'composite';
  // One pass gives both parts; the posterior-only reward simply leaves the prior unused.
  const parts = groupRewards({ ...subset, objectives: m, weights, groupSize, k: goal.k, priorK: options.priorK, form: goal.form });
  const { posterior } = parts;
  const prior = composite ? parts.prior : undefined;
  const rewards = new Float64Array(weights.length / m);
  const posteriorRewards = new Float64Array(rewards.length);
  const penalty = composite ? weightFloorPenalty(weights, m, options.weightFloor) : undefined;
  for (let s = 0; s < rewards.length; s++) {
    const p = Math.floor(s / groupSize) * m;
    let logged = 0;
    let predicted = 0;
    for (let j = 0; j < m; j++) {
      logged += preferences[p + j]! * posterior[s * m + j]!;
      if (prior) predicted += (preferences[p + j]! * prior[s * m + j]!) / scales[j]!;
    }
    posteriorRewards[s] = logged;
    rewards[s] = composite ? logged + options.priorCoef * predicted - options.penaltyCoef * penalty![s]! : logged;
  }
  return { rewards, posterior: posteriorRewards };
}

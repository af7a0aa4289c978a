import { type FusionForm, fuseScores, rankWithinRequests, requestCount } from './fuse-scores';
import { type NdcgGain, ndcgPerObjective, priorPerRequest } from './rerank-metrics';

export interface GroupRewardInput {
  predictions: ArrayLike<number>;
  objectives: number;
  offsets: ArrayLike<number>;
  /** Logged feedback [candidates, objectives]. */
  labels: ArrayLike<number>;
  /** groupSize sampled weight vectors per request, [requests, groupSize, objectives]. */
  weights: ArrayLike<number>;
  groupSize: number;
  /** Cutoff of the posterior NDCG. */
  k: number;
  /** Cutoff of the prior's top-k (default k). */
  priorK?: number;
  gain?: NdcgGain;
  form?: FusionForm;
}

export interface GroupRewards {
  /** Posterior reward: NDCG@k of the logged feedback under each sample's ranking, [requests, groupSize, objectives]; 0 where the request has nothing relevant for that objective (the same for the whole group, so it moves no advantage). */
  posterior: Float64Array;
  /** Prior reward: mean predicted signals of each sample's top-k, [requests, groupSize, objectives]. */
  prior: Float64Array;
}

/**
 * The reward parts GRADE combines, for every sampled weight vector of every request: each of the
 * groupSize samples re-ranks all requests at once (vectorised over requests).
 */
export function groupRewards(input: GroupRewardInput): GroupRewards {
  const { objectives: m, offsets, groupSize: g, weights } = input;
  const requests = requestCount(offsets);
  if (weights.length !== requests * g * m) throw new Error(`rewards: weights has ${weights.length} values, expected ${requests} requests x ${g} samples x ${m}`);
  const posterior = new Float64Array(requests * g * m);
  const prior = new Float64Array(requests * g * m);
  const sampleWeights = new Float64Array(requests * m);
  for (let s = 0; s < g; s++) {
    for (let r = 0; r < requests; r++) for (let j = 0; j < m; j++) sampleWeights[r * m + j] = weights[(r * g + s) * m + j]!;
    const order = rankWithinRequests(fuseScores({ ...input, weights: sampleWeights }), offsets);
    const ndcg = ndcgPerObjective(order, input.labels, m, offsets, input.k, input.gain).perRequest;
    const top = priorPerRequest(order, input.predictions, m, offsets, input.priorK ?? input.k);
    for (let r = 0; r < requests; r++) {
      for (let j = 0; j < m; j++) {
        const at = (r * g + s) * m + j;
        posterior[at] = Number.isNaN(ndcg[r * m + j]!) ? 0 : ndcg[r * m + j]!;
        prior[at] = top[r * m + j]!;
      }
    }
  }
  return { posterior, prior };
}

/**
 * Rule penalty against degenerate weights: per weight vector (rows of m), sum_k max(0, floor - w_k),
 * so a policy that drops an objective entirely pays for it.
 */
export function weightFloorPenalty(weights: ArrayLike<number>, m: number, floor: number): Float64Array {
  if (weights.length % m !== 0) throw new Error(`rewards: ${weights.length} weights do not split into rows of ${m}`);
  const out = new Float64Array(weights.length / m);
  for (let i = 0; i < out.length; i++) for (let j = 0; j < m; j++) out[i]! += Math.max(0, floor - weights[i * m + j]!);
  return out;
}

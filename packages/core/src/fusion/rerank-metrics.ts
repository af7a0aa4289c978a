import { checkRows, type FuseInput, fuseScores, rankWithinRequests, requestCount } from './fuse-scores';

/** 'exponential': 2^rel - 1 (as ndcgAtK, for 0/1 or graded labels); 'linear': rel (durations). */
export type NdcgGain = 'exponential' | 'linear';

export interface RankedNdcg {
  /** Mean NDCG@k per objective over the requests that have a relevant candidate for it (NaN if none). */
  mean: Float64Array;
  /** [requests, objectives]; NaN where the request has nothing relevant for that objective. */
  perRequest: Float64Array;
  /** Requests counted per objective. */
  counted: Uint32Array;
}

/**
 * NDCG@k of a ranking (from rankWithinRequests) against logged labels [candidates, labelCount], per
 * request and per objective: DCG@k = sum_{i<k} gain(label) / log2(i + 2) over the ranked candidates,
 * divided by the DCG@k of the request's ideal order.
 */
export function ndcgPerObjective(order: ArrayLike<number>, labels: ArrayLike<number>, labelCount: number, offsets: ArrayLike<number>, k: number, gain: NdcgGain = 'exponential'): RankedNdcg {
  if (!Number.isInteger(k) || k < 1) throw new Error(`rerank: k must be a positive integer, got ${k}`);
  const requests = requestCount(offsets);
  checkRows('labels', labels, offsets[requests]!, labelCount);
  const g = gain === 'linear' ? (v: number) => v : (v: number) => 2 ** v - 1;
  const discount = Float64Array.from({ length: k }, (_, i) => 1 / Math.log2(i + 2));
  const perRequest = new Float64Array(requests * labelCount).fill(Number.NaN);
  const sums = new Float64Array(labelCount);
  const counted = new Uint32Array(labelCount);
  const ideal = new Float64Array(Math.max(0, ...Array.from({ length: requests }, (_, r) => offsets[r + 1]! - offsets[r]!)));
  for (let r = 0; r < requests; r++) {
    const start = offsets[r]!;
    const size = offsets[r + 1]! - start;
    const top = Math.min(k, size);
    for (let j = 0; j < labelCount; j++) {
      let dcg = 0;
      for (let i = 0; i < top; i++) dcg += g(labels[order[start + i]! * labelCount + j]!) * discount[i]!;
      const best = ideal.subarray(0, size);
      for (let i = 0; i < size; i++) best[i] = labels[(start + i) * labelCount + j]!;
      best.sort().reverse();
      let idcg = 0;
      for (let i = 0; i < top; i++) idcg += g(best[i]!) * discount[i]!;
      if (idcg > 0) {
        perRequest[r * labelCount + j] = dcg / idcg;
        sums[j]! += dcg / idcg;
        counted[j]!++;
      }
    }
  }
  return { mean: sums.map((s, j) => (counted[j]! > 0 ? s / counted[j]! : Number.NaN)), perRequest, counted };
}

/** Prior reward per request: the mean prediction of its top-k candidates, [requests, objectives] (NaN for an empty request). */
export function priorPerRequest(order: ArrayLike<number>, predictions: ArrayLike<number>, objectives: number, offsets: ArrayLike<number>, k: number): Float64Array {
  const requests = requestCount(offsets);
  checkRows('predictions', predictions, offsets[requests]!, objectives);
  const out = new Float64Array(requests * objectives);
  for (let r = 0; r < requests; r++) {
    const top = Math.min(k, offsets[r + 1]! - offsets[r]!);
    for (let i = 0; i < top; i++) {
      const row = order[offsets[r]! + i]!;
      for (let j = 0; j < objectives; j++) out[r * objectives + j]! += predictions[row * objectives + j]! / top;
    }
    if (top === 0) out.fill(Number.NaN, r * objectives, (r + 1) * objectives);
  }
  return out;
}

/** Prior reward: per objective, the mean over (non-empty) requests of the mean prediction of the top-k candidates. */
export function priorTopK(order: ArrayLike<number>, predictions: ArrayLike<number>, objectives: number, offsets: ArrayLike<number>, k: number): Float64Array {
  const perRequest = priorPerRequest(order, predictions, objectives, offsets, k);
  const out = new Float64Array(objectives);
  let counted = 0;
  for (let r = 0; r < perRequest.length / objectives; r++) {
    if (Number.isNaN(perRequest[r * objectives]!)) continue;
    counted++;
    for (let j = 0; j < objectives; j++) out[j]! += perRequest[r * objectives + j]!;
  }
  return out.map((v) => (counted > 0 ? v / counted : Number.NaN));
}

/** Composite: sum_k preference_k * metric_k (the user-chosen balance of the objectives). */
export function composite(metrics: ArrayLike<number>, preference: ArrayLike<number>): number {
  if (metrics.length !== preference.length) throw new Error(`rerank: ${metrics.length} metrics but ${preference.length} preference weights`);
  let total = 0;
  for (let j = 0; j < metrics.length; j++) total += preference[j]! * metrics[j]!;
  return total;
}

export interface RerankEvaluationInput extends FuseInput {
  /** Logged feedback [candidates, objectives], same objective order as predictions. */
  labels: ArrayLike<number>;
  k: number;
  gain?: NdcgGain;
  /** Objective preference for the composite; equal weights when absent. */
  preference?: ArrayLike<number>;
}

export interface RerankEvaluation {
  ndcg: RankedNdcg;
  /** Prior reward (mean predicted signals of the top-k) per objective. */
  prior: Float64Array;
  /** composite(ndcg.mean, preference). */
  composite: number;
  order: Uint32Array;
}

/** Fuse, rank every request's logged candidates, and score the rankings. */
export function evaluateReranking(input: RerankEvaluationInput): RerankEvaluation {
  const m = input.objectives;
  const order = rankWithinRequests(fuseScores(input), input.offsets);
  const ndcg = ndcgPerObjective(order, input.labels, m, input.offsets, input.k, input.gain);
  const preference = input.preference ?? new Float64Array(m).fill(1 / m);
  return { ndcg, prior: priorTopK(order, input.predictions, m, input.offsets, input.k), composite: composite(ndcg.mean, preference), order };
}

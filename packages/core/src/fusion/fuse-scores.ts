// Re-ranking works on candidates grouped by request: request r owns candidates
// offsets[r] .. offsets[r + 1] - 1; per-candidate values are row-major [candidates, objectives].

/** 'sum': score = sum_k w_k pred_k; 'product': score = prod_k pred_k^w_k (predictions clipped to PRODUCT_FLOOR). */
export type FusionForm = 'sum' | 'product';

/** Keeps the product form finite for zero or negative predictions. */
const PRODUCT_FLOOR = 1e-12;

export interface FuseInput {
  predictions: ArrayLike<number>;
  objectives: number;
  offsets: ArrayLike<number>;
  /** One weight vector per request ([requests, objectives]) or one shared vector ([objectives]). */
  weights: ArrayLike<number>;
  form?: FusionForm;
}

/** Number of requests, after checking offsets start at 0 and never decrease. */
export function requestCount(offsets: ArrayLike<number>): number {
  if (offsets.length < 1 || offsets[0] !== 0) throw new Error('rerank: offsets must start at 0');
  for (let r = 1; r < offsets.length; r++) {
    if (offsets[r]! < offsets[r - 1]!) throw new Error(`rerank: offsets decrease at request ${r - 1}`);
  }
  return offsets.length - 1;
}

export function checkRows(what: string, values: ArrayLike<number>, candidates: number, width: number): void {
  if (values.length !== candidates * width) throw new Error(`rerank: ${what} has ${values.length} values, expected ${candidates} candidates x ${width}`);
}

/** The fused score of every candidate under its request's weights. */
export function fuseScores({ predictions, objectives: m, offsets, weights, form = 'sum' }: FuseInput): Float32Array {
  const requests = requestCount(offsets);
  const n = offsets[requests]!;
  checkRows('predictions', predictions, n, m);
  const shared = weights.length === m;
  if (!shared && weights.length !== requests * m) throw new Error(`rerank: weights has ${weights.length} values, expected ${m} or ${requests} requests x ${m}`);
  const scores = new Float32Array(n);
  for (let r = 0; r < requests; r++) {
    const w = shared ? 0 : r * m;
    for (let i = offsets[r]!; i < offsets[r + 1]!; i++) {
      let s = 0;
      if (form === 'sum') for (let k = 0; k < m; k++) s += weights[w + k]! * predictions[i * m + k]!;
      else {
        for (let k = 0; k < m; k++) s += weights[w + k]! * Math.log(Math.max(PRODUCT_FLOOR, predictions[i * m + k]!));
        s = Math.exp(s);
      }
      scores[i] = s;
    }
  }
  return scores;
}

/**
 * Candidate indices with each request's block sorted by score, best first; equal scores keep the
 * logged order (so a constant score reproduces the logged ranking).
 */
export function rankWithinRequests(scores: ArrayLike<number>, offsets: ArrayLike<number>): Uint32Array {
  const requests = requestCount(offsets);
  if (scores.length !== offsets[requests]) throw new Error(`rerank: ${scores.length} scores for ${offsets[requests]} candidates`);
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i);
  for (let r = 0; r < requests; r++) order.subarray(offsets[r]!, offsets[r + 1]!).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order;
}

import { batchGoal, type FusionGoal, type FusionPolicy, type RequestBatch, requestCount } from './request-batch';
import { evaluateReranking, type RerankEvaluation } from './rerank-metrics';

/** Re-ranks a batch's requests under per-request ([R x K]) or shared ([K]) weights and scores it by its goal. */
export function evaluateBatch(batch: RequestBatch, weights: ArrayLike<number>, goal: FusionGoal = batchGoal(batch)): RerankEvaluation {
  const { predictions, labels, offsets, objectives } = batch;
  return evaluateReranking({ predictions, labels, offsets, objectives: objectives.length, weights, k: goal.k, form: goal.form, preference: goal.preference });
}

/** The requests `indices` of a batch (in that order) as a batch of their own, goal kept. */
export function sliceRequests(batch: RequestBatch, indices: ArrayLike<number>): RequestBatch {
  const k = batch.objectives.length;
  const { steps } = batch.history;
  const d = batch.contextDim;
  const count = indices.length;
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const r = indices[i]!;
    offsets[i + 1] = offsets[i]! + batch.offsets[r + 1]! - batch.offsets[r]!;
  }
  const predictions = new Float32Array(offsets[count]! * k);
  const labels = new Float32Array(offsets[count]! * k);
  const context = new Float32Array(count * d);
  const items = new Int32Array(count * steps);
  const gaps = new Float32Array(count * steps);
  const feedback = new Float32Array(count * steps * k);
  for (let i = 0; i < count; i++) {
    const r = indices[i]!;
    const [from, to] = [batch.offsets[r]! * k, batch.offsets[r + 1]! * k];
    predictions.set(batch.predictions.subarray(from, to), offsets[i]! * k);
    labels.set(batch.labels.subarray(from, to), offsets[i]! * k);
    context.set(batch.context.subarray(r * d, (r + 1) * d), i * d);
    items.set(batch.history.items.subarray(r * steps, (r + 1) * steps), i * steps);
    gaps.set(batch.history.gaps.subarray(r * steps, (r + 1) * steps), i * steps);
    feedback.set(batch.history.feedback.subarray(r * steps * k, (r + 1) * steps * k), i * steps * k);
  }
  const pick = <T extends Int32Array | Float64Array>(values: T): T => {
    const out = new (values.constructor as new (n: number) => T)(count);
    for (let i = 0; i < count; i++) out[i] = values[indices[i]!]!;
    return out;
  };
  return {
    ...batch,
    predictions,
    labels,
    offsets,
    users: pick(batch.users),
    times: pick(batch.times),
    context,
    history: { steps, items, gaps, feedback, length: pick(batch.history.length) },
  };
}

/** The policy's weights on each batch (in order); the policy is disposed afterwards, even when one throws. */
export function lastWeights(policy: FusionPolicy, batches: readonly RequestBatch[]): Float32Array[] {
  try {
    return batches.map((batch) => policy.weights(batch));
  } finally {
    policy.dispose?.();
  }
}

/** The same weight vector for every request. */
export function constantPolicy(weights: ArrayLike<number>): FusionPolicy {
  const w = Float32Array.from(weights);
  return {
    weights: (batch) => {
      const out = new Float32Array(requestCount(batch) * w.length);
      for (let r = 0; r < requestCount(batch); r++) out.set(w, r * w.length);
      return out;
    },
  };
}

/** Rows of w scaled by the preference and renormalised (w_k p_k / sum_j w_j p_j); the preference where a row vanishes. */
export function tiltWeights(weights: Float32Array, preference: ArrayLike<number>): Float32Array {
  const k = preference.length;
  const out = new Float32Array(weights.length);
  for (let r = 0; r < weights.length / k; r++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += weights[r * k + j]! * preference[j]!;
    for (let j = 0; j < k; j++) out[r * k + j] = sum > 0 ? (weights[r * k + j]! * preference[j]!) / sum : preference[j]!;
  }
  return out;
}

/**
 * How much weights vary across users: per user the mean of their requests' weight rows, then per
 * objective the mean and standard deviation over users. A constant policy has std 0.
 */
export function weightSpread(users: ArrayLike<number>, weights: ArrayLike<number>, k: number): { mean: Float64Array; std: Float64Array } {
  const sums = new Map<number, { n: number; w: Float64Array }>();
  for (let r = 0; r < users.length; r++) {
    const entry = sums.get(users[r]!) ?? { n: 0, w: new Float64Array(k) };
    sums.set(users[r]!, entry);
    entry.n++;
    for (let j = 0; j < k; j++) entry.w[j]! += weights[r * k + j]!;
  }
  const mean = new Float64Array(k);
  const square = new Float64Array(k);
  for (const { n, w } of sums.values()) {
    for (let j = 0; j < k; j++) {
      mean[j]! += w[j]! / n / sums.size;
      square[j]! += (w[j]! / n) ** 2 / sums.size;
    }
  }
  return { mean, std: mean.map((m, j) => Math.sqrt(Math.max(0, square[j]! - m * m))) };
}

/** Per request, the index of the same user's next request in the batch (requests of a user are in time order), or -1. */
export function nextRequestOfUser(users: ArrayLike<number>): Int32Array {
  const next = new Int32Array(users.length).fill(-1);
  for (let r = 0; r + 1 < users.length; r++) if (users[r + 1] === users[r]) next[r] = r + 1;
  return next;
}

/** Softmax of each row of `logits` (rows of k), in place into `out`. */
export function softmaxRows(logits: ArrayLike<number>, k: number, out = new Float32Array(logits.length)): Float32Array {
  for (let r = 0; r < logits.length / k; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[r * k + j]!);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      out[r * k + j] = Math.exp(logits[r * k + j]! - max);
      sum += out[r * k + j]!;
    }
    for (let j = 0; j < k; j++) out[r * k + j]! /= sum;
  }
  return out;
}

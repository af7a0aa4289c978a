import type { RequestBatch } from '../../fusion/request-batch';
import { requestCount } from '../../fusion/request-batch';

/**
 * Hand-made request state for policies without a sequence encoder: the context, a pooled summary of
 * the history (mean logged feedback per objective, log1p of its length and of the mean gap in
 * seconds), and the candidates' predicted signals (log1p of the count, mean and std per objective),
 * since which weights work best depends on how the predictions spread within the request.
 */
export function requestStateFeatures(batch: RequestBatch, options: { context?: boolean; history?: boolean } = {}): { values: Float32Array; dim: number } {
  const useContext = options.context ?? true;
  const useHistory = options.history ?? true;
  const r = requestCount(batch);
  const m = batch.objectives.length;
  const t = batch.history.steps;
  const dim = (useContext ? batch.contextDim : 0) + (useHistory ? m + 2 : 0) + (useContext ? 1 + 2 * m : 0);
  const values = new Float32Array(r * dim);
  for (let q = 0; q < r; q++) {
    let at = q * dim;
    if (useContext) {
      for (let j = 0; j < batch.contextDim; j++) values[at++] = batch.context[q * batch.contextDim + j]!;
    }
    if (useHistory) {
      const length = batch.history.length[q]!;
      let gapSum = 0;
      for (let s = t - length; s < t; s++) {
        gapSum += batch.history.gaps[q * t + s]!;
        for (let j = 0; j < m; j++) values[at + j]! += batch.history.feedback[(q * t + s) * m + j]! / length;
      }
      at += m;
      values[at++] = Math.log1p(length);
      values[at++] = length > 0 ? Math.log1p(gapSum / length) : 0;
    }
    if (useContext) {
      const start = batch.offsets[q]!;
      const size = batch.offsets[q + 1]! - start;
      values[at++] = Math.log1p(size);
      for (let j = 0; j < m; j++) {
        let sum = 0;
        let squares = 0;
        for (let i = start; i < start + size; i++) {
          const p = batch.predictions[i * m + j]!;
          sum += p;
          squares += p * p;
        }
        const mean = size > 0 ? sum / size : 0;
        values[at + j] = mean;
        values[at + m + j] = size > 0 ? Math.sqrt(Math.max(0, squares / size - mean * mean)) : 0;
      }
    }
  }
  return { values, dim };
}

/** Per-column mean and std of [rows x dim] values, fitted on training states and reused as is. */
export class Standardizer {
  readonly mean: Float32Array;
  readonly scale: Float32Array;

  constructor(values: Float32Array, dim: number) {
    const rows = dim > 0 ? values.length / dim : 0;
    this.mean = new Float32Array(dim);
    this.scale = new Float32Array(dim).fill(1);
    if (rows === 0) return;
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let q = 0; q < rows; q++) sum += values[q * dim + j]!;
      const mean = sum / rows;
      let variance = 0;
      for (let q = 0; q < rows; q++) variance += (values[q * dim + j]! - mean) ** 2 / rows;
      this.mean[j] = mean;
      // Constant columns stay at 0 instead of dividing by ~0.
      this.scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
    }
  }

  apply(values: Float32Array): Float32Array {
    const dim = this.mean.length;
    return values.map((v, i) => (v - this.mean[i % dim]!) / this.scale[i % dim]!);
  }
}

/** Rows `ids` of a [rows x dim] array. */
export function gatherRows<T extends Float32Array | Int32Array>(values: T, dim: number, ids: ArrayLike<number>): T {
  const out = new (values.constructor as new (n: number) => T)(ids.length * dim);
  for (let i = 0; i < ids.length; i++) out.set(values.subarray(ids[i]! * dim, (ids[i]! + 1) * dim), i * dim);
  return out;
}

/**
 * The policy input of requests `ids`: their standardised states followed by the objective preference
 * each is ranked for ([n x K], or one [K] vector for all), [n x (dim + K)].
 */
export function preferenceStates(states: Float32Array, dim: number, ids: ArrayLike<number>, preferences: Float32Array, m: number): Float32Array {
  const width = dim + m;
  const shared = preferences.length === m;
  const out = new Float32Array(ids.length * width);
  for (let i = 0; i < ids.length; i++) {
    out.set(states.subarray(ids[i]! * dim, (ids[i]! + 1) * dim), i * width);
    out.set(shared ? preferences : preferences.subarray(i * m, (i + 1) * m), i * width + dim);
  }
  return out;
}

import type { RequestBatch } from '../fusion/request-batch';

/** Standardises context features with the training batch's mean and std (constant features map to 0). */
export interface ContextScaler {
  mean: Float32Array;
  std: Float32Array;
}

export function fitContextScaler(batch: RequestBatch): ContextScaler {
  const d = batch.contextDim;
  const rows = batch.context.length / d;
  const mean = new Float32Array(d);
  const square = new Float32Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) {
      const v = batch.context[r * d + j]!;
      mean[j]! += v / rows;
      square[j]! += (v * v) / rows;
    }
  }
  const std = mean.map((m, j) => Math.sqrt(Math.max(0, square[j]! - m * m)));
  return { mean, std };
}

/** The batch's context rows standardised, each with a trailing 1 (bias), [R x (d + 1)]. */
export function scaledContext(scaler: ContextScaler, batch: RequestBatch): Float32Array {
  const d = batch.contextDim;
  const rows = batch.context.length / d;
  const out = new Float32Array(rows * (d + 1));
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) {
      const std = scaler.std[j]!;
      out[r * (d + 1) + j] = std > 1e-8 ? (batch.context[r * d + j]! - scaler.mean[j]!) / std : 0;
    }
    out[r * (d + 1) + d] = 1;
  }
  return out;
}

import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { lgammaScalar } from './special-functions';

// Sampling in plain JS with the project's seeded Rng: tf.randomGamma returns NaN for a tensor alpha
// on wasm, and a seeded stream keeps GRADE's groups reproducible on every backend.

/**
 * log of one Gamma(shape, 1) draw (Marsaglia & Tsang 2000). Shapes below 1 use
 * Gamma(a) = Gamma(a + 1) * U^(1/a); the log form keeps tiny shapes from underflowing to 0.
 */
export function sampleLogGamma(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new Error(`gamma: shape must be > 0, got ${shape}`);
  if (shape < 1) return sampleLogGamma(shape + 1, rng) + Math.log(1 - rng.next()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/**
 * One Dirichlet draw per row of alpha (flat, rows * k values): independent Gammas normalised to
 * sum 1, computed from their logs (max subtracted) so rows with small concentrations stay finite.
 */
export function sampleDirichlet(alpha: ArrayLike<number>, k: number, rng: Rng): Float32Array {
  if (!Number.isInteger(k) || k < 1 || alpha.length % k !== 0) throw new Error(`dirichlet: ${alpha.length} concentrations do not split into rows of ${k}`);
  const out = new Float32Array(alpha.length);
  const logs = new Float64Array(k);
  for (let row = 0; row < alpha.length; row += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      logs[j] = sampleLogGamma(alpha[row + j]!, rng);
      max = Math.max(max, logs[j]!);
    }
    let sum = 0;
    for (let j = 0; j < k; j++) {
      logs[j] = Math.exp(logs[j]! - max);
      sum += logs[j]!;
    }
    for (let j = 0; j < k; j++) out[row + j] = logs[j]! / sum;
  }
  return out;
}

/** sampleDirichlet for a [n, K] concentration tensor, returning [n, K] weights (any backend). */
export function sampleDirichletTensor(alpha: tf.Tensor2D, rng: Rng): tf.Tensor2D {
  const [n, k] = alpha.shape;
  return tf.tensor2d(sampleDirichlet(alpha.dataSync(), k, rng), [n, k]);
}

/** log Dir(x | alpha) in double precision for one point (reference values, plain-JS callers). */
export function dirichletLogDensity(alpha: ArrayLike<number>, x: ArrayLike<number>): number {
  if (alpha.length !== x.length) throw new Error(`dirichlet: ${alpha.length} concentrations but a point of ${x.length}`);
  let alpha0 = 0;
  let value = 0;
  for (let j = 0; j < alpha.length; j++) {
    alpha0 += alpha[j]!;
    value += (alpha[j]! - 1) * Math.log(x[j]!) - lgammaScalar(alpha[j]!);
  }
  return value + lgammaScalar(alpha0);
}

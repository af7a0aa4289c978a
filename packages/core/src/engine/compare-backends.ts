import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Runs `compute` on a backend and returns its results as plain arrays (no tensor escapes). */
export async function onBackend(name: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") returned false`);
  return tf.tidy(compute).map((t) => {
    const values = Float32Array.from(t.dataSync());
    t.dispose();
    return values;
  });
}

/** Largest |a - b| relative to the largest |b| (1 when b is all zeros). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

/** Seeded standard-normal tensor, so both backends see the same inputs. */
export function normal(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

/** The relative error (see relativeError) of each output of `compute` on wasm against cpu. */
export async function wasmErrors(compute: () => tf.Tensor[]): Promise<number[]> {
  const expected = await onBackend('cpu', compute);
  const actual = await onBackend('wasm', compute);
  if (actual.length !== expected.length) throw new Error(`wasm gave ${actual.length} outputs, cpu ${expected.length}`);
  return expected.map((values, i) => relativeError(actual[i]!, values));
}

/** Value and gradients of sum(f(inputs) * r) for a fixed random r: checks every output element. */
export function valueAndGrads(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], seed: number): tf.Tensor[] {
  const weighted = (...xs: tf.Tensor[]) => {
    const y = f(...xs);
    return tf.sum(tf.mul(y, normal(y.shape, seed)));
  };
  return [f(...inputs), ...tf.grads(weighted)(inputs)];
}

/** Every (transposeA, transposeB) pair of a matmul. */
export const TRANSPOSE_FLAGS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** Operand of op(x) in a matmul test: [...outer, rows, cols], stored transposed when `transposed`. */
export function matMulOperand(outer: number[], rows: number, cols: number, transposed: boolean, seed: number): tf.Tensor {
  return normal([...outer, ...(transposed ? [cols, rows] : [rows, cols])], seed);
}

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeBackend, initBackend } from './backend';
import { Rng } from './rng';

/** Plain JS reference: op(A) x op(B) for row-major matrices. */
function reference(a: number[][], b: number[][], transposeA: boolean, transposeB: boolean): number[][] {
  const A = transposeA ? a[0]!.map((_, j) => a.map((row) => row[j]!)) : a;
  const B = transposeB ? b[0]!.map((_, j) => b.map((row) => row[j]!)) : b;
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, v, k) => s + v * B[k]![j]!, 0)));
}

describe('wasm matmul with transposes', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('gives the same products for every transpose combination, fused or not', () => {
    const rng = new Rng(1);
    const matrix = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal()));
    for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = transposeA ? matrix(4, 3) : matrix(3, 4);
      const b = transposeB ? matrix(5, 4) : matrix(4, 5);
      const expected = reference(a, b, transposeA, transposeB);
      const plain = tf.matMul(tf.tensor2d(a), tf.tensor2d(b), transposeA, transposeB).arraySync() as number[][];
      const fused = tf.fused
        .matMul({ a: tf.tensor2d(a), b: tf.tensor2d(b), transposeA, transposeB, bias: tf.fill([5], 0.5), activation: 'relu' })
        .arraySync() as number[][];
      expected.forEach((row, i) => {
        row.forEach((v, j) => {
          expect(plain[i]![j]).toBeCloseTo(v, 5);
          expect(fused[i]![j]).toBeCloseTo(Math.max(0, v + 0.5), 5);
        });
      });
    }
    expect(activeBackend()).not.toBeNull();
  });
});

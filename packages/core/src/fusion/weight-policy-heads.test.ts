import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { concentrationsFromLogits, diagonalGaussianLogProb } from './weight-policy-heads';

beforeAll(async () => {
  await initBackend();
});

describe('weight policy heads', () => {
  it('concentrations are softplus + eps', () => {
    const alpha = concentrationsFromLogits(tf.tensor2d([[0, -50, 3]]), 0.01).dataSync();
    expect(alpha[0]).toBeCloseTo(Math.log(2) + 0.01, 6);
    expect(alpha[1]).toBeCloseTo(0.01, 6);
    expect(alpha[2]).toBeCloseTo(Math.log1p(Math.exp(3)) + 0.01, 5);
  });

  it('diagonal Gaussian log-density matches the closed form and its mean gradient (z - mu) / sigma^2', () => {
    // Row 1: standard normal at 0 in 2 dims. Row 2: N(1, e^2) at 3 and N(0, 1) at -1 (shared logStd [1, 0]).
    const mean = tf.tensor2d([[0, 0], [1, 0]]);
    const logStd = tf.tensor1d([0, 0]);
    const z = tf.tensor2d([[0, 0], [3, -1]]);
    const values = diagonalGaussianLogProb(mean, logStd, z).dataSync();
    expect(values[0]).toBeCloseTo(-Math.log(2 * Math.PI), 5);
    expect(values[1]).toBeCloseTo(-Math.log(2 * Math.PI) - 0.5 * (4 + 1), 5);
    const logStd2 = tf.tensor1d([1, 0]);
    const scaled = diagonalGaussianLogProb(mean, logStd2, z).dataSync();
    expect(scaled[1]).toBeCloseTo(-0.5 * (4 / Math.E ** 2 + 1) - 1 - Math.log(2 * Math.PI), 5);
    const grad = tf.grad((m: tf.Tensor) => diagonalGaussianLogProb(m as tf.Tensor2D, logStd2, z).sum())(mean).dataSync();
    expect(grad[2]).toBeCloseTo(2 / Math.E ** 2, 5);
    expect(grad[3]).toBeCloseTo(-1, 5);
  });
});

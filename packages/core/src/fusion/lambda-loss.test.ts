import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { lambdaLoss } from './lambda-loss';

beforeAll(async () => {
  await initBackend();
});

const l3 = Math.log2(3);
const value = (t: tf.Tensor) => t.dataSync()[0]!;

describe('lambdaLoss (NDCG-Loss2)', () => {
  it('matches a hand count for one relevant and one irrelevant item', () => {
    // Ranks 1 and 2: delta = 1 - 1/log2(3); G = (1, 0) after dividing by the ideal DCG 1.
    const weight = 1 - 1 / l3;
    expect(value(lambdaLoss(tf.tensor2d([[0, 0]]), [1, 0], [1, 1]))).toBeCloseTo(weight, 5);
    // -log2 sigmoid(2) = softplus(-2) / ln 2.
    expect(value(lambdaLoss(tf.tensor2d([[2, 0]]), [1, 0], [1, 1]))).toBeCloseTo((weight * Math.log1p(Math.exp(-2))) / Math.LN2, 5);
    // Ranked the wrong way round the ranks swap but |rank difference| and the weight stay.
    expect(value(lambdaLoss(tf.tensor2d([[0, 2]]), [1, 0], [1, 1]))).toBeCloseTo((weight * Math.log1p(Math.exp(2))) / Math.LN2, 5);
  });

  it('ignores padded items, lists without relevance, and averages over lists', () => {
    const weight = 1 - 1 / l3;
    // List 1: a padded third item with a huge score changes nothing. List 2: nothing relevant -> 0.
    const loss = lambdaLoss(tf.tensor2d([[0, 0, 9], [1, 2, 3]]), [1, 0, 5, 0, 0, 0], [1, 1, 0, 1, 1, 1]);
    expect(value(loss)).toBeCloseTo(weight / 2, 5);
    expect(() => lambdaLoss(tf.tensor2d([[0, 0]]), [1], [1, 1])).toThrow(/need 1 x 2 values/);
  });

  it('pushes relevant items up: gradient signs and magnitude', () => {
    const scores = tf.tensor2d([[0.5, 0.3, -0.2]]);
    const labels = [0, 2, 1];
    const grad = tf.grad((s: tf.Tensor) => lambdaLoss(s as tf.Tensor2D, labels, [1, 1, 1]))(scores).dataSync();
    // The top-scored irrelevant item goes down, the most relevant one up; gradients sum to 0.
    expect(grad[0]!).toBeGreaterThan(0);
    expect(grad[1]!).toBeLessThan(0);
    expect(grad[0]! + grad[1]! + grad[2]!).toBeCloseTo(0, 6);
    // Finite differences with the pair weights held at these ranks (small steps keep the order).
    const h = 1e-3;
    const base = [0.5, 0.3, -0.2];
    base.forEach((_, k) => {
      const at = (d: number) => value(lambdaLoss(tf.tensor2d([base.map((v, j) => (j === k ? v + d : v))]), labels, [1, 1, 1]));
      expect(grad[k]!).toBeCloseTo((at(h) - at(-h)) / (2 * h), 3);
    });
  });
});

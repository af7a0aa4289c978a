import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { clippedSurrogateLoss, groupAdvantages } from './group-policy-loss';

beforeAll(async () => {
  await initBackend();
});

describe('groupAdvantages', () => {
  it('standardises within each group', () => {
    // Group 1: 1, 2, 3 -> mean 2, population std sqrt(2/3). Group 2 is constant -> zeros.
    const a = groupAdvantages([1, 2, 3, 5, 5, 5], 3);
    const s = Math.sqrt(2 / 3);
    [-1 / s, 0, 1 / s, 0, 0, 0].forEach((v, i) => {
      expect(a[i]).toBeCloseTo(v, 5);
    });
    expect(() => groupAdvantages([1, 2, 3], 2)).toThrow(/do not split into groups of 2/);
  });
});

describe('clippedSurrogateLoss', () => {
  it('clips the ratio on the side the advantage pushes, by hand', () => {
    // Ratio 1.5 with A = 1: min(1.5, 1.2) = 1.2. Ratio 0.5 with A = -1: min(-0.5, -0.8) = -0.8.
    // Ratio 1.1 with A = 2: inside the clip range, 2.2.
    const logProb = tf.tensor1d([Math.log(1.5), Math.log(0.5), Math.log(1.1)]);
    const loss = clippedSurrogateLoss(logProb, tf.zeros([3]) as tf.Tensor1D, tf.tensor1d([1, -1, 2]));
    expect(loss.dataSync()[0]).toBeCloseTo(-(1.2 - 0.8 + 2.2) / 3, 5);
    // Gradient flows only through unclipped terms: d/dlogp of -(rho A)/3 = -rho A / 3 for the third.
    const grad = tf.grad((lp: tf.Tensor) => clippedSurrogateLoss(lp as tf.Tensor1D, tf.zeros([3]) as tf.Tensor1D, tf.tensor1d([1, -1, 2])))(logProb);
    const g = grad.dataSync();
    expect(g[0]).toBeCloseTo(0, 6);
    expect(g[1]).toBeCloseTo(0, 6);
    expect(g[2]).toBeCloseTo((-1.1 * 2) / 3, 5);
  });
});

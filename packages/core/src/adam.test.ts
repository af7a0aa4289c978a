import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { initBackend } from './backend';

describe('Adam', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('takes the bias-corrected first step of size learningRate against the gradient sign', () => {
    const x = tf.variable(tf.tensor1d([1, -2, 3]));
    new Adam([x], { learningRate: 0.1 }).apply([tf.tensor1d([0.5, -4, 0])]);
    const values = x.dataSync();
    expect(values[0]).toBeCloseTo(0.9, 5);
    expect(values[1]).toBeCloseTo(-1.9, 5);
    expect(values[2]).toBeCloseTo(3, 6);
  });

  it('decays weights decoupled from the gradient: x <- x (1 - lr wd) when the gradient is zero', () => {
    const x = tf.variable(tf.tensor1d([1, -2]));
    const adam = new Adam([x], { learningRate: 0.1, weightDecay: 0.5 });
    for (let i = 0; i < 3; i++) adam.apply([tf.zeros([2])]);
    const values = x.dataSync();
    expect(values[0]).toBeCloseTo(0.95 ** 3, 6);
    expect(values[1]).toBeCloseTo(-2 * 0.95 ** 3, 6);
  });
});

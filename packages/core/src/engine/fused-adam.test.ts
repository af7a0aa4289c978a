import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Adam } from '../adam';
import { normal, onBackend, relativeError } from './compare-backends';
import { installWasmKernelFixes } from './index';

/** Five Adam(W) steps on two variables with changing gradients; returns the variables and moments. */
function adamSteps(): tf.Tensor[] {
  const variables = [tf.variable(normal([40, 7], 1)), tf.variable(normal([7], 2))];
  const adam = new Adam(variables, { learningRate: 0.05, weightDecay: 0.1 });
  for (let step = 0; step < 5; step++) adam.apply(variables.map((x, i) => normal(x.shape, 10 * step + i + 3)));
  const { tensors } = adam.getState();
  return [...variables, ...tensors.map((t) => t.tensor)].map((t) => t.clone());
}

describe('fused Adam on wasm', () => {
  it('gives the variables and moments of the op-by-op update on cpu', async () => {
    const expected = await onBackend('cpu', adamSteps);
    const actual = await onBackend('wasm', adamSteps);
    expect(actual).toHaveLength(6);
    for (const [i, values] of expected.entries()) expect(relativeError(actual[i]!, values), `tensor ${i}`).toBeLessThan(1e-5);
  });

  it('never changes another tensor that shares a variable data (clones, restored moments)', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    installWasmKernelFixes(tf);
    const x = tf.variable(tf.tensor1d([1, -2, 3]));
    const before = x.clone(); // shares x's storage
    const adam = new Adam([x], { learningRate: 0.1 });
    adam.setState(3, { 'm/0': tf.tensor1d([0.5, 0.5, 0.5]), 'v/0': tf.tensor1d([1, 1, 1]) });
    const restored = adam.getState().tensors[0]!.tensor.clone();
    adam.apply([tf.tensor1d([1, 1, 1])]);
    expect(Array.from(before.dataSync())).toEqual([1, -2, 3]);
    expect(Array.from(restored.dataSync())).toEqual([0.5, 0.5, 0.5]);
    expect(x.dataSync()[0]).toBeLessThan(1);
    expect(adam.getState().tensors[0]!.tensor.dataSync()[0]).toBeCloseTo(0.9 * 0.5 + 0.1, 6);
  });

  it('leaves no kernel reading stale weights: a matmul after the step uses the new values', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const a = normal([64, 48], 4);
    const w = tf.variable(normal([48, 40], 5));
    tf.matMul(a, w).dispose(); // XNNPACK packs (and caches) the weights of this product
    new Adam([w], { learningRate: 0.5 }).apply([normal([48, 40], 6)]);
    const fresh = tf.tensor2d(w.dataSync(), [48, 40]);
    expect(relativeError(tf.matMul(a, w).dataSync() as Float32Array, tf.matMul(a, fresh).dataSync() as Float32Array)).toBeLessThan(1e-6);
  });
});

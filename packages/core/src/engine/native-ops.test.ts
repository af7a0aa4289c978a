import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Adam } from '../adam';
import { normal, valueAndGrads, wasmErrors } from './compare-backends';
import { installWasmKernelFixes } from './index';
import { nativeAddon } from './native-addon';

const TOLERANCE = 1e-5;
const addon = nativeAddon();

/** Compares `compute` on wasm with cpu and checks that the native `kernel` ran on wasm. */
async function expectNativeMatchesCpu(kernel: keyof NonNullable<typeof addon>, compute: () => tf.Tensor[]): Promise<void> {
  const spy = vi.spyOn(addon!, kernel);
  for (const [i, error] of (await wasmErrors(compute)).entries()) expect(error, `output ${i}`).toBeLessThan(TOLERANCE);
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();
}

describe.skipIf(!addon)('native memory-bound kernels on wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    installWasmKernelFixes(tf);
  });

  it('sums over one run of axes like cpu, with and without keepDims', async () => {
    await expectNativeMatchesCpu('sumAxis', () => {
      const x = normal([33, 4, 7, 5], 1);
      return [
        tf.sum(x, 0),
        tf.sum(x, 1, true),
        tf.sum(x, [1, 2]),
        tf.sum(x, -1),
        tf.sum(x),
        tf.sum(x, [2, 1, 3], true),
        tf.sum(x, [0, 2]), // not one run: the stock kernel
        tf.sum(normal([1029], 2)),
      ];
    });
  });

  it('unstacks, splits, concatenates and stacks like cpu, with gradients', async () => {
    await expectNativeMatchesCpu('copyRows', () => {
      const x = normal([9, 4, 6], 3);
      const ints = tf.range(0, 24, 1, 'int32').reshape([4, 6]);
      const pieces = (y: tf.Tensor) => tf.concat([...tf.unstack(y, 1), ...tf.split(y, [1, 3, 2], 2).map((p) => p.reshape([9, -1]))], 1);
      return [
        ...tf.unstack(x, 0).slice(0, 2),
        ...tf.split(x, 2, 2),
        tf.concat([x, normal([9, 2, 6], 4), normal([9, 0, 6], 5)], 1),
        tf.stack([x, x, normal([9, 4, 6], 6)], 2),
        tf.stack([ints, ints], 0),
        ...tf.unstack(ints, 1),
        ...valueAndGrads((y) => tf.mul(pieces(y), pieces(y)), [x], 7),
        ...valueAndGrads((a, b) => tf.stack([a, b], 1), [normal([5, 3], 8), normal([5, 3], 9)], 10),
      ];
    });
  });

  it('gathers rows like cpu (embedding lookups and other axes) and their gradients', async () => {
    await expectNativeMatchesCpu('gatherRows', () => {
      const table = normal([50, 16], 11);
      const ids = tf.tensor2d([3, 0, 3, 49, 7, 7], [3, 2], 'int32');
      return [
        tf.gather(table, ids),
        tf.gather(normal([3, 6, 4], 12), tf.tensor1d([5, 0, 5], 'int32'), 1),
        tf.gather(tf.range(0, 10, 1, 'int32'), tf.tensor1d([9, 1], 'int32')),
        ...valueAndGrads((t) => tf.gather(t, ids), [table], 13),
      ];
    });
  });

  it('gathers with an index out of range raise tfjs error', async () => {
    await tf.setBackend('wasm');
    expect(() => tf.gather(normal([4, 2], 14), tf.tensor1d([1, 4], 'int32'))).toThrow(/index value 4/);
  });

  it('sums segments like cpu, dropping ids out of range', async () => {
    await expectNativeMatchesCpu('segmentSum', () => {
      const ids = tf.tensor1d([3, 0, 3, -1, 7, 1, 3, 9], 'int32');
      return [tf.unsortedSegmentSum(normal([8, 5, 2], 15), ids, 8)];
    });
  });

  it('runs the fused Adam step natively with the results of the op-by-op update on cpu', async () => {
    const adamSteps = () => {
      const variables = [tf.variable(normal([40, 7], 16)), tf.variable(normal([7], 17))];
      const adam = new Adam(variables, { learningRate: 0.05, weightDecay: 0.1 });
      for (let step = 0; step < 5; step++) adam.apply(variables.map((x, i) => normal(x.shape, 10 * step + i + 18)));
      const { tensors } = adam.getState();
      return [...variables, ...tensors.map((t) => t.tensor)].map((t) => t.clone());
    };
    await expectNativeMatchesCpu('adam', adamSteps);
  });
});

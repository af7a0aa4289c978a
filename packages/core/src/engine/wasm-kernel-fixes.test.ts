import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMulOperand, normal, TRANSPOSE_FLAGS, valueAndGrads, wasmErrors } from './compare-backends';
import { installWasmKernelFixes } from './index';

const TOLERANCE = 1e-5;

async function expectSameOnBothBackends(compute: () => tf.Tensor[]): Promise<void> {
  for (const [i, error] of (await wasmErrors(compute)).entries()) expect(error, `output ${i}`).toBeLessThan(TOLERANCE);
}

// The XNNPACK path: native-matmul.test.ts covers the native GEMM.
beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
  installWasmKernelFixes(tf, { nativeKernels: false });
});

describe('UnsortedSegmentSum on wasm', () => {
  it('sums rows per segment like the cpu kernel, dropping ids out of range', async () => {
    await expectSameOnBothBackends(() => {
      const ids = tf.tensor1d([3, 0, 3, -1, 7, 1, 3, 9], 'int32');
      return [
        tf.unsortedSegmentSum(normal([8, 5, 2], 1), ids, 8),
        tf.unsortedSegmentSum(tf.range(0, 8, 1, 'int32'), ids, 4),
      ];
    });
  });

  it('gives the gradient of embedding lookups (tf.gather) with repeated and 2-D indices', async () => {
    await expectSameOnBothBackends(() => {
      // The cpu kernel is slow at a 10k vocabulary (one masked pass per row): 500 rows keep it quick.
      const table = normal([500, 16], 2);
      const ids = tf.randomUniform([256, 4], 0, 500, 'int32', 3).concat(tf.fill([8, 4], 42, 'int32'));
      return valueAndGrads((t) => tf.gather(t, ids), [table], 4);
    });
  });

  it('gives the gradient of tf.gather along an inner axis', async () => {
    await expectSameOnBothBackends(() => {
      const ids = tf.tensor1d([2, 0, 2, 5], 'int32');
      return valueAndGrads((x) => tf.gather(x, ids, 1), [normal([3, 6, 4], 5)], 6);
    });
  });
});

describe('matmul on wasm', () => {
  /**
   * Operand shapes for op(a) x op(b) with op(a): [...outerA, m, k] and op(b): [...outerB, k, n].
   * tfjs-core has no gradient for broadcast batches (on any backend): those check values only.
   */
  const cases = [
    { name: '2-D', outerA: [], outerB: [], m: 7, k: 5, n: 3, grads: true },
    { name: '2-D dense layer', outerA: [], outerB: [], m: 256, k: 80, n: 128, grads: true },
    { name: 'batch of small products', outerA: [6], outerB: [6], m: 2, k: 3, n: 4, grads: true },
    { name: 'gate-weighted sums of experts', outerA: [64], outerB: [64], m: 1, k: 4, n: 32, grads: true },
    { name: 'small products sharing the left operand', outerA: [1], outerB: [5], m: 3, k: 4, n: 2, grads: false },
    { name: 'batch of large products', outerA: [3], outerB: [3], m: 64, k: 48, n: 40, grads: true },
    { name: 'batch sharing the right operand', outerA: [2, 3], outerB: [1, 1], m: 9, k: 5, n: 6, grads: false },
    { name: 'batch sharing the left operand', outerA: [1], outerB: [3], m: 64, k: 48, n: 40, grads: false },
  ];

  for (const { name, outerA, outerB, m, k, n, grads } of cases) {
    it(`matches cpu ${grads ? 'values and gradients' : 'values'}: ${name}`, async () => {
      for (const [transposeA, transposeB] of TRANSPOSE_FLAGS) {
        await expectSameOnBothBackends(() => {
          const a = matMulOperand(outerA, m, k, transposeA, 7);
          const b = matMulOperand(outerB, k, n, transposeB, 8);
          const product = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, transposeA, transposeB);
          return grads ? valueAndGrads(product, [a, b], 9) : [product(a, b)];
        });
      }
    });
  }

  for (const activation of ['linear', 'relu', 'sigmoid'] as const) {
    it(`fused matmul with bias and ${activation} matches cpu values and gradients`, async () => {
      for (const [transposeA, transposeB] of TRANSPOSE_FLAGS) {
        for (const outer of [[], [3]]) {
          await expectSameOnBothBackends(() => {
            const a = matMulOperand(outer, 64, 48, transposeA, 10);
            const b = matMulOperand(outer, 48, 40, transposeB, 11);
            const bias = normal([40], 12);
            const fused = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
              tf.fused.matMul({ a: x, b: y, bias: z, transposeA, transposeB, activation });
            return valueAndGrads(fused, [a, b, bias], 13);
          });
        }
      }
    });
  }
});

describe('installWasmKernelFixes', () => {
  it('is idempotent and frees every temporary tensor', async () => {
    await tf.setBackend('wasm');
    const before = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    installWasmKernelFixes(tf, { nativeKernels: false });
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc).toBe(before);

    const a = normal([3, 48, 64], 14);
    const b = normal([3, 40, 48], 15);
    tf.tidy(() => tf.matMul(a, b, true, true)); // warm-up: first calls may allocate lasting state
    const tensors = tf.memory().numTensors;
    const dataIds = tf.backend().numDataIds();
    tf.tidy(() => {
      tf.grads((x, y) => tf.sum(tf.matMul(x!, y!, true, true)))([a, b]);
      tf.grad((t) => tf.sum(tf.gather(t, tf.tensor1d([1, 1, 2], 'int32'))))(a);
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(dataIds);
  });
});

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matMulOperand, normal, TRANSPOSE_FLAGS, valueAndGrads, wasmErrors } from './compare-backends';
import { installWasmKernelFixes } from './index';
import { nativeAddon } from './native-addon';

// Summation order differs from the cpu kernel's (blocked, FMA), hence a looser bound than 1e-5.
const TOLERANCE = 1e-4;
const addon = nativeAddon();

/** Compares `compute` on wasm with cpu and checks that the native GEMM ran on wasm. */
async function expectNativeMatchesCpu(compute: () => tf.Tensor[]): Promise<void> {
  const gemm = vi.spyOn(addon!, 'gemm');
  for (const [i, error] of (await wasmErrors(compute)).entries()) expect(error, `output ${i}`).toBeLessThan(TOLERANCE);
  expect(gemm).toHaveBeenCalled();
  gemm.mockRestore();
}

describe.skipIf(!addon)('native GEMM on wasm', () => {
  let defaultThreads = 1;
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    defaultThreads = addon!.threads();
    installWasmKernelFixes(tf);
  });
  afterAll(() => addon!.threads(defaultThreads));

  // 1 thread, and 3 (more than this machine's cores) so that products split unevenly.
  for (const threads of [1, 3]) {
    describe(`${threads} thread(s)`, () => {
      beforeAll(() => installWasmKernelFixes(tf, { nativeThreads: threads }));

      /** op(a): [...outerA, m, k], op(b): [...outerB, k, n]; tfjs has no gradient for broadcast batches. */
      const cases = [
        { name: '1 x 1 x 1', outerA: [], outerB: [], m: 1, k: 1, n: 1, grads: true },
        { name: 'odd sizes 7 x 33 x 129', outerA: [], outerB: [], m: 7, k: 33, n: 129, grads: true },
        { name: 'odd sizes 129 x 7 x 33', outerA: [], outerB: [], m: 129, k: 7, n: 33, grads: true },
        { name: 'odd sizes 33 x 129 x 1', outerA: [], outerB: [], m: 33, k: 129, n: 1, grads: true },
        { name: 'expert layer 1024 x 128 x 256 (parallel, several K blocks)', outerA: [], outerB: [], m: 1024, k: 300, n: 256, grads: true },
        { name: 'batch of small products', outerA: [6], outerB: [6], m: 2, k: 3, n: 4, grads: true },
        { name: 'gate-weighted sums of experts', outerA: [64], outerB: [64], m: 1, k: 4, n: 33, grads: true },
        { name: 'batch of 3 large products', outerA: [3], outerB: [3], m: 129, k: 65, n: 40, grads: true },
        { name: 'batch sharing the right operand', outerA: [2, 3], outerB: [1, 1], m: 33, k: 7, n: 129, grads: false },
        { name: 'batch sharing the left operand', outerA: [1], outerB: [3], m: 129, k: 48, n: 33, grads: false },
        { name: 'rank-2 left operand, batched right', outerA: [], outerB: [5], m: 7, k: 9, n: 11, grads: false },
        { name: 'empty inner dimension', outerA: [], outerB: [], m: 3, k: 0, n: 4, grads: false },
      ];
      for (const { name, outerA, outerB, m, k, n, grads } of cases) {
        it(`matches cpu ${grads ? 'values and gradients' : 'values'}: ${name}`, async () => {
          for (const [transposeA, transposeB] of TRANSPOSE_FLAGS) {
            await expectNativeMatchesCpu(() => {
              const a = matMulOperand(outerA, m, k, transposeA, 7);
              const b = matMulOperand(outerB, k, n, transposeB, 8);
              const product = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, transposeA, transposeB);
              return grads ? valueAndGrads(product, [a, b], 9) : [product(a, b)];
            });
          }
        });
      }

      for (const activation of ['linear', 'relu'] as const) {
        it(`fused matmul with bias and ${activation} matches cpu values and gradients`, async () => {
          for (const [transposeA, transposeB] of TRANSPOSE_FLAGS) {
            for (const [outer, m, k, n] of [
              [[], 1024, 129, 257],
              [[3], 33, 48, 40],
              [[], 7, 1, 1],
            ] as const) {
              await expectNativeMatchesCpu(() => {
                const a = matMulOperand([...outer], m, k, transposeA, 10);
                const b = matMulOperand([...outer], k, n, transposeB, 11);
                const bias = normal([n], 12);
                const fused = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
                  tf.fused.matMul({ a: x, b: y, bias: z, transposeA, transposeB, activation });
                return valueAndGrads(fused, [a, b, bias], 13);
              });
            }
          }
        });
      }
    });
  }

  it('leaves activations it does not apply to the fallback kernel, which gives cpu results', async () => {
    const gemm = vi.spyOn(addon!, 'gemm');
    const errors = await wasmErrors(() => {
      const fused = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.fused.matMul({ a: x, b: y, bias: z, activation: 'sigmoid' });
      return valueAndGrads(fused, [normal([64, 48], 14), normal([48, 40], 15), normal([40], 16)], 17);
    });
    for (const error of errors) expect(error).toBeLessThan(TOLERANCE);
    // The gradient products still run natively; the sigmoid-fused forward product did not.
    const forward = gemm.mock.calls.filter((call) => call[4] >= 0);
    expect(forward).toHaveLength(0);
    gemm.mockRestore();
  });

  it('frees every temporary tensor', async () => {
    await tf.setBackend('wasm');
    const a = normal([3, 48, 64], 18);
    const b = normal([3, 40, 48], 19);
    tf.tidy(() => tf.matMul(a, b, true, true));
    const tensors = tf.memory().numTensors;
    const dataIds = tf.backend().numDataIds();
    tf.tidy(() => {
      tf.grads((x, y) => tf.sum(tf.matMul(x!, y!, true, true)))([a, b]);
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(dataIds);
  });
});

describe.skipIf(addon)('without the native addon', () => {
  it('installs the XNNPACK path instead', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    installWasmKernelFixes(tf);
    const product = tf.matMul(normal([7, 5], 20), normal([3, 5], 21), false, true);
    expect(product.shape).toEqual([7, 3]);
  });
});

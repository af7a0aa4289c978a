import { fastMatMul } from './fast-matmul';
import { addKernel, type KernelRegistry, replaceKernel } from './kernel-registry';
import { nativeAddon } from './native-addon';
import { nativeMatMul } from './native-matmul';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum';

export interface WasmKernelFixOptions {
  /** Route transposed and batched matmuls to XNNPACK (default true; false only to measure stock speed). */
  fastMatMul?: boolean;
  /**
   * Run float32 matmuls on the native GEMM when its addon is built (default true; false to
   * measure without it). What it does not cover falls back to the XNNPACK path.
   */
  nativeMatMul?: boolean;
  /** Threads of the native GEMM (default: one per core). Process-wide. */
  nativeThreads?: number;
}

/**
 * Makes the wasm backend fit for training: registers UnsortedSegmentSum (the gradient of
 * tf.gather / embeddings) and routes matmuls to the native GEMM when its addon loads, else
 * transposed and batched matmuls to XNNPACK. Call it with the caller's `tf` namespace once the
 * wasm backend is registered (e.g. right after `tf.setBackend('wasm')`); calling it again is a
 * no-op for the kernels (only nativeThreads still applies).
 */
export function installWasmKernelFixes(tf: KernelRegistry, options: WasmKernelFixOptions = {}): void {
  addKernel(tf, unsortedSegmentSumWasm);
  const addon = (options.nativeMatMul ?? true) ? nativeAddon() : undefined;
  if (addon && options.nativeThreads !== undefined) addon.threads(options.nativeThreads);
  const xnnpack = (options.fastMatMul ?? true) ? fastMatMul(tf) : undefined;
  if (!addon && !xnnpack) return;
  for (const [kernelName, fused] of [
    ['BatchMatMul', false],
    ['_FusedMatMul', true],
  ] as const) {
    replaceKernel(tf, kernelName, 'wasm', (original) => {
      const fallback = xnnpack ? xnnpack(original, fused) : original;
      return addon ? nativeMatMul(addon, fallback) : fallback;
    });
  }
}

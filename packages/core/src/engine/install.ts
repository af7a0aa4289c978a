import { fastMatMul } from './fast-matmul';
import { addKernel, type KernelRegistry, replaceKernel } from './kernel-registry';
import { enableNativeAddon, nativeAddon } from './native-addon';
import { nativeMatMul } from './native-matmul';
import { NATIVE_OPS } from './native-ops';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum';

export interface WasmKernelFixOptions {
  /** Route transposed and batched matmuls to XNNPACK (default true; false only to measure stock speed). */
  fastMatMul?: boolean;
  /**
   * Run matmuls, the memory-bound kernels of native-ops.ts and the fused Adam step on the native
   * addon when it is built (default true; false to measure without it). What it does not cover
   * falls back to the wasm kernels (matmuls: to the XNNPACK path).
   */
  nativeKernels?: boolean;
  /** Threads of the native GEMM (default: one per core; initBackend passes 1). Process-wide; applies on every call. */
  nativeThreads?: number;
}

/**
 * Makes the wasm backend fit for training: registers UnsortedSegmentSum (the gradient of
 * tf.gather / embeddings), and routes kernels to the native addon when it loads, transposed
 * and batched matmuls otherwise to XNNPACK. Call it with the caller's `tf` namespace once the
 * wasm backend is registered (e.g. right after `tf.setBackend('wasm')`); calling it again
 * changes no kernel (only nativeThreads applies).
 */
export function installWasmKernelFixes(tf: KernelRegistry, options: WasmKernelFixOptions = {}): void {
  addKernel(tf, unsortedSegmentSumWasm);
  const addon = (options.nativeKernels ?? true) ? nativeAddon() : undefined;
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
  if (!addon) return;
  for (const [kernelName, wrap] of Object.entries(NATIVE_OPS)) replaceKernel(tf, kernelName, 'wasm', (original) => wrap(addon, original));
  enableNativeAddon(addon);
}

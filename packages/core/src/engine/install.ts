import { installFastMatMul } from './fast-matmul';
import { addKernel, type KernelRegistry } from './kernel-registry';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum';

export interface WasmKernelFixOptions {
  /** Route transposed and batched matmuls to XNNPACK (default true; false only to measure stock speed). */
  fastMatMul?: boolean;
}

/**
 * Makes the wasm backend fit for training: registers UnsortedSegmentSum (the gradient of
 * tf.gather / embeddings) and routes transposed and batched matmuls to XNNPACK. Call it with the
 * caller's `tf` namespace once the wasm backend is registered (e.g. right after
 * `tf.setBackend('wasm')`); calling it again is a no-op.
 */
export function installWasmKernelFixes(tf: KernelRegistry, options: WasmKernelFixOptions = {}): void {
  addKernel(tf, unsortedSegmentSumWasm);
  if (options.fastMatMul ?? true) installFastMatMul(tf);
}

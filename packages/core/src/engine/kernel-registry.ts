import type * as tfjs from '@tensorflow/tfjs';

/** The part of the caller's TensorFlow.js namespace the engine uses: its kernel registry. */
export type KernelRegistry = Pick<typeof tfjs, 'getKernel' | 'registerKernel' | 'unregisterKernel'>;

// Kernel functions this module installed; makes every install idempotent.
const installed = new WeakSet<tfjs.KernelFunc>();

/** Registers `kernelFunc` in place of the current kernel, keeping its setup/dispose hooks. */
export function replaceKernel(
  tf: KernelRegistry,
  kernelName: string,
  backendName: string,
  wrap: (original: tfjs.KernelFunc) => tfjs.KernelFunc,
): void {
  const current = tf.getKernel(kernelName, backendName);
  if (!current) throw new Error(`kernel ${kernelName} is not registered on ${backendName}`);
  if (installed.has(current.kernelFunc)) return;
  const kernelFunc = wrap(current.kernelFunc);
  installed.add(kernelFunc);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...current, kernelFunc });
}

/** Registers a kernel the backend lacks; leaves an existing one alone. */
export function addKernel(tf: KernelRegistry, config: tfjs.KernelConfig): void {
  if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** The broadcast of two batch shapes (tfjs rules: dims align from the right, 1 stretches). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => Math.max(a[a.length - rank + i] ?? 1, b[b.length - rank + i] ?? 1));
}

import * as tf from '@tensorflow/tfjs';
// Registers the `wasm` backend with the engine; it is activated only by initBackend.
import '@tensorflow/tfjs-backend-wasm';
import { BACKEND_NAMES, type BackendName } from './backend-names';
import { hasNativeKernels, installWasmKernelFixes, startWasmWithThreads } from './engine';

export interface BackendOptions {
  /** Use exactly this backend or fail, instead of the first one that loads. */
  force?: BackendName;
  /** Receives one line naming the chosen backend and why the preferred ones were skipped. */
  log?: (message: string) => void;
  /** XNNPACK threads of the wasm backend (default 1: on a shared 2-core machine more threads measured slower). */
  wasmThreads?: number;
  /**
   * Threads of the native GEMM under the wasm backend (default 1: with 2 threads the MMoE bench
   * trained 30% slower on both 2-core machines measured, and workers scale across cores by
   * running one process each).
   */
  nativeThreads?: number;
}

let active: BackendName | null = null;

/** The backend initBackend settled on, or null before it ran. */
export function activeBackend(): BackendName | null {
  return active;
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional packages.
async function importOptional(specifier: string): Promise<void> {
  await import(specifier);
}

async function activate(name: BackendName, threads: { wasm: number; native: number }): Promise<void> {
  if (name === 'node-gpu' || name === 'node') {
    // Both bindings register a backend called `tensorflow`; their import throws when the native lib is missing.
    try {
      await importOptional(name === 'node-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node');
    } catch (error) {
      forgetPartialBinding();
      throw error;
    }
    if (!(await tf.setBackend('tensorflow'))) throw new Error('tf.setBackend("tensorflow") returned false');
    return;
  }
  if (name === 'wasm' && threads.wasm > 1) await startWasmWithThreads(threads.wasm);
  // setBackend reports failure (e.g. the wasm binary not loading) by returning false, not by throwing.
  else if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
  // Gather gradients (embeddings), native or XNNPACK matmuls: see engine/.
  if (name === 'wasm') installWasmKernelFixes(tf, { nativeThreads: threads.native });
}

/**
 * Picks the TensorFlow.js backend once per process: the first of BACKEND_NAMES that loads, or the
 * forced one. Later calls return the active backend (a different `force` then is an error).
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  const { force, log } = options;
  if (active) {
    if (force && force !== active) throw new Error(`backend already initialised as ${active}; cannot switch to ${force}`);
    return active;
  }
  const skipped: string[] = [];
  for (const name of force ? [force] : BACKEND_NAMES) {
    try {
      await activate(name, { wasm: options.wasmThreads ?? 1, native: options.nativeThreads ?? 1 });
      active = name;
      const why = skipped.length ? ` (skipped ${skipped.join('; ')})` : '';
      const kernels = name === 'wasm' ? (hasNativeKernels() ? ' with native kernels' : ' (native kernels not built: wasm kernels only)') : '';
      log?.(`tfjs backend: ${name}${force ? ' (forced)' : ''}${kernels}${why}`);
      return name;
    } catch (error) {
      const reason = firstLine(error);
      if (force) throw new Error(`tfjs backend ${force} is not available: ${reason}`);
      skipped.push(`${name}: ${reason}`);
    }
  }
  throw new Error(`no tfjs backend could start: ${skipped.join('; ')}`);
}

/** A binding that failed half-way has registered kernels; drop them so the next candidate registers cleanly. */
function forgetPartialBinding(): void {
  for (const kernel of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(kernel.kernelName, 'tensorflow');
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // tfjs-node names the whole path of its missing addon; the fact is enough for a log line.
  const line = (text.split('\n')[0] ?? text).replace(/ can not be found at path: .*/, ' is not installed');
  return line.slice(0, 160);
}

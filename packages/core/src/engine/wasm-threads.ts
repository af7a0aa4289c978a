import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Worker as NodeWorker, type WorkerOptions } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/**
 * XNNPACK threads for the wasm backend in Node, which tfjs leaves single-threaded there:
 * - its thread check answers false in Node: the flag is set instead;
 * - its workers start from a blob: URL, which Node's Worker rejects: they start from the same
 *   worker code evaluated directly, and load the module script from its file;
 * - it caps threads at half the logical cores (one on a 2-core machine): the core count it
 *   reads is raised while the backend starts.
 * Call it before the wasm backend first starts (tf.setBackend('wasm')); it returns the number
 * of threads the backend ended up with.
 */
export async function startWasmWithThreads(threads: number): Promise<number> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`wasm threads: expected a positive integer, got ${threads}`);
  if (tf.findBackend('wasm')) throw new Error('wasm threads must be chosen before the wasm backend starts');
  if (threads > 1) {
    installNodeWorker();
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  }
  setThreadsCount(threads);
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]!);
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") returned false');
  } finally {
    os.cpus = cpus;
  }
  // Pool threads wait for work forever; unreferenced, they do not keep the process alive.
  const pthreads = (tf.backend() as BackendWasm & { wasm: { PThread?: { runningWorkers: NodeWorker[] } } }).wasm.PThread;
  for (const worker of pthreads?.runningWorkers ?? []) worker.unref();
  return getThreadsCount();
}

function installNodeWorker(): void {
  const require = createRequire(import.meta.url);
  const wasmOut = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '..', 'wasm-out');
  // The worker code as tfjs would put it in its blob (newlines inside its strings escaped the same way).
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const workerCode = wasmWorkerContents.replace(/\n/g, '\\n');
  const moduleScript = join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js');
  class BlobFreeWorker extends NodeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const blob = String(url).startsWith('blob:');
      // A plain script: none of the parent's flags (e.g. --input-type=module, loaders) apply to it.
      super(blob ? workerCode : url, blob ? { ...options, eval: true, execArgv: [] } : options);
    }
    override postMessage(message: unknown, transfer?: Parameters<NodeWorker['postMessage']>[1]): void {
      const load = message as { cmd?: string; urlOrBlob?: unknown };
      super.postMessage(load?.cmd === 'load' && typeof load.urlOrBlob !== 'string' ? { ...load, urlOrBlob: moduleScript } : message, transfer);
    }
  }
  // The emscripten glue assigns Node's Worker to the global while it starts; keep ours in place.
  Object.defineProperty(globalThis, 'Worker', { get: () => BlobFreeWorker, set: () => {}, configurable: true });
}

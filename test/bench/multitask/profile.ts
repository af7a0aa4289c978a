// `npx tsx test/bench/multitask/profile.ts [--tfjs-adam] [--xnnpack] [--native-threads=N]`: per-kernel time of the
// bench MMoE's train step on wasm, with matmuls on the native GEMM (1 thread unless set) or, with --xnnpack, on wasm.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernelFixes } from '@tradeoff/core';
import { MMOE_BENCH } from './config';
import { BenchMMoE, syntheticBatch } from './mmoe';

if (!(await tf.setBackend('wasm'))) throw new Error('wasm did not load');
const nativeThreads = Number(process.argv.find((a) => a.startsWith('--native-threads='))?.split('=')[1] ?? 1);
installWasmKernelFixes(tf, { nativeKernels: !process.argv.includes('--xnnpack'), nativeThreads });
const totals = new Map<string, { ms: number; calls: number }>();
for (const kernel of tf.getKernelsForBackend('wasm')) {
  const original = kernel.kernelFunc;
  tf.unregisterKernel(kernel.kernelName, 'wasm');
  tf.registerKernel({
    ...kernel,
    kernelFunc: (args) => {
      const start = performance.now();
      const out = original(args);
      const key = `${kernel.kernelName} ${Object.values(args.inputs).map((t) => `[${t?.shape}]`).join('')}${args.attrs && 'transposeA' in args.attrs ? ` tA=${args.attrs.transposeA} tB=${args.attrs.transposeB}` : ''}`;
      const entry = totals.get(key) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - start;
      entry.calls++;
      totals.set(key, entry);
      return out;
    },
  });
}
const model = new BenchMMoE(MMOE_BENCH, process.argv.includes('--tfjs-adam') ? 'tfjs' : 'tradeoff');
const batches = [0, 1, 2, 3].map((i) => syntheticBatch(MMOE_BENCH, MMOE_BENCH.batch, 100 + 10 * i));
for (let i = 0; i < 3; i++) model.trainStep(batches[i % 4]!);
totals.clear();
const steps = 10;
const start = performance.now();
for (let i = 0; i < steps; i++) model.trainStep(batches[i % 4]!);
const wall = (performance.now() - start) / steps;
const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((s, [, v]) => s + v.ms, 0) / steps;
console.log(`step ${wall.toFixed(1)} ms, in kernels ${kernelMs.toFixed(1)} ms`);
for (const [key, { ms, calls }] of rows.slice(0, 40)) console.log(`${(ms / steps).toFixed(2).padStart(7)} ms ${String(calls / steps).padStart(4)}x  ${key}`);

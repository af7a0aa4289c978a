// Child process of main.ts: measures one scenario and prints its result as one JSON line.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { hasNativeKernels, installWasmKernelFixes, startWasmWithThreads } from '@tradeoff/core';
import { MMOE_BENCH } from './config';
import { BenchMMoE, syntheticBatch } from './mmoe';
import { RESULT_PREFIX, type Scenario, type ScenarioResult, type TrainResult } from './scenarios';
import { time } from './timing';

const scenario = JSON.parse(process.argv[2] ?? '') as Scenario;
if (scenario.threads && scenario.threads > 1) {
  const threads = await startWasmWithThreads(scenario.threads);
  if (threads !== scenario.threads) throw new Error(`wasm started with ${threads} threads, not ${scenario.threads}`);
} else if (!(await tf.setBackend(scenario.backend))) throw new Error(`backend ${scenario.backend} did not load`);
if (scenario.nativeThreads && !hasNativeKernels()) throw new Error('the native kernels are not built (see packages/core/native/build.mjs)');
if (scenario.fixes !== 'none') {
  installWasmKernelFixes(tf, { fastMatMul: scenario.fixes === 'all', nativeKernels: scenario.nativeThreads !== undefined, nativeThreads: scenario.nativeThreads });
}

const model = new BenchMMoE(MMOE_BENCH, scenario.optimizer);
const batches = [0, 1, 2, 3].map((i) => syntheticBatch(MMOE_BENCH, MMOE_BENCH.batch, 100 + 10 * i));
const single = syntheticBatch(MMOE_BENCH, 1, 999);

let train: TrainResult | null = null;
if (scenario.trainSteps > 0) {
  const losses: number[] = [];
  const step = () => losses.push(model.trainStep(batches[losses.length % batches.length]!));
  const timing = time(step, scenario.trainSteps, scenario.warmupSteps);
  train = { stepMs: timing.medianMs, stepMinMs: timing.minMs, steps: timing.runs, firstLoss: losses[0]!, lastLoss: losses.at(-1)! };
}
const first = batches[0]!;
const inference = time(() => model.predict(first.numeric, first.categorical), scenario.inferenceRuns, 2);
const latency = time(() => model.predict(single.numeric, single.categorical), scenario.inferenceRuns * 5, 5);

const result: ScenarioResult = {
  label: scenario.label,
  parameters: model.parameterCount(),
  train,
  inferenceMs: inference.medianMs,
  latencyMs: latency.medianMs,
};
console.log(RESULT_PREFIX + JSON.stringify(result));

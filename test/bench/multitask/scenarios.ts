/** One measured configuration; each runs in its own process (kernel registries are global). */
export interface Scenario {
  label: string;
  backend: 'cpu' | 'wasm';
  /** `segment-sum`: only the kernel embedding gradients need on wasm; `all`: installWasmKernelFixes. */
  fixes: 'none' | 'segment-sum' | 'all';
  /** tf.train.adam, or Tradeoff's Adam (fused on wasm). */
  optimizer: 'tfjs' | 'tradeoff';
  /** XNNPACK threads on wasm (1 unless set; see startWasmWithThreads). */
  threads?: number;
  /** Threads of the native GEMM (packages/core/native); unset: matmuls stay on wasm. */
  nativeThreads?: number;
  warmupSteps: number;
  /** Timed train steps; 0 skips training. */
  trainSteps: number;
  inferenceRuns: number;
}

export interface TrainResult {
  stepMs: number;
  stepMinMs: number;
  steps: number;
  firstLoss: number;
  lastLoss: number;
}

export interface ScenarioResult {
  label: string;
  parameters: number;
  train: TrainResult | null;
  inferenceMs: number;
  latencyMs: number;
}

/** The engine's own setups (as opposed to stock tfjs): the ratio to PyTorch takes the fastest that loads. */
export function isEngineSetup(scenario: Scenario): boolean {
  return scenario.backend === 'wasm' && scenario.fixes === 'all';
}

/**
 * A cpu train step takes minutes (its UnsortedSegmentSum makes one pass over the batch per
 * vocabulary entry), so cpu trains only when asked (`--cpu-train`), for one step.
 */
export function scenarios(cpuTrain: boolean): Scenario[] {
  return [
    { label: 'tfjs cpu', backend: 'cpu', fixes: 'none', optimizer: 'tfjs', warmupSteps: 0, trainSteps: cpuTrain ? 1 : 0, inferenceRuns: 5 },
    { label: 'tfjs wasm stock*', backend: 'wasm', fixes: 'segment-sum', optimizer: 'tfjs', warmupSteps: 2, trainSteps: 8, inferenceRuns: 20 },
    { label: 'tfjs wasm + fixes', backend: 'wasm', fixes: 'all', optimizer: 'tradeoff', warmupSteps: 3, trainSteps: 30, inferenceRuns: 40 },
    { label: 'tfjs wasm + fixes, 2 threads', backend: 'wasm', fixes: 'all', optimizer: 'tradeoff', threads: 2, warmupSteps: 3, trainSteps: 30, inferenceRuns: 40 },
    { label: 'wasm + native GEMM', backend: 'wasm', fixes: 'all', optimizer: 'tradeoff', nativeThreads: 1, warmupSteps: 3, trainSteps: 30, inferenceRuns: 40 },
    { label: 'wasm + native GEMM, 2 threads', backend: 'wasm', fixes: 'all', optimizer: 'tradeoff', nativeThreads: 2, warmupSteps: 3, trainSteps: 30, inferenceRuns: 40 },
  ];
}

export const RESULT_PREFIX = 'SCENARIO_RESULT ';

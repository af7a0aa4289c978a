import type { RunSink } from './sink';
import type { Spec } from './spec';

/** Named binary files (TensorFlow.js model.json + weights.bin, preprocessing.json, ...). */
export type ModelFiles = Record<string, Uint8Array>;

export interface RunOptions {
  /** Aborting stops the run at the next step boundary with RunCancelledError. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** Final metrics, e.g. `test/auc/income`. */
  final: Record<string, number>;
  /** The trained model: TensorFlow.js files plus the preprocessing JSON. */
  model: { files: ModelFiles };
}

/** What an algorithm's trainer module provides; loaded lazily because it pulls in TensorFlow.js. */
export interface TrainerModule {
  train(spec: Spec, sink: RunSink, options: RunOptions): Promise<RunResult>;
  evaluate(spec: Spec, files: ModelFiles): Promise<Record<string, number>>;
}

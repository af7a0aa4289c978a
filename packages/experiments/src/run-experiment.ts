import { parseSpec } from './parse-spec';
import { getAlgorithm } from './registry';
import type { ModelFiles, RunOptions, RunResult, TrainerModule } from './run-types';
import type { RunSink } from './sink';
import type { Spec } from './spec';

async function trainerFor(spec: Spec): Promise<TrainerModule> {
  const algorithm = getAlgorithm(spec.algorithm);
  if (!algorithm) throw new Error(`unknown algorithm "${spec.algorithm}"`);
  return algorithm.loadTrainer();
}

/**
 * Runs one experiment: data, model, training with periodic checkpoints (resuming from the sink's
 * newest one), evaluation. Metrics go to the sink with monotone steps; a cancel (sink or signal)
 * stops at the next step with RunCancelledError.
 */
export async function runExperiment(spec: Spec, sink: RunSink, options: RunOptions = {}): Promise<RunResult> {
  // Re-validate: a spec read back from storage may predate the current schemas.
  const checked = parseSpec(spec);
  return (await trainerFor(checked)).train(checked, sink, options);
}

/** Scores a saved model (`RunResult.model.files`) on the spec's test source. */
export async function evaluateModel(spec: Spec, modelFiles: ModelFiles): Promise<Record<string, number>> {
  const checked = parseSpec(spec);
  return (await trainerFor(checked)).evaluate(checked, modelFiles);
}

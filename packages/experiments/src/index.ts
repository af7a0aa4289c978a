// Importing this index must not load TensorFlow.js: trainers are imported inside runExperiment.
export {
  DEFAULT_THRESHOLDS,
  type DialogueSlHyper,
  dialogueSlHyperSchema,
  type FixedMixHyper,
  fixedMixHyperSchema,
  type MoreHyper,
  moreHyperSchema,
} from './algorithms/dialogue';
export { mmoeHyperSchema, type MMoEHyper } from './algorithms/mmoe';
export { mohnHyperSchema, type MoHNHyper } from './algorithms/mohn';
export { type MultitaskHyper, multitaskHyperShape } from './algorithms/multitask-common';
export { pleHyperSchema, type PLEHyper } from './algorithms/ple';
export { sharedBottomHyperSchema, type SharedBottomHyper } from './algorithms/shared-bottom';
export { DATASET_TABLES, DATASET_TASKS, defaultObjectives } from './datasets/dataset-tasks';
export { experimentsEnv, type ExperimentsEnv } from './env';
export { RunCancelledError } from './errors';
export { applySet, loadSpecFile } from './load-spec-file';
export { MemoryRunSink } from './memory-sink';
export { parseSpec } from './parse-spec';
export { type AlgorithmInfo, algorithms, getAlgorithm, type SpecProblem } from './registry';
export { evaluateModel, runExperiment } from './run-experiment';
export type { ModelFiles, RunOptions, RunResult, TrainerModule } from './run-types';
export type { Checkpoint, MetricPoint, RunArtifact, RunSink } from './sink';
export {
  type DataSource,
  type DatasetKind,
  type DatasetSpec,
  dataSourceSchema,
  datasetSchema,
  type Spec,
  type SpecInput,
  specSchema,
  syntheticSchema,
  taskSchema,
} from './spec';
export { SpecError } from './spec-error';

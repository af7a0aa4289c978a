export { Adam, type AdamOptions } from './adam';
export { activeBackend, type BackendOptions, initBackend } from './backend';
export { BACKEND_NAMES, type BackendName } from './backend-names';
export * from './dialogue';
export { hasNativeKernels, installWasmKernelFixes, startWasmWithThreads, type WasmKernelFixOptions } from './engine';
export * from './fusion';
export { multiTaskLoss } from './loss';
export { auc, gauc, logloss, type MetricDirection, metricDirection, mse, ndcgAtK } from './metrics';
export { exactBuffer, jsonFile, type ModelFiles, readJsonFile, requireFile } from './model-files';
export {
  ARCHITECTURES,
  type Architecture,
  MMoE,
  type MMoEConfig,
  type ModelInputConfig,
  type ModelInputs,
  MoHN,
  type MoHNConfig,
  MultiTaskModel,
  type MultiTaskModelConfig,
  PLE,
  type PLEConfig,
  SharedBottom,
  type SharedBottomConfig,
  type TaskHead,
} from './models';
export { type MultiTaskBatch, MultiTaskTrainer, type MultiTaskTrainerOptions } from './multitask-trainer';
export * from './pareto';
export * from './policies';
export { Rng } from './rng';

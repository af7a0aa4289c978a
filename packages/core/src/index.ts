export { activeBackend, initBackend, type BackendOptions } from './backend';
export { installWasmKernelFixes, type WasmKernelFixOptions } from './engine';
export { BACKEND_NAMES, type BackendName } from './backend-names';
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
export { Adam, type AdamOptions } from './adam';
export { multiTaskLoss } from './loss';
export { auc, gauc, logloss, mse, ndcgAtK } from './metrics';
export { Rng } from './rng';
export { jsonFile, readJsonFile, type ModelFiles } from './model-files';
export * from './fusion';
export * from './pareto';

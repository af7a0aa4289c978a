export { BACKEND_NAMES, activeBackend, initBackend, type BackendName, type BackendOptions } from './backend';
export { MMoE, type MMoEConfig } from './mmoe';
export { MultiTaskTrainer, type MultiTaskTrainerOptions } from './multitask-trainer';
export { Adam, type AdamOptions } from './adam';
export { multiTaskBce } from './loss';
export { auc } from './auc';
export { Rng } from './rng';
export type { ModelFiles } from './model-files';

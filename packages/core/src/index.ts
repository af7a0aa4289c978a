export { activeBackend, initBackend, type BackendOptions } from './backend';
export { BACKEND_NAMES, type BackendName } from './backend-names';
export { MMoE, type MMoEConfig } from './mmoe';
export { MultiTaskTrainer, type MultiTaskTrainerOptions } from './multitask-trainer';
export { Adam, type AdamOptions } from './adam';
export { multiTaskBce } from './loss';
export { auc, gauc, logloss, mse, ndcgAtK } from './metrics';
export { Rng } from './rng';
export { jsonFile, readJsonFile, type ModelFiles } from './model-files';

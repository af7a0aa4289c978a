// The parts of core that do not load TensorFlow.js, for code that must stay light (spec parsing,
// data readers, the dashboard).
export { BACKEND_NAMES, type BackendName } from './backend-names';
export { auc, gauc, logloss, mse, ndcgAtK } from './metrics';
export { Rng } from './rng';

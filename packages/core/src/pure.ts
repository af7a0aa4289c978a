// The parts of core that do not load TensorFlow.js, for code that must stay light (spec parsing,
// data readers, the dashboard).
export { BACKEND_NAMES, type BackendName } from './backend-names';
export { auc } from './auc';
export { Rng } from './rng';

// The parts of core that do not load TensorFlow.js, for code that must stay light (spec parsing,
// data readers, the dashboard).
export { BACKEND_NAMES, type BackendName } from './backend-names';
export { auc, gauc, logloss, type MetricDirection, metricDirection, mse, ndcgAtK } from './metrics';
export { Rng } from './rng';
export { dominates, type FrontArtifact, hypervolume, nonDominatedSort, paretoFront, type Point } from './pareto';
export { GRADE_DEFAULTS, type GradeHyper } from './policies/grade/grade-hyper';
export { DEEPPRL_DEFAULTS, type DeepPrlHyper } from './policies/deepprl/deepprl-hyper';

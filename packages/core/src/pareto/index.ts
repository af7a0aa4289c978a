export { dominates, nonDominatedSort, type Point, paretoFront } from './dominance';
export { hypervolume, type HypervolumeOptions } from './hypervolume';
export { simplexGrid } from './simplex-grid';
export { cardinality, expectedUtility, sparsity } from './front-metrics';
export { type FrontSummary, type SweptFront, summarizeFront, sweepFront } from './sweep';
export { type FrontArtifact, frontArtifact } from './front-artifact';

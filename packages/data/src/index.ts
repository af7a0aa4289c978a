export { CENSUS_COLUMNS, CENSUS_FEATURES, CENSUS_TASKS } from './census/columns';
export { readCensus, type ReadOptions } from './census/read-census';
export { DataError } from './data-error';
export { fitFeaturizer, transformTable, type FeatureMatrix, type FeatureState, type FeaturizerState } from './featurizer';
export { generateSyntheticMultitask, SYNTHETIC_TASKS, type SyntheticOptions } from './synthetic';
export { positiveRates, sliceRows, type FeatureColumn, type MultiTaskTable } from './table';
export { openTextStream } from './text-stream';
export { DATA_PREFIX, defaultDataRoot, resolveDataPath } from './data-root';

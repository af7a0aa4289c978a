export { CENSUS_COLUMNS, CENSUS_FEATURES, CENSUS_TASKS } from './census/columns';
export { readCensus, type ReadOptions } from './census/read-census';
export { DataError } from './data-error';
export { DATA_PREFIX, defaultDataRoot, resolveDataPath } from './data-root';
export { DictionaryBuilder } from './dictionary';
export {
  type CategoricalFeatureState,
  type FeatureMatrix,
  type FeaturizerOptions,
  type FeaturizerState,
  fitFeaturizer,
  type NumericFeatureState,
  type TargetState,
  taskLabels,
  transformTable,
} from './featurizer';
export { generateSyntheticMultitask, SYNTHETIC_TASKS, type SyntheticOptions } from './synthetic';
export {
  type CategoricalColumn,
  type FeatureColumn,
  filterDates,
  type MultiTaskTable,
  positiveRates,
  sliceRows,
  takeRows,
  type Task,
  type TaskType,
  taskNames,
} from './table';
export { openTextStream } from './text-stream';
export * from './kuairand';
export * from './multiwoz';

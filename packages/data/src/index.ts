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
export { KUAIRAND_DEFAULT_OBJECTIVES, KUAIRAND_OBJECTIVES, KUAIRAND_TASKS, LOG_COLUMNS } from './kuairand/columns';
export { type KuaiRandFiles, type KuaiRandReadOptions, readKuaiRand } from './kuairand/read-kuairand';
export { type KuaiRandLog, type LogReadOptions, readKuaiRandLog } from './kuairand/read-log';
export { groupRequests, REQUEST_GAP_MS } from './requests';
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
export { corpusBleu } from './multiwoz/bleu';
export { type BookedDomainsTable, readBookedDomains } from './multiwoz/booked-domains';
export { delexicalize, delexicalizeTurn, locateActValues, placeholder, placeholdersIn } from './multiwoz/delexicalize';
export { DialogueFormatError } from './multiwoz/dialogue-error';
export {
  type DialogueScore,
  type EvaluationInput,
  type EvaluationResult,
  evaluateMultiwoz,
  goldOutputs,
  type SystemTurnOutput,
  successRequestables,
} from './multiwoz/evaluate';
export { isConstraint, normalizeTime, normalizeValue } from './multiwoz/normalize';
export { parseConvlabDialogues, readConvlabDialogues } from './multiwoz/read-convlab';
export { readJsonFile } from './multiwoz/read-json';
export { parseSgdDialogues, readSgdDialogues } from './multiwoz/read-sgd';
export { type DialogueSplit, splitDialoguesById } from './multiwoz/split-dialogues';
export {
  type BeliefState,
  type Dialogue,
  type DialogueAct,
  type Domain,
  type DomainGoal,
  type Goal,
  MULTIWOZ_DOMAINS,
  type Span,
  type Turn,
} from './multiwoz/types';
export {
  entityKey,
  entityNames,
  isVenueDomain,
  loadVenueDb,
  queryVenues,
  VENUE_DOMAINS,
  type Venue,
  type VenueDb,
  type VenueDomain,
  venueMatchCounts,
} from './multiwoz/venue-db';

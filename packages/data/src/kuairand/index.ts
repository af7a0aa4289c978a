export { type LogColumnMapping, logColumnMappingSchema } from './column-mapping';
export { KUAIRAND_DEFAULT_OBJECTIVES, KUAIRAND_OBJECTIVES, KUAIRAND_TASKS, LOG_COLUMNS } from './columns';
export { type KuaiRandFiles, type KuaiRandReadOptions, readKuaiRand } from './read-kuairand';
export { type KuaiRandLog, type LogReadOptions, readKuaiRandLog } from './read-log';
export { groupRequests, REQUEST_GAP_MS } from './requests';
export { type Impressions, type RequestSequenceOptions, type RequestSequences, requestSequences } from './sequences';
export * from './simulator';

export { type ArtifactInput, type ArtifactKind, getLatestArtifact, putArtifact, type StoredArtifact } from './artifacts.ts';
export { createPrismaClient, poolOf } from './client.ts';
export type {
  ApiToken,
  Artifact,
  ArtifactFile,
  Dataset,
  Experiment,
  LatestMetric,
  MetricKey,
  MetricPoint as MetricPointRow,
  Project,
  Run,
  RunLog,
  Session,
  User,
} from './generated/prisma/client.ts';
export { Prisma, PrismaClient, Role, RunStatus } from './generated/prisma/client.ts';
export { type FinalMetricSummary, summarizeFinalMetrics } from './experiment-summary.ts';
export { explainMetricSeries, type MetricSeries, type MetricSeriesQuery, queryMetricSeries } from './metric-series.ts';
export { getLatestMetrics, type MetricPointInput, writeMetricPoints } from './metrics.ts';
export { migrate } from './migrate.ts';
export { openRunQueue, RUN_QUEUE, type RunQueue, type RunQueueOptions } from './queue.ts';
export {
  appendRunLog,
  claimRun,
  EXTERNAL_WORKER,
  failRun,
  findQueuedRuns,
  findStaleRuns,
  finishRun,
  type HeartbeatResult,
  heartbeat,
  markRunCancelled,
  type RunLogLine,
  requestCancel,
  requeueRun,
  tailRunLog,
} from './runs.ts';
export {
  queryRuns,
  queryRunsColumns,
  RUN_SORT_COLUMNS,
  type RunSortColumn,
  type RunsColumns,
  type RunsQuery,
  type RunsTableRow,
} from './runs-query.ts';
export { type OpenStoreOptions, openStore, type Store } from './store.ts';
export { countRunsByStatus, listWorkers, markWorkerStopped, registerWorker, touchWorker, type WorkerInfo, type WorkerState, type WorkerView } from './workers.ts';

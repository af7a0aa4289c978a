export { PrismaClient, Prisma, RunStatus, Role } from './generated/prisma/client.ts';
export type {
  Project,
  Dataset,
  Experiment,
  Run,
  MetricKey,
  MetricPoint as MetricPointRow,
  LatestMetric,
  Artifact,
  ArtifactFile,
  RunLog,
  User,
  Session,
  ApiToken,
} from './generated/prisma/client.ts';
export { createPrismaClient } from './client.ts';
export { openStore, type Store, type OpenStoreOptions } from './store.ts';
export { migrate } from './migrate.ts';
export { writeMetricPoints, queryMetricSeries, getLatestMetrics, type MetricPointInput, type MetricSeries } from './metrics.ts';
export { putArtifact, getLatestArtifact, type ArtifactInput, type ArtifactKind, type StoredArtifact } from './artifacts.ts';
export {
  claimRun,
  heartbeat,
  finishRun,
  failRun,
  markRunCancelled,
  requestCancel,
  requeueRun,
  findStaleRuns,
  findQueuedRuns,
  appendRunLog,
  tailRunLog,
  type HeartbeatResult,
  type RunLogLine,
} from './runs.ts';
export { openRunQueue, RUN_QUEUE, type RunQueue, type RunQueueOptions } from './queue.ts';

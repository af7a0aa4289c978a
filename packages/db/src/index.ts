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

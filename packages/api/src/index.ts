export { appRouter, createCaller, type AppRouter } from './root.ts';
export {
  API_TOKEN_HEADER,
  SESSION_COOKIE,
  createContext,
  credentialsFromHeaders,
  type Context,
  type Credentials,
} from './context.ts';
export { LOCAL_USER_EMAIL, hashToken, resolveCaller, type Caller } from './caller.ts';
export { createTradeoffClient, type TradeoffClient } from './client.ts';
export { expandSweep, sweepSize, type SweepPoint } from './sweep.ts';
export { ACTIVE_STATUSES, RETRYABLE_STATUSES } from './run-control.ts';
export { projectCreateInput, DEFAULT_PROJECT } from './routers/projects.ts';
export { datasetListInput, datasetRegisterInput } from './routers/datasets.ts';
export {
  experimentCreateInput,
  experimentIdInput,
  experimentListInput,
  MAX_RUNS_PER_EXPERIMENT,
} from './routers/experiments.ts';
export { runIdInput, runListInput, runRetryInput } from './routers/runs.ts';
export {
  MAX_INGEST_POINTS,
  metricIngestInput,
  metricKeySchema,
  metricPointInput,
  metricSeriesInput,
} from './routers/metrics.ts';
export type { AlgorithmView } from './routers/algorithms.ts';

export { type Caller, generateToken, hashToken, LOCAL_USER_EMAIL, resolveCaller } from './caller.ts';
export { createTradeoffClient, type TradeoffClient, type TradeoffClientOptions } from './client.ts';
export {
  API_TOKEN_HEADER,
  type Context,
  type CreateContextOptions,
  type Credentials,
  createContext,
  credentialsFromHeaders,
  SESSION_COOKIE,
  sessionTokenFromCookie,
} from './context.ts';
export { generatePassword, hashPassword, verifyPassword } from './password.ts';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export type { AlgorithmView } from './routers/algorithms.ts';
export { emailInput, signInInput } from './routers/auth.ts';
export { datasetListInput, datasetRegisterInput } from './routers/datasets.ts';
export {
  experimentCreateInput,
  experimentIdInput,
  experimentListInput,
  MAX_RUNS_PER_EXPERIMENT,
} from './routers/experiments.ts';
export { MAX_INGEST_POINTS, metricIngestInput, metricPointInput, metricSeriesInput } from './routers/metrics.ts';
export { projectCreateInput } from './routers/projects.ts';
export { runIdInput, runListInput, runRetryInput } from './routers/runs.ts';
export { API_TOKEN_PREFIX, createApiToken, tokenCreateInput } from './routers/tokens.ts';
export { EXTERNAL_ALGORITHM } from './routers/tracking.ts';
export { roleInput, userCreateInput, userResetPasswordInput, userSetRoleInput } from './routers/users.ts';
export { ACTIVE_STATUSES, RETRYABLE_STATUSES } from './run-control.ts';
export { metricKeySchema } from './schemas/metric-key.ts';
export { DEFAULT_PROJECT } from './schemas/project.ts';
export {
  trackingArtifactInput,
  trackingEndRunInput,
  trackingLogInput,
  trackingSeriesInput,
  trackingStartRunInput,
} from './schemas/tracking.ts';
export { MAX_ARTIFACT_BYTES, MAX_LOG_POINTS } from './schemas/tracking-limits.ts';
export { createSession, SESSION_TTL_MS } from './session.ts';
export { expandSweep, type SweepPoint, sweepSize } from './sweep.ts';
export * from './sdk/index.ts';

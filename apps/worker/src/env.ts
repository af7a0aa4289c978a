import { z } from 'zod';

/** The worker's environment, parsed once. Flags given to `tradeoff worker` override these. */
export const workerEnvSchema = z.object({
  /** Postgres URL; unset means the embedded store under TRADEOFF_HOME. */
  DATABASE_URL: z.string().url().optional(),
  TRADEOFF_HOME: z.string().min(1).optional(),
  TRADEOFF_WORKER_ID: z.string().min(1).optional(),
  TRADEOFF_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** A running run whose heartbeat is older than this is taken to be orphaned by a dead worker. */
  TRADEOFF_STALE_AFTER_MS: z.coerce.number().int().min(200).default(60_000),
  /** Default: a quarter of the stale limit, at most 5 s. */
  TRADEOFF_HEARTBEAT_MS: z.coerce.number().int().min(50).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return workerEnvSchema.parse(env);
}

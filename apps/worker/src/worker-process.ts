import { openRunQueue, openStore } from '@tradeoff/db';

import { parseWorkerEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startWorker } from './start-worker.ts';

/**
 * A worker as a whole process (`tradeoff worker`): env, store, queue, and a clean stop on SIGINT or
 * SIGTERM that hands runs in flight back to the queue. Resolves once stopped.
 */
export async function runWorkerProcess(overrides: { concurrency?: number } = {}): Promise<void> {
  const env = parseWorkerEnv();
  const log = createLogger(env.LOG_LEVEL);
  const store = await openStore({ databaseUrl: env.DATABASE_URL, home: env.TRADEOFF_HOME });
  const queue = await openRunQueue(store.url);
  const worker = await startWorker({
    store,
    queue,
    concurrency: overrides.concurrency ?? env.TRADEOFF_WORKER_CONCURRENCY,
    workerId: env.TRADEOFF_WORKER_ID,
    staleAfterMs: env.TRADEOFF_STALE_AFTER_MS,
    heartbeatMs: env.TRADEOFF_HEARTBEAT_MS,
    log,
  });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info({ signal }, 'stopping');
  await worker.stop();
  await store.close();
}

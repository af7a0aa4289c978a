import { findQueuedRuns, findStaleRuns, type PrismaClient, type RunQueue } from '@tradeoff/db';

import type { Logger } from './logger.ts';

/**
 * Re-enqueues runs whose worker stopped heartbeating (it died), on start and then periodically;
 * on start also queued runs, in case their job was lost. A job only wakes a worker: claimRun
 * decides, and the run resumes from its last checkpoint.
 */
export function startReaper(opts: {
  prisma: PrismaClient;
  queue: RunQueue;
  staleAfterMs: number;
  everyMs: number;
  log: Logger;
}): { reapOnStart(): Promise<number>; stop(): void } {
  async function reapStale(): Promise<number> {
    const stale = await findStaleRuns(opts.prisma, opts.staleAfterMs);
    for (const run of stale) {
      opts.log.warn({ runId: run.id, deadWorker: run.workerId }, 'stale run re-enqueued (its worker stopped heartbeating)');
      await opts.queue.enqueue(run.id);
    }
    return stale.length;
  }
  const timer = setInterval(() => {
    reapStale().catch((error: unknown) => opts.log.warn({ err: error }, 'reaper pass failed'));
  }, opts.everyMs);
  timer.unref();
  return {
    async reapOnStart() {
      // The queue keeps one waiting job per run, so enqueueing a run that has one is harmless.
      for (const run of await findQueuedRuns(opts.prisma)) await opts.queue.enqueue(run.id);
      return reapStale();
    },
    stop: () => clearInterval(timer),
  };
}

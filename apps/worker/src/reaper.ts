import { findQueuedRuns, findStaleRuns, type PrismaClient, type RunQueue } from '@tradeoff/db';

import type { Logger } from './logger.ts';

/**
 * Keeps every unfinished run reachable through the queue, on start and then periodically:
 * - running runs whose worker stopped heartbeating (it died) are re-enqueued, to resume from their
 *   last checkpoint on whichever worker claims them;
 * - queued runs that have waited longer than the stale limit are enqueued again, in case their job
 *   was lost (a failed enqueue, retries used up); on start, all queued runs are.
 * A job only wakes a worker: claimRun decides, and the queue keeps one waiting job per run.
 */
export function startReaper(opts: {
  prisma: PrismaClient;
  queue: RunQueue;
  staleAfterMs: number;
  everyMs: number;
  log: Logger;
}): { reap(queuedFor?: number): Promise<number>; stop(): void } {
  async function reap(queuedFor = opts.staleAfterMs): Promise<number> {
    const stale = await findStaleRuns(opts.prisma, opts.staleAfterMs);
    for (const run of stale) {
      opts.log.warn({ runId: run.id, deadWorker: run.workerId }, 'stale run re-enqueued (its worker stopped heartbeating)');
      await opts.queue.enqueue(run.id);
    }
    const waitedSince = Date.now() - queuedFor;
    for (const run of await findQueuedRuns(opts.prisma)) {
      if (run.updatedAt.getTime() <= waitedSince) await opts.queue.enqueue(run.id);
    }
    return stale.length;
  }
  const timer = setInterval(() => {
    reap().catch((error: unknown) => opts.log.warn({ err: error }, 'reaper pass failed'));
  }, opts.everyMs);
  timer.unref();
  return { reap, stop: () => clearInterval(timer) };
}

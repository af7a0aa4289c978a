import { findStaleRuns, type PrismaClient, type RunQueue } from '@tradeoff/db';

import type { Logger } from './logger.ts';

/**
 * Re-enqueues runs whose worker stopped heartbeating (it died), on start and then periodically. The
 * job only wakes a worker: claimRun decides, and the run resumes from its last checkpoint.
 */
export function startReaper(opts: {
  prisma: PrismaClient;
  queue: RunQueue;
  staleAfterMs: number;
  everyMs: number;
  log: Logger;
}): { reap(): Promise<number>; stop(): void } {
  async function reap(): Promise<number> {
    const stale = await findStaleRuns(opts.prisma, opts.staleAfterMs);
    for (const run of stale) {
      opts.log.warn({ runId: run.id, workerId: run.workerId }, 'stale run re-enqueued (its worker stopped heartbeating)');
      await opts.queue.enqueue(run.id);
    }
    return stale.length;
  }
  const timer = setInterval(() => {
    reap().catch((error: unknown) => opts.log.warn({ err: error }, 'reaper pass failed'));
  }, opts.everyMs);
  timer.unref();
  return { reap, stop: () => clearInterval(timer) };
}

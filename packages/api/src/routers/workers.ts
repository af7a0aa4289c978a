import { countRunsByStatus, listWorkers } from '@tradeoff/db';

import { router, viewerProcedure } from '../trpc.ts';

/** A worker heartbeats every few seconds; this long silent without a clean stop, it is shown as lost. */
export const WORKER_LOST_AFTER_MS = 30_000;

/** Queued runs listed in the queue view, oldest first. */
const NEXT_UP = 20;

export const workersRouter = router({
  /** The queue at a glance: runs per status, the workers and what each runs, and the next queued runs. */
  queue: viewerProcedure.query(async ({ ctx }) => {
    const [counts, workers, queued] = await Promise.all([
      countRunsByStatus(ctx.prisma),
      listWorkers(ctx.prisma, { staleAfterMs: WORKER_LOST_AFTER_MS }),
      ctx.prisma.run.findMany({
        where: { status: 'queued' },
        orderBy: [{ createdAt: 'asc' }, { index: 'asc' }],
        take: NEXT_UP,
        select: { id: true, experimentId: true, index: true, seed: true, createdAt: true, attempt: true, experiment: { select: { name: true } } },
      }),
    ]);
    return {
      counts,
      workers,
      queued: queued.map(({ experiment, ...run }) => ({ ...run, experimentName: experiment.name })),
    };
  }),
});

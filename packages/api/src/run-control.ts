import { Prisma, type PrismaClient, type RunQueue } from '@tradeoff/db';

/** Statuses a run can still leave on its own; cancel applies to these. */
export const ACTIVE_STATUSES = ['queued', 'running'] as const;
/** Statuses retry applies to. */
export const RETRYABLE_STATUSES = ['failed', 'cancelled'] as const;

/**
 * Cancels runs: a queued run is cancelled at once (a worker never claims it); a running one gets
 * `cancelRequested`, which its worker polls between steps before marking it cancelled.
 */
export async function cancelRuns(prisma: PrismaClient, runIds: string[]) {
  const [queued, running] = await prisma.$transaction([
    prisma.run.updateMany({
      where: { id: { in: runIds }, status: 'queued' },
      data: { status: 'cancelled', cancelRequested: true, finishedAt: new Date() },
    }),
    prisma.run.updateMany({ where: { id: { in: runIds }, status: 'running' }, data: { cancelRequested: true } }),
  ]);
  return { cancelled: queued.count, cancelRequested: running.count };
}

/**
 * Queues failed or cancelled runs again. By default a retry starts over: its metrics, final
 * values and checkpoint pointer are cleared. `fromCheckpoint` keeps them so the worker resumes.
 */
export async function retryRuns(prisma: PrismaClient, queue: RunQueue, runIds: string[], fromCheckpoint = false) {
  const retryable = await prisma.run.findMany({
    where: { id: { in: runIds }, status: { in: [...RETRYABLE_STATUSES] } },
    select: { id: true },
  });
  const ids = retryable.map((run) => run.id);
  if (ids.length === 0) return { retried: 0 };
  const reset = { status: 'queued' as const, cancelRequested: false, error: null, finishedAt: null, workerId: null, heartbeatAt: null };
  await prisma.$transaction([
    ...(fromCheckpoint
      ? []
      : [
          prisma.metricPoint.deleteMany({ where: { runId: { in: ids } } }),
          prisma.latestMetric.deleteMany({ where: { runId: { in: ids } } }),
        ]),
    prisma.run.updateMany({
      where: { id: { in: ids } },
      data: fromCheckpoint
        ? reset
        : { ...reset, checkpointId: null, progress: 0, progressLabel: null, final: Prisma.DbNull, startedAt: null },
    }),
  ]);
  for (const id of ids) await queue.enqueue(id);
  return { retried: ids.length };
}

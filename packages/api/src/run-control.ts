import { Prisma, type PrismaClient, type RunQueue, requestCancel, requeueRun } from '@tradeoff/db';

/** Statuses a run can still leave on its own; cancel applies to these. */
export const ACTIVE_STATUSES = ['queued', 'running'] as const;
/** Statuses retry applies to. */
export const RETRYABLE_STATUSES = ['failed', 'cancelled'] as const;

/**
 * Cancels runs: a queued run is cancelled at once (a worker never claims it); a running one gets
 * `cancelRequested`, which its worker sees on its next heartbeat before marking it cancelled.
 */
export async function cancelRuns(prisma: PrismaClient, runIds: string[]) {
  const active = await prisma.run.findMany({
    where: { id: { in: runIds }, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true },
  });
  const after = await Promise.all(active.map((run) => requestCancel(prisma, run.id)));
  return {
    cancelled: after.filter((status) => status === 'cancelled').length,
    cancelRequested: after.filter((status) => status === 'running').length,
  };
}

/**
 * Queues failed or cancelled runs again. By default a retry starts over: its metrics, final
 * values and checkpoints are deleted first (a worker resumes from any checkpoint it finds).
 * `fromCheckpoint` keeps them so the worker resumes where the run stopped.
 */
export async function retryRuns(prisma: PrismaClient, queue: RunQueue, runIds: string[], fromCheckpoint = false) {
  const retryable = await prisma.run.findMany({
    where: { id: { in: runIds }, status: { in: [...RETRYABLE_STATUSES] } },
    select: { id: true },
  });
  const ids = retryable.map((run) => run.id);
  if (!fromCheckpoint && ids.length > 0) {
    await prisma.$transaction([
      prisma.metricPoint.deleteMany({ where: { runId: { in: ids } } }),
      prisma.latestMetric.deleteMany({ where: { runId: { in: ids } } }),
      prisma.artifact.deleteMany({ where: { runId: { in: ids }, kind: 'checkpoint' } }),
      prisma.run.updateMany({
        where: { id: { in: ids }, status: { in: [...RETRYABLE_STATUSES] } },
        data: { checkpointId: null, progress: 0, progressLabel: null, final: Prisma.DbNull, startedAt: null },
      }),
    ]);
  }
  let retried = 0;
  for (const id of ids) {
    if (!(await requeueRun(prisma, id))) continue;
    await queue.enqueue(id);
    retried += 1;
  }
  return { retried };
}

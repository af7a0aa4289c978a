import type { PrismaClient } from '@tradeoff/db';

/**
 * Hands a run this worker holds back to the queue when the worker shuts down cleanly, so another
 * worker resumes it from its checkpoint at once instead of waiting for the heartbeat to go stale.
 */
export async function releaseRun(prisma: PrismaClient, runId: string, workerId: string): Promise<boolean> {
  const { count } = await prisma.run.updateMany({
    where: { id: runId, workerId, status: 'running' },
    data: { status: 'queued', workerId: null, heartbeatAt: null },
  });
  return count === 1;
}

import type { PrismaClient } from '@tradeoff/db';

/** Every stored point of one metric of a run, by step. */
export async function metricPoints(prisma: PrismaClient, runId: string, key: string) {
  return prisma.metricPoint.findMany({
    where: { runId, key: { name: key } },
    orderBy: { step: 'asc' },
    select: { step: true, value: true, time: true },
  });
}

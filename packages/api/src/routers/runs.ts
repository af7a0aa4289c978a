import { TRPCError } from '@trpc/server';
import type { PrismaClient } from '@tradeoff/db';
import type { Spec } from '@tradeoff/experiments';
import { z } from 'zod';

import { cancelRuns, retryRuns } from '../run-control.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

export const runListInput = z.object({ experimentId: z.string().min(1) });
export const runIdInput = z.object({ id: z.string().min(1) });
export const runRetryInput = runIdInput.extend({
  /** Resume from the run's last checkpoint instead of starting over. */
  fromCheckpoint: z.boolean().default(false),
});

/** Run columns a client shows; the heavy spec stays out of lists. */
const runSummary = {
  id: true,
  experimentId: true,
  index: true,
  status: true,
  seed: true,
  workerId: true,
  heartbeatAt: true,
  startedAt: true,
  finishedAt: true,
  attempt: true,
  cancelRequested: true,
  error: true,
  progress: true,
  progressLabel: true,
  final: true,
  createdAt: true,
} as const;

const latestMetrics = { select: { step: true, value: true, time: true, key: { select: { name: true } } } } as const;

type LatestRow = { step: number; value: number; time: Date; key: { name: string } };

function flattenLatest(rows: LatestRow[]) {
  return rows
    .map((row) => ({ key: row.key.name, step: row.step, value: row.value, time: row.time }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function requireRun(prisma: PrismaClient, id: string) {
  const run = await prisma.run.findUnique({ where: { id }, select: { id: true } });
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `run ${id} not found` });
  return run;
}

export const runsRouter = router({
  /**
   * The experiment's runs in sweep order, each with its sweep point (`params`: the swept
   * hyperparameters' values) and its newest value per metric.
   */
  list: publicProcedure.input(runListInput).query(async ({ ctx, input }) => {
    const [experiment, runs] = await Promise.all([
      ctx.prisma.experiment.findUnique({ where: { id: input.experimentId }, select: { spec: true } }),
      ctx.prisma.run.findMany({
        where: { experimentId: input.experimentId },
        orderBy: { index: 'asc' },
        select: { ...runSummary, spec: true, latestMetrics },
      }),
    ]);
    const swept = Object.keys((experiment?.spec as Spec | undefined)?.sweep?.grid ?? {});
    return runs.map(({ latestMetrics: rows, final, spec, ...run }) => ({
      ...run,
      params: Object.fromEntries(swept.map((key) => [key, (spec as Spec).hyper[key]])),
      final: final as Record<string, number> | null,
      latest: flattenLatest(rows),
    }));
  }),

  get: publicProcedure.input(runIdInput).query(async ({ ctx, input }) => {
    const run = await ctx.prisma.run.findUnique({
      where: { id: input.id },
      select: { ...runSummary, spec: true, latestMetrics, experiment: { select: { id: true, name: true } } },
    });
    if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `run ${input.id} not found` });
    const { latestMetrics: rows, final, ...rest } = run;
    return { ...rest, final: final as Record<string, number> | null, latest: flattenLatest(rows) };
  }),

  cancel: protectedProcedure.input(runIdInput).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return cancelRuns(ctx.prisma, [input.id]);
  }),

  retry: protectedProcedure.input(runRetryInput).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return retryRuns(ctx.prisma, ctx.queue, [input.id], input.fromCheckpoint);
  }),
});

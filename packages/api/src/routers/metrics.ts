import { queryMetricSeries, writeMetricPoints } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { metricKeySchema } from '../schemas/metric-key.ts';
import { memberProcedure, router, viewerProcedure } from '../trpc.ts';

export const metricPointInput = z.object({
  key: metricKeySchema,
  step: z.number().int().min(0),
  value: z.number(),
  time: z.date().optional(),
});

export const MAX_INGEST_POINTS = 10_000;

export const metricIngestInput = z.object({
  runId: z.string().min(1),
  points: z.array(metricPointInput).min(1).max(MAX_INGEST_POINTS),
});

export const metricSeriesInput = z.object({
  runId: z.string().min(1),
  keys: z.array(metricKeySchema).max(100).optional(),
  /** Points per series after server-side downsampling. */
  maxPoints: z.number().int().min(3).max(10_000).default(500),
  /** A zoomed chart's step range; the whole series when absent. */
  fromStep: z.number().int().min(0).optional(),
  toStep: z.number().int().min(0).optional(),
});

export const metricKeysInput = z.object({ runIds: z.array(z.string().min(1)).min(1).max(100) });

export const metricsRouter = router({
  /** Upserts a batch on (run, key, step): sending a point again overwrites it. */
  ingest: memberProcedure.input(metricIngestInput).mutation(async ({ ctx, input }) => {
    const run = await ctx.prisma.run.findUnique({ where: { id: input.runId }, select: { id: true } });
    if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `runId: run ${input.runId} not found` });
    await writeMetricPoints(ctx.prisma, input.runId, input.points);
    return { written: input.points.length };
  }),

  series: viewerProcedure.input(metricSeriesInput).query(({ ctx, input }) => {
    if (input.fromStep !== undefined && input.toStep !== undefined && input.fromStep > input.toStep) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `fromStep: ${input.fromStep} is after toStep ${input.toStep}` });
    }
    return queryMetricSeries(ctx.prisma, input);
  }),

  /** The metric names logged by any of these runs, sorted. */
  keys: viewerProcedure.input(metricKeysInput).query(async ({ ctx, input }) => {
    const keys = await ctx.prisma.metricKey.findMany({
      where: { latest: { some: { runId: { in: input.runIds } } } },
      orderBy: { name: 'asc' },
      select: { name: true },
    });
    return keys.map((key) => key.name);
  }),
});

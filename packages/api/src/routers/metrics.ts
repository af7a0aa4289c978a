import { TRPCError } from '@trpc/server';
import { queryMetricSeries, writeMetricPoints } from '@tradeoff/db';
import { z } from 'zod';

import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

/** `<split>/<metric>[/<objective>]`: slash-separated segments of word characters, `@`, `.`, `-`. */
export const metricKeySchema = z
  .string()
  .max(200)
  .regex(/^[\w@.-]+(\/[\w@.-]+)*$/, 'expected a metric name like "valid/auc/income"');

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
  maxPoints: z.number().int().min(2).max(10_000).default(500),
});

export const metricsRouter = router({
  /** Upserts a batch on (run, key, step): sending a point again overwrites it. */
  ingest: protectedProcedure.input(metricIngestInput).mutation(async ({ ctx, input }) => {
    const run = await ctx.prisma.run.findUnique({ where: { id: input.runId }, select: { id: true } });
    if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `runId: run ${input.runId} not found` });
    await writeMetricPoints(ctx.prisma, input.runId, input.points);
    return { written: input.points.length };
  }),

  series: publicProcedure.input(metricSeriesInput).query(({ ctx, input }) => queryMetricSeries(ctx.prisma, input)),
});

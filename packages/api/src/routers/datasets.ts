import { specSchema } from '@tradeoff/experiments';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure, router, viewerProcedure } from '../trpc.ts';

const datasetSchema = specSchema.shape.dataset;

export const datasetRegisterInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Format understood by @tradeoff/data: the spec's `dataset.kind` (e.g. `census`). */
  kind: datasetSchema.shape.kind,
  /** The spec's `dataset` without its kind: train/valid/test sources, tables, generator settings. */
  files: datasetSchema.omit({ kind: true }),
  description: z.string().trim().max(2000).optional(),
  stats: z.record(z.string(), z.unknown()).optional(),
  /** Data the project generated (the demo); shown as "synthetic" everywhere. */
  synthetic: z.boolean().default(false),
  projectId: z.string().optional(),
});

export const datasetListInput = z.object({ projectId: z.string().optional() }).optional();

export const datasetsRouter = router({
  list: viewerProcedure.input(datasetListInput).query(({ ctx, input }) =>
    ctx.prisma.dataset.findMany({
      where: input?.projectId ? { OR: [{ projectId: input.projectId }, { projectId: null }] } : {},
      orderBy: { name: 'asc' },
    }),
  ),
  register: memberProcedure.input(datasetRegisterInput).mutation(async ({ ctx, input }) => {
    const existing = await ctx.prisma.dataset.findUnique({ where: { name: input.name } });
    if (existing) throw new TRPCError({ code: 'CONFLICT', message: `name: a data set named "${input.name}" exists` });
    const { stats, ...rest } = input;
    return ctx.prisma.dataset.create({ data: { ...rest, ...(stats ? { stats: stats as object } : {}) } });
  }),
});

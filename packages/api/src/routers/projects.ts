import type { PrismaClient } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { DEFAULT_PROJECT } from '../schemas/project.ts';
import { memberProcedure, router, viewerProcedure } from '../trpc.ts';

export const projectCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
});

/** The project experiments land in when the caller names none. */
export function ensureDefaultProject(prisma: PrismaClient) {
  return prisma.project.upsert({ where: { name: DEFAULT_PROJECT }, create: { name: DEFAULT_PROJECT }, update: {} });
}

export const projectsRouter = router({
  list: viewerProcedure.query(({ ctx }) =>
    ctx.prisma.project.findMany({
      orderBy: { createdAt: 'asc' },
      include: { _count: { select: { experiments: true, datasets: true } } },
    }),
  ),
  create: memberProcedure.input(projectCreateInput).mutation(async ({ ctx, input }) => {
    const existing = await ctx.prisma.project.findUnique({ where: { name: input.name } });
    if (existing) throw new TRPCError({ code: 'CONFLICT', message: `name: a project named "${input.name}" exists` });
    return ctx.prisma.project.create({ data: input });
  }),
});

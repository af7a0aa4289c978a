import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { router, viewerProcedure } from '../trpc.ts';

export const artifactListInput = z.object({ runId: z.string().min(1) });
export const artifactIdInput = z.object({ id: z.string().min(1) });
export const frontsInput = z.object({ runIds: z.array(z.string().min(1)).min(1).max(500) });

/** The file a `front` artifact keeps its front in. */
export const FRONT_FILE = 'front.json';

/** front.json as runs write it (see @tradeoff/core's frontArtifact); read defensively, it comes from storage. */
const frontFileSchema = z.object({
  version: z.literal(1),
  objectives: z.array(z.string()).min(1),
  reference: z.array(z.number()),
  points: z.array(z.object({ preference: z.array(z.number()), values: z.array(z.number()), nonDominated: z.boolean() })),
  summary: z.record(z.string(), z.number()),
});
export type FrontFile = z.infer<typeof frontFileSchema>;

export const artifactsRouter = router({
  /** A run's artifacts, newest first, with file names and sizes (no bytes). */
  list: viewerProcedure.input(artifactListInput).query(async ({ ctx, input }) => {
    const artifacts = await ctx.prisma.artifact.findMany({
      where: { runId: input.runId },
      orderBy: { createdAt: 'desc' },
      select: { id: true, kind: true, name: true, step: true, size: true, createdAt: true, files: { select: { path: true, size: true }, orderBy: { path: 'asc' } } },
    });
    return artifacts;
  }),

  /**
   * The newest `front` artifact of each run that has one, parsed. A front file that does not parse
   * is reported with its error instead of failing the whole view.
   */
  fronts: viewerProcedure.input(frontsInput).query(async ({ ctx, input }) => {
    const files = await ctx.prisma.artifactFile.findMany({
      where: { path: FRONT_FILE, artifact: { kind: 'front', runId: { in: input.runIds } } },
      orderBy: { artifact: { createdAt: 'desc' } },
      select: { bytes: true, artifact: { select: { id: true, runId: true, step: true } } },
    });
    const newest = new Map<string, (typeof files)[number]>();
    for (const file of files) if (!newest.has(file.artifact.runId)) newest.set(file.artifact.runId, file);
    return [...newest.values()].map(({ bytes, artifact }) => {
      const where = `artifact ${artifact.id} ${FRONT_FILE}`;
      try {
        const parsed = frontFileSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
        if (!parsed.success) return { runId: artifact.runId, artifactId: artifact.id, front: null, error: `${where}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` };
        return { runId: artifact.runId, artifactId: artifact.id, front: parsed.data, error: null };
      } catch (error) {
        return { runId: artifact.runId, artifactId: artifact.id, front: null, error: `${where}: ${(error as Error).message}` };
      }
    });
  }),

  /** Checks the caller may read the artifact, for the download route (which streams the bytes itself). */
  describe: viewerProcedure.input(artifactIdInput).query(async ({ ctx, input }) => {
    // Names and sizes only: the route reads the bytes it serves, once.
    const artifact = await ctx.prisma.artifact.findUnique({
      where: { id: input.id },
      include: { files: { select: { path: true, size: true }, orderBy: { path: 'asc' } } },
    });
    if (!artifact) throw new TRPCError({ code: 'NOT_FOUND', message: `artifact ${input.id} not found` });
    return artifact;
  }),
});

import { type PrismaClient, summarizeFinalMetrics } from '@tradeoff/db';
import { parseSpec, type Spec, SpecError } from '@tradeoff/experiments';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { cancelRuns, retryRuns } from '../run-control.ts';
import { expandSweep, type SweepPoint, sweepSize } from '../sweep.ts';
import { memberProcedure, router, viewerProcedure } from '../trpc.ts';
import { ensureDefaultProject } from './projects.ts';

/** More runs than this in one experiment is almost surely a sweep typo. */
export const MAX_RUNS_PER_EXPERIMENT = 500;

export const experimentCreateInput = z.object({
  /** The experiment spec (JSON); validated by the registry's schema, not here. */
  spec: z.unknown(),
  projectId: z.string().optional(),
  /** A registered data set this experiment uses, for lineage and labels. */
  datasetId: z.string().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  notes: z.string().max(10_000).optional(),
});

export const experimentListInput = z
  .object({ projectId: z.string().optional(), limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });

export const experimentIdInput = z.object({ id: z.string().min(1) });

type StatusCounts = Record<'queued' | 'running' | 'finished' | 'failed' | 'cancelled', number>;

const emptyCounts = (): StatusCounts => ({ queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0 });

async function statusCounts(prisma: PrismaClient, experimentIds: string[]) {
  const groups = await prisma.run.groupBy({
    by: ['experimentId', 'status'],
    where: { experimentId: { in: experimentIds } },
    _count: { _all: true },
  });
  const counts = new Map(experimentIds.map((id) => [id, emptyCounts()]));
  for (const group of groups) counts.get(group.experimentId)![group.status] = group._count._all;
  return counts;
}

/** Spec errors become BAD_REQUEST naming the field; anything else is a server fault. */
function validate(input: unknown): { spec: Spec; points: SweepPoint[] } {
  try {
    const spec = parseSpec(input, 'spec');
    const size = sweepSize(spec);
    if (size > MAX_RUNS_PER_EXPERIMENT) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `spec: sweep: ${size} runs exceed the limit of ${MAX_RUNS_PER_EXPERIMENT}` });
    }
    return { spec, points: expandSweep(spec, 'spec') };
  } catch (error) {
    if (error instanceof SpecError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    throw error;
  }
}

/** The ids of an experiment's runs, for actions on all of them. */
async function experimentRunIds(prisma: PrismaClient, id: string): Promise<string[]> {
  const experiment = await prisma.experiment.findUnique({ where: { id }, select: { runs: { select: { id: true } } } });
  if (!experiment) throw new TRPCError({ code: 'NOT_FOUND', message: `experiment ${id} not found` });
  return experiment.runs.map((run) => run.id);
}

export const experimentsRouter = router({
  /** Validates the spec, creates the experiment with one run per sweep point and seed, queues them. */
  create: memberProcedure.input(experimentCreateInput).mutation(async ({ ctx, input }) => {
    const { spec, points } = validate(input.spec);
    const projectId = input.projectId ?? (await ensureDefaultProject(ctx.prisma)).id;
    const experiment = await ctx.prisma.experiment.create({
      data: {
        projectId,
        datasetId: input.datasetId ?? null,
        name: spec.name,
        algorithm: spec.algorithm,
        task: spec.task,
        spec: spec as object,
        tags: input.tags,
        notes: input.notes ?? null,
        createdById: ctx.caller.userId,
        runs: { create: points.map((point) => ({ index: point.index, seed: point.seed, spec: point.spec as object })) },
      },
      include: { runs: { orderBy: { index: 'asc' }, select: { id: true, index: true, seed: true, status: true } } },
    });
    // pg-boss only wakes workers; a run whose job is lost stays `queued` and is found by claim scans.
    for (const run of experiment.runs) await ctx.queue.enqueue(run.id);
    return experiment;
  }),

  /** Newest first, with run counts per status. */
  list: viewerProcedure.input(experimentListInput).query(async ({ ctx, input }) => {
    const experiments = await ctx.prisma.experiment.findMany({
      where: input.projectId ? { projectId: input.projectId } : {},
      orderBy: { createdAt: 'desc' },
      take: input.limit,
      select: {
        id: true,
        name: true,
        algorithm: true,
        task: true,
        tags: true,
        createdAt: true,
        spec: true,
        project: { select: { id: true, name: true } },
        dataset: { select: { id: true, name: true, synthetic: true } },
      },
    });
    const counts = await statusCounts(ctx.prisma, experiments.map((e) => e.id));
    return experiments.map(({ spec, ...experiment }) => ({
      ...experiment,
      datasetKind: (spec as Spec).dataset.kind,
      counts: counts.get(experiment.id) ?? emptyCounts(),
    }));
  }),

  get: viewerProcedure.input(experimentIdInput).query(async ({ ctx, input }) => {
    const experiment = await ctx.prisma.experiment.findUnique({ where: { id: input.id }, include: { project: true, dataset: true } });
    if (!experiment) throw new TRPCError({ code: 'NOT_FOUND', message: `experiment ${input.id} not found` });
    const [counts, finals] = await Promise.all([statusCounts(ctx.prisma, [input.id]), summarizeFinalMetrics(ctx.prisma, input.id)]);
    const experimentCounts = counts.get(input.id) ?? emptyCounts();
    const runCount = Object.values(experimentCounts).reduce((a, b) => a + b, 0);
    return { ...experiment, spec: experiment.spec as Spec, runCount, counts: experimentCounts, finals };
  }),

  cancel: memberProcedure.input(experimentIdInput).mutation(async ({ ctx, input }) => {
    return cancelRuns(ctx.prisma, await experimentRunIds(ctx.prisma, input.id));
  }),

  /** Queues the experiment's failed and cancelled runs again, from scratch. */
  retry: memberProcedure.input(experimentIdInput).mutation(async ({ ctx, input }) => {
    return retryRuns(ctx.prisma, ctx.queue, await experimentRunIds(ctx.prisma, input.id));
  }),
});

import { Prisma, type PrismaClient, queryRuns, queryRunsColumns, RUN_SORT_COLUMNS, tailRunLog } from '@tradeoff/db';
import type { Spec } from '@tradeoff/experiments';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { cancelRuns, retryRuns } from '../run-control.ts';
import { memberProcedure, router, viewerProcedure } from '../trpc.ts';

export const runListInput = z.object({
  experimentId: z.string().min(1),
  /** The first runs in sweep order only (an experiment's charts draw a few; its table pages). */
  limit: z.number().int().min(1).max(1000).optional(),
});
export const runIdInput = z.object({ id: z.string().min(1) });
export const runRetryInput = runIdInput.extend({
  /** Resume from the run's last checkpoint instead of starting over. */
  fromCheckpoint: z.boolean().default(false),
});

const RUN_STATUS_VALUES = ['queued', 'running', 'finished', 'failed', 'cancelled'] as const;

/** A fixed column, or `hyper:<name>` / `metric:<name>`. */
const runSortSchema = z.union([z.enum(RUN_SORT_COLUMNS), z.templateLiteral(['hyper:', z.string().min(1)]), z.templateLiteral(['metric:', z.string().min(1)])]);

/** The runs one table or chart looks at: an experiment's, a chosen set, or all. */
const runScopeInput = z.object({
  experimentId: z.string().min(1).optional(),
  ids: z.array(z.string().min(1)).min(1).max(500).optional(),
});

export const runPageInput = runScopeInput.extend({
  statuses: z.array(z.enum(RUN_STATUS_VALUES)).max(5).optional(),
  algorithm: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  search: z.string().max(200).optional(),
  sort: runSortSchema.default('created'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const runUpdateInput = runIdInput.extend({
  tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  notes: z.string().max(10_000).nullable().optional(),
});

export const runLogsInput = runIdInput.extend({ limit: z.number().int().min(1).max(2000).default(200) });

/** Most runs a Pareto view plots at once. */
export const MAX_OBJECTIVE_RUNS = 5000;

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
  tags: true,
  notes: true,
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
  list: viewerProcedure.input(runListInput).query(async ({ ctx, input }) => {
    const [experiment, runs] = await Promise.all([
      ctx.prisma.experiment.findUnique({ where: { id: input.experimentId }, select: { spec: true } }),
      ctx.prisma.run.findMany({
        where: { experimentId: input.experimentId },
        orderBy: { index: 'asc' },
        take: input.limit,
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

  get: viewerProcedure.input(runIdInput).query(async ({ ctx, input }) => {
    const run = await ctx.prisma.run.findUnique({
      where: { id: input.id },
      select: { ...runSummary, spec: true, latestMetrics, experiment: { select: { id: true, name: true, algorithm: true } } },
    });
    if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `run ${input.id} not found` });
    const { latestMetrics: rows, final, ...rest } = run;
    return { ...rest, final: final as Record<string, number> | null, latest: flattenLatest(rows) };
  }),

  /** One page of a runs table (an experiment's runs or all), filtered and sorted in SQL, with the total. */
  page: viewerProcedure.input(runPageInput).query(({ ctx, input }) => queryRuns(ctx.prisma, input)),

  /** Header and filter choices for a runs table: swept hyperparameters, final metrics, tags, algorithms. */
  columns: viewerProcedure.input(runScopeInput).query(({ ctx, input }) => queryRunsColumns(ctx.prisma, input)),

  /** Edits a run's tags and notes (what is given). */
  update: memberProcedure.input(runUpdateInput).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return ctx.prisma.run.update({
      where: { id: input.id },
      data: { tags: input.tags === undefined ? undefined : [...new Set(input.tags)], notes: input.notes === undefined ? undefined : input.notes || null },
      select: { id: true, tags: true, notes: true },
    });
  }),

  /** The newest log lines of a run, oldest first. */
  logs: viewerProcedure.input(runLogsInput).query(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return tailRunLog(ctx.prisma, input.id, input.limit);
  }),

  /** Runs with final metrics, for a Pareto view: an experiment's, a chosen set, or the newest of all. */
  objectives: viewerProcedure.input(runScopeInput).query(async ({ ctx, input }) => {
    const runs = await ctx.prisma.run.findMany({
      where: {
        final: { not: Prisma.AnyNull },
        ...(input.experimentId ? { experimentId: input.experimentId } : {}),
        ...(input.ids ? { id: { in: input.ids } } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: MAX_OBJECTIVE_RUNS,
      select: { id: true, experimentId: true, index: true, seed: true, status: true, final: true, experiment: { select: { name: true, algorithm: true } } },
    });
    return runs.map(({ experiment, final, ...run }) => ({
      ...run,
      experimentName: experiment.name,
      algorithm: experiment.algorithm,
      final: final as Record<string, number>,
    }));
  }),

  cancel: memberProcedure.input(runIdInput).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return cancelRuns(ctx.prisma, [input.id]);
  }),

  retry: memberProcedure.input(runRetryInput).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.prisma, input.id);
    return retryRuns(ctx.prisma, ctx.queue, [input.id], input.fromCheckpoint);
  }),
});

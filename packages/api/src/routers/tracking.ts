import { EXTERNAL_WORKER, heartbeat, Prisma, type PrismaClient, putArtifact, writeMetricPoints } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { memberProcedure, router } from '../trpc.ts';
import { metricKeySchema } from './metrics.ts';
import { DEFAULT_PROJECT } from './projects.ts';

/**
 * Runs that a program outside the workers executes (the SDK's tracking API, like MLflow's):
 * the program creates the run, streams its metrics and artifacts, and ends it. Such a run is
 * `running` from the start, has no queue job, and no worker ever claims it.
 */

/** The algorithm and task recorded for tracked runs: the spec describes the program's parameters only. */
export const EXTERNAL_ALGORITHM = 'external';

/** Points per `tracking.log` request; the SDK sends its buffer in batches of at most this many. */
export const MAX_LOG_POINTS = 50_000;

/** Bytes per artifact upload (all files together, before base64). Postgres holds them in bytea rows. */
export const MAX_ARTIFACT_BYTES = 32 * 1024 * 1024;

const paramValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const trackingStartRunInput = z.object({
  project: z.string().trim().min(1).max(100).default(DEFAULT_PROJECT),
  /** Created in the project on first use; later runs with the same name join it. */
  experiment: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200).optional(),
  /** Hyperparameters; shown as the run's hyperparameters in the dashboard. */
  params: z.record(z.string().min(1).max(200), paramValue).default({}),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  notes: z.string().max(10_000).optional(),
  seed: z.number().int().default(0),
});

/** Any number, NaN and ±Infinity included (a diverging loss is worth recording); checked in one pass. */
const numberArray = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'number'),
  'expected an array of numbers',
);

/** One metric's points, as columns: far cheaper to serialise and validate than one object per point. */
export const trackingSeriesInput = z
  .object({
    key: metricKeySchema,
    steps: z.array(z.number().int().min(0)),
    values: numberArray,
    /** Wall times in ms since the epoch; the server's clock when absent. */
    times: z.array(z.number()).optional(),
  })
  .refine((s) => s.values.length === s.steps.length && (s.times === undefined || s.times.length === s.steps.length), {
    message: 'steps, values and times must have the same length',
  });

export const trackingLogInput = z
  .object({ runId: z.string().min(1), series: z.array(trackingSeriesInput).min(1).max(10_000) })
  .refine((input) => input.series.reduce((n, s) => n + s.steps.length, 0) <= MAX_LOG_POINTS, {
    message: `at most ${MAX_LOG_POINTS} points per request`,
    path: ['series'],
  });

/** Decoded size of a base64 string, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

export const trackingArtifactInput = z
  .object({
    runId: z.string().min(1),
    kind: z
      .string()
      .regex(/^[\w-]+$/, 'expected a word like "model" or "report"')
      .max(50)
      .default('artifact'),
    name: z.string().trim().min(1).max(200),
    step: z.number().int().min(0).optional(),
    files: z
      .array(z.object({ path: z.string().min(1).max(500), base64: z.base64() }))
      .min(1)
      .max(1000),
  })
  .refine((input) => input.files.reduce((n, f) => n + base64Bytes(f.base64), 0) <= MAX_ARTIFACT_BYTES, {
    message: `an artifact may hold at most ${MAX_ARTIFACT_BYTES} bytes`,
    path: ['files'],
  });

export const trackingEndRunInput = z.object({
  runId: z.string().min(1),
  status: z.enum(['finished', 'failed']),
  /** Final metrics, e.g. `{ "test/auc/income": 0.95 }`; what `tradeoff ci --baseline` compares against. */
  final: z.record(metricKeySchema, z.number()).default({}),
  error: z.string().max(10_000).optional(),
});

async function findOrCreateExperiment(prisma: PrismaClient, projectName: string, name: string, userId: string) {
  const project = await prisma.project.upsert({ where: { name: projectName }, create: { name: projectName }, update: {} });
  const existing = await prisma.experiment.findFirst({
    where: { projectId: project.id, name, algorithm: EXTERNAL_ALGORITHM },
    orderBy: { createdAt: 'asc' },
  });
  if (existing) return existing;
  const spec = { name, task: EXTERNAL_ALGORITHM, algorithm: EXTERNAL_ALGORITHM, dataset: { kind: EXTERNAL_ALGORITHM }, hyper: {}, seed: 0 };
  return prisma.experiment.create({
    data: { projectId: project.id, name, algorithm: EXTERNAL_ALGORITHM, task: EXTERNAL_ALGORITHM, spec, createdById: userId },
  });
}

/** The next free index in the experiment; two programs starting runs at once retry on the unique index. */
async function createRunAtNextIndex(prisma: PrismaClient, data: Omit<Prisma.RunUncheckedCreateInput, 'index'>) {
  for (let attempt = 0; ; attempt++) {
    const last = await prisma.run.findFirst({ where: { experimentId: data.experimentId }, orderBy: { index: 'desc' }, select: { index: true } });
    try {
      return await prisma.run.create({ data: { ...data, index: (last?.index ?? -1) + 1 } });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!clash || attempt >= 10) throw error;
    }
  }
}

/** The run must be a tracked run that has not ended; otherwise a CONFLICT naming its state. */
async function requireTrackedRunning(prisma: PrismaClient, runId: string): Promise<{ cancelRequested: boolean }> {
  const beat = await heartbeat(prisma, runId, EXTERNAL_WORKER);
  if (beat.owned) return { cancelRequested: beat.cancelRequested };
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { status: true, workerId: true } });
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: `runId: run ${runId} not found` });
  if (run.workerId !== EXTERNAL_WORKER) {
    throw new TRPCError({ code: 'CONFLICT', message: `runId: run ${runId} is executed by a worker, not tracked by a program` });
  }
  throw new TRPCError({ code: 'CONFLICT', message: `runId: run ${runId} has ended (${run.status})` });
}

export const trackingRouter = router({
  /** Creates (or joins) the project and experiment and starts a running run with no queue job. */
  startRun: memberProcedure.input(trackingStartRunInput).mutation(async ({ ctx, input }) => {
    const experiment = await findOrCreateExperiment(ctx.prisma, input.project, input.experiment, ctx.caller.userId);
    const spec = {
      name: input.name ?? input.experiment,
      task: EXTERNAL_ALGORITHM,
      algorithm: EXTERNAL_ALGORITHM,
      dataset: { kind: EXTERNAL_ALGORITHM },
      hyper: input.params,
      seed: input.seed,
    };
    const now = new Date();
    const run = await createRunAtNextIndex(ctx.prisma, {
      experimentId: experiment.id,
      seed: input.seed,
      spec,
      status: 'running',
      workerId: EXTERNAL_WORKER,
      startedAt: now,
      heartbeatAt: now,
      attempt: 1,
      tags: input.tags,
      notes: input.notes ?? null,
    });
    return { runId: run.id, experimentId: experiment.id, projectId: experiment.projectId };
  }),

  /** Upserts points on (run, key, step); answers whether someone asked the run to stop. */
  log: memberProcedure.input(trackingLogInput).mutation(async ({ ctx, input }) => {
    const { cancelRequested } = await requireTrackedRunning(ctx.prisma, input.runId);
    const points = input.series.flatMap((s) =>
      s.steps.map((step, i) => ({ key: s.key, step, value: s.values[i]!, time: s.times ? new Date(s.times[i]!) : undefined })),
    );
    await writeMetricPoints(ctx.prisma, input.runId, points);
    return { written: points.length, cancelRequested };
  }),

  uploadArtifact: memberProcedure.input(trackingArtifactInput).mutation(async ({ ctx, input }) => {
    await requireTrackedRunning(ctx.prisma, input.runId);
    const files = Object.fromEntries(input.files.map((f) => [f.path, new Uint8Array(Buffer.from(f.base64, 'base64'))]));
    const artifact = await putArtifact(ctx.prisma, { runId: input.runId, kind: input.kind, name: input.name, step: input.step, files });
    return { id: artifact.id, size: artifact.size };
  }),

  /** Ends the run as finished (with its final metrics) or failed (with the error). */
  endRun: memberProcedure.input(trackingEndRunInput).mutation(async ({ ctx, input }) => {
    await requireTrackedRunning(ctx.prisma, input.runId);
    const finished = input.status === 'finished';
    const ended = await ctx.prisma.run.updateMany({
      where: { id: input.runId, workerId: EXTERNAL_WORKER, status: 'running' },
      data: {
        status: input.status,
        finishedAt: new Date(),
        final: input.final,
        error: finished ? null : (input.error ?? 'failed'),
        ...(finished ? { progress: 1 } : {}),
      },
    });
    if (ended.count !== 1) throw new TRPCError({ code: 'CONFLICT', message: `runId: run ${input.runId} has ended` });
    return { runId: input.runId, status: input.status };
  }),
});

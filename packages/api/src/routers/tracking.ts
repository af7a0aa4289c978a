import { EXTERNAL_WORKER, heartbeat, Prisma, type PrismaClient, putArtifact, writeMetricPoints } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';

import { trackingArtifactInput, trackingEndRunInput, trackingLogInput, trackingStartRunInput } from '../schemas/tracking.ts';
import { memberProcedure, router } from '../trpc.ts';

/**
 * Runs that a program outside the workers executes (the SDK's tracking API, like MLflow's):
 * the program creates the run, streams its metrics and artifacts, and ends it. Such a run is
 * `running` from the start, has no queue job, and no worker ever claims it.
 */

/** The algorithm and task recorded for tracked runs: the spec describes the program's parameters only. */
export const EXTERNAL_ALGORITHM = 'external';

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

import { claimRun, failRun, finishRun, markRunCancelled, putArtifact, type PrismaClient } from '@tradeoff/db';
import { parseSpec, RunCancelledError, runExperiment } from '@tradeoff/experiments';

import { startHeartbeat } from './heartbeat.ts';
import type { Logger } from './logger.ts';
import { createPostgresSink } from './postgres-sink.ts';
import { releaseRun } from './release-run.ts';

export interface RunContext {
  prisma: PrismaClient;
  workerId: string;
  staleAfterMs: number;
  heartbeatMs: number;
  log: Logger;
  /** Aborted when the worker shuts down: the run stops at its next step and is handed back. */
  shutdown: AbortSignal;
}

export type RunOutcome = 'not-claimed' | 'finished' | 'failed' | 'cancelled' | 'claim-lost' | 'released';

/**
 * Runs one queued run to its end. The claim in Postgres decides who runs it: a job for a run that
 * is already taken (or done) is dropped. Every outcome of the run is written to its row; only a
 * store that cannot be reached makes this throw.
 */
export async function executeRun(ctx: RunContext, runId: string): Promise<RunOutcome> {
  const { prisma, workerId } = ctx;
  const run = await claimRun(prisma, runId, workerId, ctx.staleAfterMs);
  if (!run) {
    ctx.log.debug({ runId }, 'run not claimable (taken, finished or cancelled); job dropped');
    return 'not-claimed';
  }
  const log = ctx.log.child({ runId, attempt: run.attempt });
  const stop = new AbortController();
  const onShutdown = () => stop.abort(ctx.shutdown.reason);
  ctx.shutdown.addEventListener('abort', onShutdown, { once: true });
  const beat = startHeartbeat({
    prisma,
    runId,
    workerId,
    everyMs: ctx.heartbeatMs,
    log,
    onLost: () => stop.abort(new Error('claim lost')),
  });
  const sink = createPostgresSink({ prisma, runId, workerId, log, onActivity: () => beat.poke() });
  sink.log('info', `attempt ${run.attempt} started on worker ${workerId}`);

  try {
    const spec = parseSpec(run.spec, `run ${runId}`);
    const result = await runExperiment(spec, sink, { signal: stop.signal });
    await sink.flush();
    await putArtifact(prisma, { runId, kind: 'model', name: spec.name, files: result.model.files });
    if (!(await finishRun(prisma, runId, workerId, result.final))) {
      log.warn('finished, but another worker had claimed the run meanwhile; its result stands');
      return 'claim-lost';
    }
    log.info({ final: result.final }, 'run finished');
    return 'finished';
  } catch (error) {
    const flush = () => sink.flush().catch((flushError: unknown) => log.warn({ err: flushError }, 'final flush failed'));
    if (beat.lost) {
      log.warn('another worker claimed this run (this one was presumed dead); leaving it to that worker');
      return 'claim-lost';
    }
    if (ctx.shutdown.aborted) {
      sink.log('info', `worker ${workerId} stopping: run handed back to the queue, to resume from its last checkpoint`);
      await flush();
      await releaseRun(prisma, runId, workerId);
      return 'released';
    }
    if (error instanceof RunCancelledError) {
      sink.log('info', `cancelled at step ${error.step}`);
      await flush();
      await markRunCancelled(prisma, runId, workerId);
      return 'cancelled';
    }
    const message = error instanceof Error ? error.message : String(error);
    log.debug({ err: error }, 'run failed');
    sink.log('error', message);
    await flush();
    await failRun(prisma, runId, workerId, message);
    return 'failed';
  } finally {
    beat.stop();
    ctx.shutdown.removeEventListener('abort', onShutdown);
    await sink.close().catch(() => undefined);
  }
}

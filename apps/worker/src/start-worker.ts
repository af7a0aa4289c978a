import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import { markWorkerStopped, type RunQueue, registerWorker, type Store, touchWorker } from '@tradeoff/db';

import { executeRun, type RunOutcome } from './execute-run.ts';
import { createLogger, type Logger } from './logger.ts';
import { startReaper } from './reaper.ts';

export interface WorkerOptions {
  store: Store;
  queue: RunQueue;
  /** Runs executed at the same time by this worker. */
  concurrency?: number;
  workerId?: string;
  /** A running run without a heartbeat for this long is taken over by another worker. */
  staleAfterMs?: number;
  heartbeatMs?: number;
  log?: Logger;
}

export interface RunningWorker {
  workerId: string;
  /** Resolves when the worker has nothing left in flight. */
  idle(): Promise<void>;
  /** Stops taking jobs and hands runs in flight back to the queue, to resume elsewhere from their checkpoints. */
  stop(): Promise<void>;
}

export function defaultWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Starts consuming the `runs` queue: each job names a run that this worker tries to claim and run. */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const workerId = opts.workerId ?? defaultWorkerId();
  const staleAfterMs = opts.staleAfterMs ?? 60_000;
  const heartbeatMs = opts.heartbeatMs ?? Math.max(50, Math.min(5_000, Math.floor(staleAfterMs / 4)));
  const log = (opts.log ?? createLogger()).child({ workerId });
  const { prisma } = opts.store;
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<RunOutcome>>();
  let released = 0;

  const ctx = { prisma, workerId, staleAfterMs, heartbeatMs, log, shutdown: shutdown.signal };
  // Registered before taking jobs, so no run of this worker shows without its worker row.
  const presence = await startPresence({ prisma, workerId, concurrency: opts.concurrency ?? 1, everyMs: Math.max(1000, heartbeatMs), log });
  await opts.queue.work(
    async (runId) => {
      // Failing the job makes pg-boss deliver it again (after its retry delay), to another worker:
      // the wake-up for a run this worker did not start or handed back while stopping.
      if (shutdown.signal.aborted) throw new Error(`worker ${workerId} stopping; run ${runId} left to another worker`);
      const running = executeRun(ctx, runId);
      inFlight.add(running);
      try {
        if ((await running) === 'released') {
          released += 1;
          throw new Error(`worker ${workerId} stopped; run ${runId} handed back at its last checkpoint`);
        }
      } finally {
        inFlight.delete(running);
      }
    },
    { concurrency: opts.concurrency ?? 1 },
  );

  const reaper = startReaper({ prisma, queue: opts.queue, staleAfterMs, everyMs: Math.max(250, staleAfterMs / 2), log });
  const reaped = await reaper.reap(0);
  log.info({ concurrency: opts.concurrency ?? 1, staleAfterMs, heartbeatMs, reaped }, 'worker started');

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    workerId,
    idle,
    async stop() {
      reaper.stop();
      presence.stop();
      shutdown.abort(new Error('worker stopping'));
      // The queue stops fetching at once and waits for the handlers, which end at their run's next step.
      await Promise.all([idle(), opts.queue.stop()]);
      await markWorkerStopped(prisma, workerId).catch((err: unknown) => log.warn({ err }, 'could not mark the worker stopped'));
      log.info({ released }, 'worker stopped');
    },
  };
}

/** Keeps this worker's row fresh for the dashboard's queue view (on start, then every `everyMs`). */
async function startPresence(opts: { prisma: Store['prisma']; workerId: string; concurrency: number; everyMs: number; log: Logger }) {
  await registerWorker(opts.prisma, { id: opts.workerId, host: hostname(), pid: process.pid, concurrency: opts.concurrency });
  const timer = setInterval(() => {
    touchWorker(opts.prisma, opts.workerId).catch((err: unknown) => opts.log.warn({ err }, 'worker heartbeat failed'));
  }, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

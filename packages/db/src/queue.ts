import PgBoss from 'pg-boss';

export const RUN_QUEUE = 'runs';

export interface RunQueue {
  /** Wakes a worker for the run. A run already waiting in the queue is not queued twice. */
  enqueue(runId: string): Promise<void>;
  /** Calls handler for each delivered run, up to `concurrency` at once (default 1). */
  work(handler: (runId: string) => Promise<void>, opts?: { concurrency?: number; pollingIntervalSeconds?: number }): Promise<void>;
  /** Stops fetching, waits for running handlers (up to timeoutMs), closes the connections. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}

export interface RunQueueOptions {
  /** Called with pg-boss's background errors (maintenance, polling); default: console.error. */
  onError?: (error: Error) => void;
}

/**
 * pg-boss over the store's URL. The queue only wakes workers: claimRun decides who runs a run, so
 * a duplicate or late delivery is harmless. The `stately` policy keeps at most one waiting job per
 * run (singletonKey = runId) while still allowing a new one when the active one's worker died.
 */
export async function openRunQueue(url: string, opts: RunQueueOptions = {}): Promise<RunQueue> {
  const boss = new PgBoss({ connectionString: url, max: 4 });
  boss.on('error', opts.onError ?? ((error) => console.error('[run queue]', error)));
  await boss.start();
  if (!(await boss.getQueue(RUN_QUEUE))) {
    await boss.createQueue(RUN_QUEUE, {
      name: RUN_QUEUE,
      policy: 'stately',
      // Training takes long; an expired job is only retried, and the retry's claim fails while
      // the first worker still heartbeats.
      expireInSeconds: 6 * 3600,
      retryLimit: 3,
      retryDelay: 5,
    });
  }
  return {
    async enqueue(runId) {
      await boss.send(RUN_QUEUE, { runId }, { singletonKey: runId });
    },
    async work(handler, workOpts = {}) {
      const concurrency = Math.max(1, workOpts.concurrency ?? 1);
      // pg-boss 10 has no per-worker concurrency: each work() call is one fetch loop.
      for (let i = 0; i < concurrency; i++) {
        await boss.work<{ runId: string }>(
          RUN_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: workOpts.pollingIntervalSeconds ?? 1 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data.runId);
          },
        );
      }
    },
    async stop(stopOpts = {}) {
      await boss.stop({ graceful: true, wait: true, timeout: stopOpts.timeoutMs ?? 30_000 });
    },
  };
}

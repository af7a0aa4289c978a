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
 * a duplicate or late delivery is harmless. The `short` policy keeps at most one waiting job per
 * run (singletonKey = runId) and, unlike `stately`, lets that job become active while an older one
 * is still active for a worker that died (`stately` would hold it, and every job behind it, for hours).
 */
export async function openRunQueue(url: string, opts: RunQueueOptions = {}): Promise<RunQueue> {
  const boss = new PgBoss({ connectionString: url, max: 4 });
  boss.on('error', opts.onError ?? ((error) => console.error('[run queue]', error)));
  await boss.start();
  await ensureRunQueue(boss);
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

/**
 * Creates the queue unless it exists. Two processes creating it at once can deadlock inside
 * pg-boss's create_queue on Postgres; the loser is rolled back and finds the queue on retry.
 */
async function ensureRunQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(RUN_QUEUE)) return;
    try {
      await boss.createQueue(RUN_QUEUE, {
        name: RUN_QUEUE,
        policy: 'short',
        // Training takes long; an expired job is only retried, and the retry's claim fails while
        // the first worker still heartbeats.
        expireInSeconds: 6 * 3600,
        retryLimit: 3,
        retryDelay: 5,
      });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (attempt >= 5 || !['40P01', '23505', '42P07'].includes(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

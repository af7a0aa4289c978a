import type { Spec } from '@tradeoff/experiments';
import type { TradeoffApi } from '../api-access.ts';
import type { ProgressReporter } from '../progress.ts';

const POLL_MS = 1_000;
const ENDED = new Set(['finished', 'failed', 'cancelled']);

export interface RunOutcome {
  runId?: string;
  status: 'finished' | 'failed' | 'cancelled';
  final: Record<string, number>;
  error?: string;
}

/**
 * Queues the spec's run on the store and follows its progress until it ends (a worker runs it).
 * A run no worker has started within `startTimeoutMs` fails the gate instead of holding the CI job.
 */
export async function runOnStore(store: TradeoffApi, spec: Spec, reporter: ProgressReporter, startTimeoutMs: number): Promise<RunOutcome> {
  const runId = (await store.createExperiment(spec)).runs[0]!.id;
  const queuedAt = Date.now();
  reporter.log(`run ${runId} queued; waiting for a worker`);
  let status = 'queued';
  for (;;) {
    const run = await store.getRun(runId);
    if (!run) return { runId, status: 'failed', final: {}, error: `run ${runId} disappeared from the store` };
    if (run.status === 'queued' && Date.now() - queuedAt > startTimeoutMs) {
      const minutes = +(startTimeoutMs / 60_000).toPrecision(3);
      const error = `no worker started run ${runId} within ${minutes} min (--start-timeout); is a worker running on this store (tradeoff start, tradeoff worker)? The run stays queued.`;
      return { runId, status: 'failed', final: {}, error };
    }
    if (run.status !== status) {
      status = run.status;
      reporter.log(`run ${runId} ${status}`);
    }
    if (run.status === 'running') reporter.update(Math.round(run.progress * 1000), 1000, run.progressLabel ?? '');
    if (ENDED.has(run.status)) {
      return { runId, status: run.status as RunOutcome['status'], final: run.final ?? {}, error: run.error ?? undefined };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

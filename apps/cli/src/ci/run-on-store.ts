import type { Spec } from '@tradeoff/experiments';

import type { ProgressReporter } from '../progress.ts';
import type { CiStore } from './store-access.ts';

const POLL_MS = 1_000;
const ENDED = new Set(['finished', 'failed', 'cancelled']);

export interface RunOutcome {
  runId?: string;
  status: 'finished' | 'failed' | 'cancelled';
  final: Record<string, number>;
  error?: string;
}

/** Queues the spec's run on the store and follows its progress until it ends (a worker runs it). */
export async function runOnStore(store: CiStore, spec: Spec, reporter: ProgressReporter): Promise<RunOutcome> {
  const runId = await store.launch(spec);
  reporter.log(`run ${runId} queued; waiting for a worker`);
  let status = 'queued';
  for (;;) {
    const run = await store.getRun(runId);
    if (!run) return { runId, status: 'failed', final: {}, error: `run ${runId} disappeared from the store` };
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

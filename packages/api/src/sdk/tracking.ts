import type { TRPCClient } from '@trpc/client';
import type { z } from 'zod';

import type { AppRouter } from '../root.ts';
import type { trackingStartRunInput } from '../routers/tracking.ts';
import { TrackedRun, type TrackedRunOptions } from './tracked-run.ts';

export type StartRunInput = z.input<typeof trackingStartRunInput>;

/** `t.tracking`: runs executed by this program, logged like MLflow's tracking API. */
export function createTracking(trpc: TRPCClient<AppRouter>) {
  return {
    /** Creates (or joins) the project and experiment by name and starts a running run. */
    async startRun(input: StartRunInput, opts?: TrackedRunOptions): Promise<TrackedRun> {
      const ids = await trpc.tracking.startRun.mutate(input);
      return new TrackedRun(trpc, ids, opts);
    },
    /** A run's status, final metrics and latest values (any run, tracked or executed by a worker). */
    getRun(runId: string) {
      return trpc.runs.get.query({ id: runId });
    },
  };
}

export type Tracking = ReturnType<typeof createTracking>;

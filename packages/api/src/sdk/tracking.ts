import type { z } from 'zod';

import type { trackingStartRunInput } from '../schemas/tracking.ts';
import type { SdkProcedures } from './procedures.ts';
import type { RunRecord } from './run-record.ts';
import { TrackedRun, type TrackedRunOptions } from './tracked-run.ts';

export type StartRunInput = z.input<typeof trackingStartRunInput>;

/** `t.tracking`: runs executed by this program, logged like MLflow's tracking API. */
export function createTracking(trpc: SdkProcedures) {
  return {
    /** Creates (or joins) the project and experiment by name and starts a running run. */
    async startRun(input: StartRunInput, opts?: TrackedRunOptions): Promise<TrackedRun> {
      const ids = await trpc.tracking.startRun.mutate(input);
      return new TrackedRun(trpc, ids, opts);
    },
    /** A run's status, final metrics and latest values (any run, tracked or executed by a worker). */
    getRun(runId: string): Promise<RunRecord> {
      return trpc.runs.get.query({ id: runId });
    },
  };
}

export type Tracking = ReturnType<typeof createTracking>;

import type { z } from 'zod';

import type { trackingArtifactInput, trackingEndRunInput, trackingLogInput, trackingStartRunInput } from '../schemas/tracking.ts';
import type { RunRecord } from './run-record.ts';
import type { TrackedRunIds } from './tracked-run.ts';

type Mutation<Input, Output> = { mutate: (input: Input) => Promise<Output> };

/**
 * The procedures the SDK calls, typed without the server's router so the client-only entry needs
 * neither it nor its Prisma types. The real router's tRPC client must satisfy this (a type test in
 * client.test.ts fails the typecheck when they drift apart).
 */
export interface SdkProcedures {
  tracking: {
    startRun: Mutation<z.input<typeof trackingStartRunInput>, TrackedRunIds>;
    log: Mutation<z.input<typeof trackingLogInput>, { written: number; cancelRequested: boolean }>;
    uploadArtifact: Mutation<z.input<typeof trackingArtifactInput>, { id: string; size: number }>;
    endRun: Mutation<z.input<typeof trackingEndRunInput>, { runId: string; status: 'finished' | 'failed' }>;
  };
  runs: { get: { query: (input: { id: string }) => Promise<RunRecord> } };
}

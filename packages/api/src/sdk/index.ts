export { type ArtifactFiles, ArtifactTooLargeError } from './artifact-files.ts';
export type { SdkProcedures } from './procedures.ts';
export type { RunRecord, RunStatus } from './run-record.ts';
export { TrackedRun, type TrackedRunIds, type TrackedRunOptions } from './tracked-run.ts';
export { createTracking, type StartRunInput, type Tracking } from './tracking.ts';

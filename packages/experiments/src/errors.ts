/** Thrown by runExperiment when the sink or the abort signal asked it to stop. */
export class RunCancelledError extends Error {
  constructor(readonly step: number) {
    super(`run cancelled at step ${step}`);
    this.name = 'RunCancelledError';
  }
}

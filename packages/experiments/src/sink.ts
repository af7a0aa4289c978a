/**
 * Where a running experiment reports. The CLI's sink writes files and a progress bar; the worker's
 * sink batches into Postgres. runExperiment never knows which one it has.
 */
export interface MetricPoint {
  /** `<split>/<metric>[/<objective>]`, e.g. `train/loss`, `valid/auc/income`. */
  key: string;
  /** Monotone training step (optimizer updates). The store keys points by (run, key, step). */
  step: number;
  value: number;
  /** Defaults to now. */
  time?: Date;
}

/** Everything needed to resume training exactly: model weights, optimizer state, RNG and data position. */
export interface Checkpoint {
  /** Last optimizer step included in this checkpoint. */
  step: number;
  /** Named binary blobs (e.g. `model.json`, `weights.bin`, `optimizer.bin`, `state.json`). */
  files: Record<string, Uint8Array>;
}

/** Files a run leaves for people and tools: a Pareto front, a report, an exported policy. */
export interface RunArtifact {
  /** `front`, `report`, ... (`model` and `checkpoint` have their own paths). */
  kind: string;
  name: string;
  step?: number;
  /** Named binary blobs, e.g. `front.json`. */
  files: Record<string, Uint8Array>;
}

export interface RunSink {
  /** Record metric points; may buffer. Points with the same (key, step) overwrite, never duplicate. */
  metrics(points: MetricPoint[]): void | Promise<void>;
  /** Human-facing progress of the whole run (done out of total units, e.g. steps). */
  progress(done: number, total: number, label?: string): void;
  /** Persist a checkpoint so a run can resume after its process dies. */
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** The newest checkpoint of this run, if an earlier attempt saved one. */
  loadCheckpoint(): Promise<Checkpoint | null>;
  /** Keep an artifact with the run (the worker stores it in Postgres, `train` under `--out`). */
  saveArtifact(artifact: RunArtifact): Promise<void>;
  /** True once the user asked to cancel; runExperiment stops at the next step boundary. */
  cancelled(): boolean | Promise<boolean>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

import type { Checkpoint, MetricPoint, RunArtifact, RunSink } from './sink';

/**
 * A RunSink that keeps everything in memory: for tests and in-process callers. Points with the
 * same (key, step) overwrite, like the store; `emitted` keeps every call in order.
 */
export class MemoryRunSink implements RunSink {
  readonly emitted: MetricPoint[] = [];
  readonly points = new Map<string, MetricPoint>();
  readonly checkpoints: Checkpoint[] = [];
  readonly artifacts: RunArtifact[] = [];
  readonly logs: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  lastProgress: { done: number; total: number; label?: string } | undefined;
  /** Set to stop the run at its next step; a function is asked before every step. */
  cancel: boolean | ((nextStep: number) => boolean) = false;

  constructor(private readonly startFrom: Checkpoint | null = null) {}

  metrics(points: MetricPoint[]): void {
    for (const point of points) {
      this.emitted.push(point);
      this.points.set(`${point.key}@${point.step}`, point);
    }
  }

  progress(done: number, total: number, label?: string): void {
    this.lastProgress = label === undefined ? { done, total } : { done, total, label };
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.checkpoints.push(checkpoint);
  }

  async saveArtifact(artifact: RunArtifact): Promise<void> {
    this.artifacts.push(artifact);
  }

  async loadCheckpoint(): Promise<Checkpoint | null> {
    return this.checkpoints.at(-1) ?? this.startFrom;
  }

  cancelled(): boolean {
    return typeof this.cancel === 'function' ? this.cancel((this.lastProgress?.done ?? 0) + 1) : this.cancel;
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.logs.push({ level, message });
  }

  /** The stored series of one key, by step. */
  series(key: string): MetricPoint[] {
    return [...this.points.values()].filter((p) => p.key === key).sort((a, b) => a.step - b.step);
  }
}

import { metricKeySchema } from '../schemas/metric-key.ts';
import { MAX_LOG_POINTS } from '../schemas/tracking-limits.ts';
import { type ArtifactFiles, encodeArtifactFiles } from './artifact-files.ts';
import { MetricBuffer } from './metric-buffer.ts';
import type { SdkProcedures } from './procedures.ts';

export interface TrackedRunOptions {
  /** Buffered points that trigger a send (default 10,000). */
  batchSize?: number;
  /** Buffered points are sent at least this often, in ms (default 1,000). */
  flushIntervalMs?: number;
}

export interface TrackedRunIds {
  runId: string;
  experimentId: string;
  projectId: string;
}

/**
 * A run this program executes, as returned by `t.tracking.startRun`. `log` only buffers; points
 * are sent in batches by size and time, one request at a time so a later value of a (key, step)
 * always lands last. A failed send is reported by the next `log`, `flush` or `finish`.
 */
export class TrackedRun {
  readonly id: string;
  readonly experimentId: string;
  readonly projectId: string;
  private readonly buffer = new MetricBuffer();
  private readonly batchSize: number;
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  private inFlight = false;
  private failure: unknown = null;
  private ended = false;
  private nextStep = 0;
  private readonly checkedKeys = new Set<string>();
  private cancelFlag = false;

  constructor(
    private readonly trpc: SdkProcedures,
    ids: TrackedRunIds,
    opts: TrackedRunOptions = {},
  ) {
    this.id = ids.runId;
    this.experimentId = ids.experimentId;
    this.projectId = ids.projectId;
    this.batchSize = Math.min(opts.batchSize ?? 10_000, MAX_LOG_POINTS);
    this.timer = setInterval(() => {
      if (this.buffer.size > 0 && !this.inFlight) void this.send().catch(() => {});
    }, opts.flushIntervalMs ?? 1_000);
    // A forgotten finish() must not keep the program alive.
    this.timer.unref();
  }

  /** True once someone asked this run to stop (dashboard or API cancel); seen on each send. */
  get cancelRequested(): boolean {
    return this.cancelFlag;
  }

  /** Points waiting to be sent. */
  get pending(): number {
    return this.buffer.size;
  }

  /**
   * Buffers `{ name: value }` at `step` (default: one past the last step logged). NaN and
   * Infinity are kept. Sends in the background once `batchSize` points are waiting.
   */
  log(metrics: Record<string, number>, step?: number): void {
    this.assertUsable();
    const at = step ?? this.nextStep;
    if (!Number.isInteger(at) || at < 0) throw new TypeError(`step: expected an integer >= 0, got ${at}`);
    // Everything is checked before anything is buffered: a bad call logs nothing.
    const entries = Object.entries(metrics);
    for (const [key, value] of entries) {
      if (!this.checkedKeys.has(key)) {
        const checked = metricKeySchema.safeParse(key);
        if (!checked.success) throw new TypeError(`metric "${key}": ${checked.error.issues[0]?.message}`);
        this.checkedKeys.add(key);
      }
      if (typeof value !== 'number') throw new TypeError(`metric "${key}": expected a number, got ${typeof value}`);
    }
    this.nextStep = Math.max(this.nextStep, at + 1);
    const now = Date.now();
    for (const [key, value] of entries) this.buffer.add(key, at, value, now);
    if (this.buffer.size >= this.batchSize && !this.inFlight) void this.send().catch(() => {});
  }

  /** Sends everything buffered so far; resolves once the server has stored it. */
  async flush(): Promise<void> {
    this.throwFailure();
    // A failure is recorded by send() and reported here with the run's id.
    await this.send().catch(() => {});
    this.throwFailure();
  }

  /** Stores files as an artifact of this run (e.g. a model); text is stored as UTF-8. */
  async logArtifact(name: string, files: ArtifactFiles, opts: { kind?: string; step?: number } = {}): Promise<{ id: string; size: number }> {
    this.assertUsable();
    const encoded = encodeArtifactFiles(name, files);
    return this.trpc.tracking.uploadArtifact.mutate({ runId: this.id, name, kind: opts.kind, step: opts.step, files: encoded });
  }

  /** Sends what is buffered, then ends the run as finished with its final metrics. */
  async finish(final: Record<string, number> = {}): Promise<void> {
    await this.flush();
    await this.end({ runId: this.id, status: 'finished', final });
  }

  /** Ends the run as failed; buffered points are still sent when the server takes them. */
  async fail(error: unknown): Promise<void> {
    await this.send().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await this.end({ runId: this.id, status: 'failed', error: message.slice(0, 10_000) });
  }

  private async end(input: Parameters<SdkProcedures['tracking']['endRun']['mutate']>[0]): Promise<void> {
    if (this.ended) throw new Error(`run ${this.id} has ended`);
    this.ended = true;
    clearInterval(this.timer);
    await this.trpc.tracking.endRun.mutate(input);
  }

  /** Queues sends after the ones in flight until the buffer is empty. */
  private send(): Promise<void> {
    this.sending = this.sending.then(async () => {
      this.inFlight = true;
      try {
        while (this.buffer.size > 0 && !this.failure) {
          const series = this.buffer.take(MAX_LOG_POINTS);
          const result = await this.trpc.tracking.log.mutate({ runId: this.id, series });
          this.cancelFlag ||= result.cancelRequested;
        }
      } catch (error) {
        this.failure = error;
        throw error;
      } finally {
        this.inFlight = false;
      }
    });
    // The chain itself never rejects, so later sends still run after a failure is recorded.
    const current = this.sending;
    this.sending = current.catch(() => {});
    return current;
  }

  private assertUsable(): void {
    if (this.ended) throw new Error(`run ${this.id} has ended`);
    this.throwFailure();
  }

  private throwFailure(): void {
    if (this.failure) throw new Error(`run ${this.id}: sending metrics failed: ${errorMessage(this.failure)}`, { cause: this.failure });
  }
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

import { getLatestArtifact, putArtifact, writeMetricPoints, type PrismaClient } from '@tradeoff/db';
import type { Checkpoint, MetricPoint, RunSink } from '@tradeoff/experiments';

import type { Logger } from './logger.ts';

export interface PostgresSinkOptions {
  prisma: PrismaClient;
  runId: string;
  workerId: string;
  log: Logger;
  /** Buffered metric points are written at least this often... */
  flushEveryMs?: number;
  /** ...or as soon as this many are waiting. */
  flushAtPoints?: number;
  /** The cancel flag is read from the database at most this often. */
  cancelPollMs?: number;
  /** Called on every report from the trainer, so a busy event loop still heartbeats. */
  onActivity?: () => void;
}

export interface PostgresSink extends RunSink {
  /** Writes everything buffered; resolves once it is in the database. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

interface PendingLog {
  level: string;
  message: string;
  time: Date;
}

/**
 * The worker's RunSink: metric points, log lines and progress are buffered and written in batches;
 * checkpoints go to Postgres as artifacts, so any worker can resume the run.
 */
export function createPostgresSink(opts: PostgresSinkOptions): PostgresSink {
  const { prisma, runId, workerId, log } = opts;
  const flushEveryMs = opts.flushEveryMs ?? 500;
  const flushAtPoints = opts.flushAtPoints ?? 1000;
  const cancelPollMs = opts.cancelPollMs ?? 1000;

  let points: MetricPoint[] = [];
  let logs: PendingLog[] = [];
  let progress: { fraction: number; label: string | null } | null = null;
  let lastFlushAt = Date.now();
  let timer: NodeJS.Timeout | null = null;
  // Flushes run one after another so a later value of the same (key, step) always lands last.
  let chain: Promise<void> = Promise.resolve();
  // A failed write fails the run at its next report instead of losing points silently.
  let writeError: unknown = null;
  let cancelRequested = false;
  let cancelCheckedAt = 0;

  async function write(): Promise<void> {
    const batch = points;
    const lines = logs;
    const update = progress;
    points = [];
    logs = [];
    progress = null;
    lastFlushAt = Date.now();
    if (batch.length > 0) await writeMetricPoints(prisma, runId, batch);
    if (lines.length > 0) await prisma.runLog.createMany({ data: lines.map((line) => ({ runId, ...line })) });
    if (update) {
      // Only while this worker holds the run: a worker that lost its claim must not overwrite.
      await prisma.run.updateMany({
        where: { id: runId, workerId, status: 'running' },
        data: { progress: update.fraction, progressLabel: update.label },
      });
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    chain = chain.then(write).catch((error: unknown) => {
      writeError ??= error;
    });
    return chain.then(() => {
      if (writeError) throw writeError;
    });
  }

  /** Flushes now when a batch is full or overdue, else makes sure a timer will. */
  function scheduleFlush(): Promise<void> {
    opts.onActivity?.();
    const due = points.length >= flushAtPoints || Date.now() - lastFlushAt >= flushEveryMs;
    if (due || writeError) return flush();
    timer ??= setTimeout(() => void flush().catch(() => undefined), flushEveryMs);
    return Promise.resolve();
  }

  return {
    metrics(batch) {
      points.push(...batch);
      return scheduleFlush();
    },
    progress(done, total, label) {
      progress = { fraction: total > 0 ? Math.min(1, done / total) : 0, label: label ?? null };
      // A write error is kept and fails the next metrics() or saveCheckpoint() call.
      scheduleFlush().catch(() => undefined);
    },
    log(level, message) {
      log[level](message);
      logs.push({ level, message, time: new Date() });
      scheduleFlush().catch(() => undefined);
    },
    async saveCheckpoint(checkpoint: Checkpoint) {
      // Every point up to the checkpoint's step is stored before the checkpoint is, so a resumed
      // attempt never leaves a gap behind it.
      await flush();
      await putArtifact(prisma, {
        runId,
        kind: 'checkpoint',
        name: `step-${checkpoint.step}`,
        step: checkpoint.step,
        files: checkpoint.files,
      });
      opts.onActivity?.();
    },
    async saveArtifact(artifact) {
      await putArtifact(prisma, { runId, ...artifact });
      opts.onActivity?.();
    },
    async loadCheckpoint() {
      const artifact = await getLatestArtifact(prisma, runId, 'checkpoint');
      if (!artifact) return null;
      return { step: artifact.step ?? 0, files: artifact.files };
    },
    async cancelled() {
      opts.onActivity?.();
      if (cancelRequested || Date.now() - cancelCheckedAt < cancelPollMs) return cancelRequested;
      cancelCheckedAt = Date.now();
      const run = await prisma.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } });
      cancelRequested = run?.cancelRequested ?? true;
      return cancelRequested;
    },
    flush,
    async close() {
      await flush();
    },
  };
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

import type { RunSink } from '@tradeoff/experiments';

import type { ProgressReporter } from './progress.ts';
import { writeFiles } from './run-files.ts';

export interface FileSink extends RunSink {
  /** Makes `cancelled()` true: the run stops at its next step boundary. */
  cancel(): void;
  /** Flushes history.jsonl and stops the progress display. */
  close(): Promise<void>;
}

/**
 * The sink of `tradeoff train`: metric points appended to DIR/history.jsonl as they come, artifacts
 * under DIR/artifacts/<kind>/<name>/, progress and log lines on stderr. An in-process run has no
 * later attempt, so checkpoints are not kept.
 */
export function createFileSink(outDir: string, reporter: ProgressReporter): FileSink {
  const history = createWriteStream(join(outDir, 'history.jsonl'), { flags: 'w' });
  let cancelRequested = false;
  return {
    async metrics(points) {
      let ready = true;
      for (const point of points) {
        const line = { key: point.key, step: point.step, value: point.value, time: (point.time ?? new Date()).toISOString() };
        ready = history.write(`${JSON.stringify(line)}\n`);
      }
      if (!ready) await once(history, 'drain');
    },
    progress(done, total, label) {
      reporter.update(done, total, label);
    },
    async saveCheckpoint() {},
    async saveArtifact(artifact) {
      await writeFiles(join(outDir, 'artifacts', artifact.kind, artifact.name), artifact.files);
    },
    async loadCheckpoint() {
      return null;
    },
    cancelled() {
      return cancelRequested;
    },
    log(level, message) {
      reporter.log(level === 'info' ? message : `${level}: ${message}`);
    },
    cancel() {
      cancelRequested = true;
    },
    async close() {
      reporter.stop();
      history.end();
      await once(history, 'finish');
    },
  };
}

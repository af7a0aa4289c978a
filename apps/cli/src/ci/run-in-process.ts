import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { runExperiment, type Spec } from '@tradeoff/experiments';

import { createFileSink } from '../file-sink.ts';
import type { ProgressReporter } from '../progress.ts';
import { writeJson } from '../run-files.ts';
import type { RunOutcome } from './run-on-store.ts';

/** Runs the spec here, as `tradeoff train` does; keeps its files only when `out` is given. */
export async function runInProcess(spec: Spec, reporter: ProgressReporter, out?: string): Promise<RunOutcome> {
  const dir = out ? resolve(out) : await mkdtemp(join(tmpdir(), 'tradeoff-ci-'));
  await mkdir(dir, { recursive: true });
  const sink = createFileSink(dir, reporter);
  try {
    const result = await runExperiment(spec, sink);
    if (out) await writeJson(join(dir, 'metrics.json'), { final: result.final });
    return { status: 'finished', final: result.final };
  } catch (error) {
    return { status: 'failed', final: {}, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await sink.close();
    if (!out) await rm(dir, { recursive: true, force: true });
  }
}

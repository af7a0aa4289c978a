import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { RunCancelledError, runExperiment } from '@tradeoff/experiments';

import { CliError, EXIT } from '../cli-error.ts';
import { createFileSink } from '../file-sink.ts';
import { loadSpec } from '../load-spec.ts';
import { createProgressReporter } from '../progress.ts';
import { defaultRunDir, writeFiles, writeJson } from '../run-files.ts';

export interface TrainOptions {
  out?: string;
  set: string[];
}

/**
 * `tradeoff train SPEC`: one run in this process. Writes DIR/spec.json first, history.jsonl while
 * training, and DIR/model/ and DIR/metrics.json only when the run finished.
 */
export async function train(specPath: string, opts: TrainOptions): Promise<void> {
  const spec = await loadSpec(specPath, opts.set);
  if (spec.sweep) {
    throw new CliError(`${specPath}: sweep: train runs one configuration; use \`tradeoff launch\` for a sweep`, EXIT.badInput);
  }
  const out = resolve(opts.out ?? defaultRunDir(spec.name));
  await mkdir(out, { recursive: true });
  await writeJson(join(out, 'spec.json'), spec);

  const sink = createFileSink(out, createProgressReporter());
  const controller = new AbortController();
  const interrupt = () => {
    sink.cancel();
    controller.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const started = Date.now();
  let result: Awaited<ReturnType<typeof runExperiment>>;
  try {
    result = await runExperiment(spec, sink, { signal: controller.signal });
  } catch (error) {
    if (error instanceof RunCancelledError || controller.signal.aborted) {
      throw new CliError(`interrupted; partial history in ${out}`, EXIT.interrupted);
    }
    throw new CliError(`run failed: ${error instanceof Error ? error.message : String(error)}`, EXIT.failed);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await sink.close();
  }

  await writeFiles(join(out, 'model'), result.model.files);
  await writeJson(join(out, 'metrics.json'), { final: result.final });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`finished in ${seconds} s; wrote ${out}`);
  for (const [name, value] of Object.entries(result.final).sort()) console.log(`  ${name}  ${value.toFixed(4)}`);
}

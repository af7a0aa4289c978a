import { join, resolve } from 'node:path';

import { evaluateModel } from '@tradeoff/experiments';

import { CliError, EXIT } from '../cli-error.ts';
import { loadSpec } from '../load-spec.ts';
import { defaultRunDir, readFiles, writeJson } from '../run-files.ts';

export interface EvalOptions {
  model: string;
  spec: string;
  set: string[];
  out?: string;
}

/** `tradeoff eval --model DIR --spec SPEC`: scores a saved model on the spec's test split. */
export async function evaluate(opts: EvalOptions): Promise<void> {
  const spec = await loadSpec(opts.spec, opts.set);
  const files = await readFiles(opts.model).catch((error: unknown) => {
    throw new CliError(`--model ${opts.model}: ${error instanceof Error ? error.message : String(error)}`, EXIT.badInput);
  });
  if (Object.keys(files).length === 0) throw new CliError(`--model ${opts.model}: no model files there`, EXIT.badInput);
  let metrics: Record<string, number>;
  try {
    metrics = await evaluateModel(spec, files);
  } catch (error) {
    throw new CliError(`evaluation failed: ${error instanceof Error ? error.message : String(error)}`, EXIT.failed);
  }
  const out = resolve(opts.out ?? defaultRunDir(`eval-${spec.name}`));
  await writeJson(join(out, 'metrics.json'), { final: metrics, model: resolve(opts.model) });
  console.log(`wrote ${join(out, 'metrics.json')}`);
  for (const [name, value] of Object.entries(metrics).sort()) console.log(`  ${name}  ${value.toFixed(4)}`);
}

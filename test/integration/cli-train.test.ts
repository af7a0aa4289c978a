import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { censusLines, writeCensusRows } from '../src/census-files.ts';
import { runCli } from '../src/cli.ts';
import { hasCensus } from '../src/paths.ts';

/**
 * `tradeoff train` on the census example as a real subprocess, tested on held-out rows given as
 * another file with `--set dataset.test=...`; then `tradeoff eval` of the saved model on that file.
 */
describe.skipIf(!hasCensus)('tradeoff train and eval on Census-Income', () => {
  let dir = '';
  let heldOut = '';
  const out = () => join(dir, 'run');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-train-'));
    // The example trains on the first 80% of the file's rows; these rows lie after all of them.
    const lines = await censusLines();
    heldOut = join(dir, 'census-heldout.data');
    await writeCensusRows(heldOut, lines, Math.ceil(0.8 * lines.length) + 1, lines.length);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains MMoE to the published AUCs and writes metrics, history, model and spec', async () => {
    const started = Date.now();
    const result = await runCli(['train', 'examples/census-mmoe.json', '--out', out(), '--set', `dataset.test=${heldOut}`]);
    console.log(`tradeoff train (census MMoE example): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/progress 100% \(\d+\/\d+\)/);

    const metrics = JSON.parse(await readFile(join(out(), 'metrics.json'), 'utf8')) as { final: Record<string, number> };
    console.log('census final metrics', metrics.final);
    expect(metrics.final['test/auc/income']).toBeGreaterThanOrEqual(0.93);
    expect(metrics.final['test/auc/never_married']).toBeGreaterThanOrEqual(0.985);

    const history = (await readFile(join(out(), 'history.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; step: number; value: number });
    const lossSteps = history.filter((p) => p.key === 'train/loss').map((p) => p.step);
    expect(lossSteps).toEqual(Array.from({ length: lossSteps.length }, (_, i) => i + 1));
    const spec = JSON.parse(await readFile(join(out(), 'spec.json'), 'utf8')) as { dataset: { test: string }; hyper: { epochs: number } };
    expect(spec.dataset.test).toBe(heldOut);
    // One validation AUC per epoch; the test AUC in the history is the final one.
    expect(history.filter((p) => p.key === 'valid/auc/income')).toHaveLength(spec.hyper.epochs);
    expect(history.find((p) => p.key === 'test/auc/income')?.value).toBe(metrics.final['test/auc/income']);

    for (const file of ['model.json', 'weights.bin', 'preprocessing.json']) expect(existsSync(join(out(), 'model', file))).toBe(true);
  });

  it('evaluates the saved model on the held-out file to the same AUCs', async () => {
    const trained = JSON.parse(await readFile(join(out(), 'metrics.json'), 'utf8')) as { final: Record<string, number> };
    const evalOut = join(dir, 'eval');
    const result = await runCli([
      'eval', '--model', join(out(), 'model'), '--spec', 'examples/census-mmoe.json', '--set', `dataset.test=${heldOut}`, '--out', evalOut,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const evaluated = JSON.parse(await readFile(join(evalOut, 'metrics.json'), 'utf8')) as { final: Record<string, number> };
    expect(evaluated.final['test/auc/income']).toBeCloseTo(trained.final['test/auc/income']!, 6);
    expect(evaluated.final['test/auc/never_married']).toBeCloseTo(trained.final['test/auc/never_married']!, 6);
  });
});

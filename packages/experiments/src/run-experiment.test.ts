import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentsEnv } from './env';
import { RunCancelledError } from './errors';
import { MemoryRunSink } from './memory-sink';
import { parseSpec } from './parse-spec';
import { getAlgorithm } from './registry';
import { evaluateModel, runExperiment } from './run-experiment';
import type { SpecInput } from './spec';

const censusFile = 'census-income/census-income.test.part1_of_2.data.gz';
const hasCensus = existsSync(join(experimentsEnv().dataRoot, censusFile));

function steps(sink: MemoryRunSink, key: string): number[] {
  return sink.series(key).map((p) => p.step);
}

describe.skipIf(!hasCensus)('runExperiment on Census-Income', () => {
  const spec = parseSpec({
    name: 'census short',
    task: 'multitask',
    algorithm: 'mmoe',
    dataset: {
      kind: 'census',
      train: { path: `data:${censusFile}`, rows: [0, 0.8] },
      test: { path: `data:${censusFile}`, rows: [0.8, 1] },
    },
    hyper: { epochs: 2, checkpointEvery: 50 },
    seed: 0,
  } satisfies SpecInput);

  it('trains MMoE to useful AUCs, with complete metric series, and the saved model re-evaluates the same', async () => {
    const sink = new MemoryRunSink();
    const result = await runExperiment(spec, sink);
    expect(result.final['test/auc/income']).toBeGreaterThan(0.92);
    expect(result.final['test/auc/never_married']).toBeGreaterThan(0.98);

    // 80% of 49,881 rows minus the 10% validation hold-out, in batches of 512, for 2 epochs.
    const stepsPerEpoch = Math.ceil(Math.floor(Math.floor(49_881 * 0.8) * 0.9) / 512);
    const total = 2 * stepsPerEpoch;
    expect(steps(sink, 'train/loss')).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(steps(sink, 'valid/auc/income')).toEqual([stepsPerEpoch, total]);
    expect(steps(sink, 'test/auc/never_married')).toEqual([total]);
    expect(sink.emitted).toHaveLength(sink.points.size);
    expect(sink.lastProgress).toEqual({ done: total, total, label: 'epoch 2/2' });
    expect(sink.checkpoints.map((c) => c.step)).toEqual([50, 100, total]);
    expect(sink.logs.some((l) => /tfjs backend: \w+/.test(l.message))).toBe(true);

    expect(Object.keys(result.model.files).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    const again = await evaluateModel(spec, result.model.files);
    expect(again['test/auc/income']).toBeCloseTo(result.final['test/auc/income']!, 10);
    // Another split of the file: the saved featurizer reproduces the features there too.
    const other = await evaluateModel(parseSpec({ ...spec, dataset: { ...spec.dataset, test: { path: `data:${censusFile}`, rows: [0.9, 1] } } }), result.model.files);
    expect(other['test/auc/never_married']).toBeGreaterThan(0.98);
  }, 180_000);
});

describe('runExperiment checkpoints and cancel (synthetic data)', () => {
  const spec = parseSpec({
    ...getAlgorithm('mmoe')!.exampleSpec,
    dataset: {
      kind: 'synthetic-multitask',
      train: { path: 'synthetic', rows: [0, 0.8] },
      test: { path: 'synthetic', rows: [0.8, 1] },
      synthetic: { rows: 4000, seed: 3 },
    },
    hyper: { epochs: 3, batchSize: 256, checkpointEvery: 5 },
  });

  it('is labelled synthetic and learns the generated signal', async () => {
    const sink = new MemoryRunSink();
    const result = await runExperiment(parseSpec({ ...spec, hyper: { ...spec.hyper, epochs: 6 } }), sink);
    expect(sink.logs.some((l) => l.message.includes('SYNTHETIC data'))).toBe(true);
    expect(result.final['test/auc/synthetic_a']).toBeGreaterThan(0.75);
    expect(result.final['test/auc/synthetic_b']).toBeGreaterThan(0.7);
  }, 120_000);

  it('resumes from the last checkpoint: the same steps and values, no gap', async () => {
    const straight = new MemoryRunSink();
    const expected = await runExperiment(spec, straight);
    const total = steps(straight, 'train/loss').length;

    // First attempt: cancelled before step 23, after the checkpoint at step 20.
    const first = new MemoryRunSink();
    first.cancel = (nextStep) => nextStep >= 23;
    await expect(runExperiment(spec, first)).rejects.toBeInstanceOf(RunCancelledError);
    expect(first.checkpoints.at(-1)?.step).toBe(20);
    expect(steps(first, 'train/loss').at(-1)).toBe(22);

    // Second attempt starts from that checkpoint and re-emits steps 21.. (the store overwrites 21, 22).
    const second = new MemoryRunSink(first.checkpoints.at(-1)!);
    const resumed = await runExperiment(spec, second);
    expect(second.logs.some((l) => l.message.startsWith('resuming from the checkpoint at step 20'))).toBe(true);
    expect(steps(second, 'train/loss')).toEqual(Array.from({ length: total - 20 }, (_, i) => i + 21));

    const merged = new Map([...first.points, ...second.points]);
    expect([...merged.keys()].sort()).toEqual([...straight.points.keys()].sort());
    for (const [id, point] of straight.points) expect(merged.get(id)?.value).toBe(point.value);
    expect(resumed.final).toEqual(expected.final);
  }, 120_000);

  it('trains every registered multi-task algorithm', async () => {
    for (const name of ['shared-bottom', 'ple', 'mohn']) {
      const result = await runExperiment(parseSpec({ ...spec, algorithm: name, hyper: { epochs: 4, batchSize: 256 } }), new MemoryRunSink());
      expect(result.final['test/auc/synthetic_a'], name).toBeGreaterThan(0.75);
      expect(result.final['test/auc/synthetic_b'], name).toBeGreaterThan(0.65);
      expect(JSON.parse(new TextDecoder().decode(result.model.files['model.json'])).userDefinedMetadata.multitask.architecture).toBe(name);
    }
  }, 180_000);

  it('stops on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const sink = new MemoryRunSink();
    await expect(runExperiment(spec, sink, { signal: controller.signal })).rejects.toThrow('run cancelled at step 0');
    expect(sink.emitted).toHaveLength(0);
  }, 60_000);
});

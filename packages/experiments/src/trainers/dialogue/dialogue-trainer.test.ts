import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentsEnv } from '../../env';
import { RunCancelledError } from '../../errors';
import { MemoryRunSink } from '../../memory-sink';
import { parseSpec } from '../../parse-spec';
import { evaluateModel, runExperiment } from '../../run-experiment';
import type { SpecInput } from '../../spec';

const devFile = 'multiwoz22/multiwoz21_convlab_dev.json.gz';
const hasMultiwoz = existsSync(join(experimentsEnv().dataRoot, devFile));

/** A small slice: 100 train dialogues, 50 test dialogues, a short supervised start and a few RL steps. */
function smallSpec(algorithm: string, hyper: Record<string, unknown> = {}) {
  const source = (range: [number, number]) => ({ path: `data:${devFile}`, dialogues: range });
  return parseSpec({
    name: `${algorithm} small`,
    task: 'dialogue',
    algorithm,
    dataset: { kind: 'multiwoz', train: source([0, 0.1]), valid: source([0.9, 0.95]), test: source([0.95, 1]) },
    hyper: { hashBits: 14, candidates: 8, slEpochs: 3, slBatchSize: 16, checkpointEvery: 10, ...hyper },
    seed: 0,
  } satisfies SpecInput);
}

const keysOf = (sink: MemoryRunSink) => new Set(sink.emitted.map((p) => p.key));

describe.skipIf(!hasMultiwoz)('dialogue algorithms through runExperiment', () => {
  it('dialogue-sl lowers its supervised loss and reports the MultiWOZ metrics; the saved policy re-evaluates the same', async () => {
    const spec = smallSpec('dialogue-sl');
    const sink = new MemoryRunSink();
    const result = await runExperiment(spec, sink);
    const loss = sink.series('train/loss').map((p) => p.value);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(loss.slice(-5))).toBeLessThan(mean(loss.slice(0, 5)) - 0.3);
    for (const key of ['test/inform', 'test/success', 'test/bleu', 'test/combined', 'test/constraint/entity', 'test/constraint/request', 'test/constraint/booking', 'test/constraint/count']) {
      expect(result.final[key], key).toBeTypeOf('number');
    }
    expect(result.final['test/inform']).toBeGreaterThan(20);
    expect(result.final['test/combined']).toBeCloseTo(0.5 * ((result.final['test/inform'] ?? 0) + (result.final['test/success'] ?? 0)) + (result.final['test/bleu'] ?? 0));
    expect(keysOf(sink).has('valid/combined')).toBe(true);
    const again = await evaluateModel(spec, result.model.files);
    expect(again['test/combined']).toBeCloseTo(result.final['test/combined'] ?? Number.NaN);
  });

  it('more logs every reward, constraint, multiplier and weight per step, and a cancelled run resumes to the same result', async () => {
    const spec = smallSpec('more', { rlSteps: 6, rlBatchSize: 8, checkpointEvery: 2 });
    const whole = await runExperiment(spec, new MemoryRunSink());

    const first = new MemoryRunSink();
    // Stop three steps before the end, inside the RL phase, after a checkpoint of its state.
    first.cancel = (nextStep) => nextStep > (first.lastProgress?.total ?? Number.POSITIVE_INFINITY) - 3;
    await expect(runExperiment(spec, first)).rejects.toBeInstanceOf(RunCancelledError);
    const resumed = new MemoryRunSink(first.checkpoints.at(-1) ?? null);
    const result = await runExperiment(spec, resumed);
    expect(result.final).toEqual(whole.final);

    const keys = keysOf(resumed);
    for (const name of ['fluency', 'naturalness', 'bleu', 'diversity']) {
      expect(keys.has(`train/reward/${name}`)).toBe(true);
      expect(keys.has(`train/weight/${name}`)).toBe(true);
    }
    for (const name of ['entity', 'request', 'booking', 'count']) {
      expect(keys.has(`train/constraint/${name}`)).toBe(true);
      expect(keys.has(`train/lambda/${name}`)).toBe(true);
    }
    // The noise-free curves: one point per RL step, an expectation of a reward in [0, 1].
    for (const name of ['fluency', 'naturalness', 'bleu']) {
      const expected = resumed.series(`train/expected_reward/${name}`).map((p) => p.value);
      expect(expected).toHaveLength(3);
      for (const value of expected) expect(value).toBeGreaterThan(0);
      for (const value of expected) expect(value).toBeLessThanOrEqual(1);
    }
    const weights = ['fluency', 'naturalness', 'bleu', 'diversity'].map((n) => resumed.series(`train/weight/${n}`).at(-1)?.value ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { MultiTaskModel } from './models/multitask-model';
import { testConfigs } from './models/test-configs';
import { type MultiTaskBatch, MultiTaskTrainer } from './multitask-trainer';
import { Rng } from './rng';

/**
 * Task click depends on numeric feature 0 and field 0's category; task play_time (regression) on
 * numeric feature 1 and field 1's category, so every input path has something to learn.
 */
function batch(rows: number, seed: number): MultiTaskBatch {
  const rng = new Rng(seed);
  const numeric = Float32Array.from({ length: rows * 3 }, () => rng.normal());
  const categorical = new Int32Array(rows * 2);
  const labels = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const [a, b] = [rng.int(5), rng.int(5)];
    categorical[i * 2] = a;
    categorical[i * 2 + 1] = 5 + b;
    labels[i * 2] = numeric[i * 3]! + (a - 2) * 0.8 > 0 ? 1 : 0;
    labels[i * 2 + 1] = numeric[i * 3 + 1]! - (b - 2) * 0.5;
  }
  return { rows, numeric, categorical, labels, mask: new Float32Array(rows * 2).fill(1) };
}

describe('MultiTaskTrainer', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('lowers the loss of every architecture, embeddings included', () => {
    const data = batch(256, 5);
    for (const config of testConfigs()) {
      const model = MultiTaskModel.fromConfig(config);
      const trainer = new MultiTaskTrainer(model, { learningRate: 0.02 });
      const embeddings = model.model.getLayer('embeddings').getWeights()[0]!.dataSync().slice();
      const first = trainer.trainBatch(data);
      let last = first;
      for (let i = 0; i < 60; i++) last = trainer.trainBatch(data);
      expect(trainer.step, config.architecture).toBe(61);
      expect(last, config.architecture).toBeLessThan(first * 0.5);
      expect(model.model.getLayer('embeddings').getWeights()[0]!.dataSync()).not.toEqual(embeddings);
      trainer.dispose();
      model.dispose();
    }
  }, 60_000);

  it('ignores masked labels, and weights the tasks', () => {
    const [config] = testConfigs();
    const data = batch(64, 6);
    const loss = (b: MultiTaskBatch, taskWeights?: number[]) => {
      const model = MultiTaskModel.fromConfig(config!);
      const value = new MultiTaskTrainer(model, { learningRate: 0.01, taskWeights }).trainBatch(b);
      model.dispose();
      return value;
    };
    // Masking every play_time label gives the loss of weighting that task 0.
    const noPlayTime = { ...data, mask: data.mask.map((_, i) => (i % 2 === 0 ? 1 : 0)) };
    expect(loss(noPlayTime)).toBeCloseTo(loss(data, [1, 0]), 5);
    // Labels behind a mask do not matter.
    const changed = { ...noPlayTime, labels: noPlayTime.labels.map((v, i) => (i % 2 === 1 ? v + 100 : v)) };
    expect(loss(changed)).toBeCloseTo(loss(noPlayTime), 6);
    // Masking half of the click rows averages over the other half only.
    const half = { ...data, mask: data.mask.map((_, i) => (i % 2 === 0 && i >= 64 ? 0 : 1)) };
    const firstHalf = { ...data, rows: 32, numeric: data.numeric.slice(0, 96), categorical: data.categorical.slice(0, 64), labels: data.labels.slice(0, 64), mask: data.mask.slice(0, 64) };
    expect(loss(half, [1, 0])).toBeCloseTo(loss(firstHalf, [1, 0]), 5);
    expect(() => new MultiTaskTrainer(MultiTaskModel.fromConfig(config!), { learningRate: 0.01, taskWeights: [1] })).toThrow(/1 entries for 2 tasks/);
  });

  it('resumes exactly from saved weights and optimizer state, for every architecture', async () => {
    const batches = [batch(64, 10), batch(64, 11), batch(64, 12), batch(64, 13)];
    for (const config of testConfigs()) {
      const straight = new MultiTaskTrainer(MultiTaskModel.fromConfig(config), { learningRate: 0.01 });
      const straightLosses = batches.map((b) => straight.trainBatch(b));

      const first = new MultiTaskTrainer(MultiTaskModel.fromConfig(config), { learningRate: 0.01 });
      first.trainBatch(batches[0]!);
      first.trainBatch(batches[1]!);
      const modelFiles = await first.model.save();
      const optimizerFiles = await first.saveState();

      const resumed = new MultiTaskTrainer(await MultiTaskModel.load(modelFiles), { learningRate: 0.01 });
      resumed.loadState(optimizerFiles);
      expect(resumed.step).toBe(2);
      expect(batches.slice(2).map((b) => resumed.trainBatch(b)), config.architecture).toEqual(straightLosses.slice(2));
      for (const t of [straight, first, resumed]) {
        t.dispose();
        t.model.dispose();
      }
    }
  }, 60_000);
});

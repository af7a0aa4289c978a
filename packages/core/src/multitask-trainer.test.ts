import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { MMoE, type MMoEConfig } from './mmoe';
import { MultiTaskTrainer } from './multitask-trainer';
import { Rng } from './rng';

const config: MMoEConfig = { inputDim: 10, tasks: ['a', 'b'], experts: 3, expertUnits: 8, towerUnits: 4, seed: 1 };

/** Two tasks driven by opposite halves of the features, so the gates have something to separate. */
function batch(rows: number, seed: number) {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: rows * config.inputDim }, () => rng.normal());
  const y = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const row = x.subarray(i * 10, i * 10 + 10);
    y[i * 2] = row[0]! + row[1]! > 0 ? 1 : 0;
    y[i * 2 + 1] = row[8]! - row[9]! > 0 ? 1 : 0;
  }
  return { x, y, rows };
}

describe('MultiTaskTrainer', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('lowers the loss with gradient steps', () => {
    const trainer = new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01 });
    const { x, y, rows } = batch(256, 5);
    const first = trainer.trainBatch(x, y, rows);
    let last = first;
    for (let i = 0; i < 60; i++) last = trainer.trainBatch(x, y, rows);
    expect(trainer.step).toBe(61);
    expect(last).toBeLessThan(first * 0.7);
  });

  it('weights the tasks: a zero weight ignores that task', () => {
    const trainer = new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01, taskWeights: [1, 0] });
    const { x, y, rows } = batch(128, 6);
    const yOnlyA = y.map((v, i) => (i % 2 === 0 ? v : 1 - v));
    expect(trainer.trainBatch(x, y, rows)).toBeCloseTo(new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01, taskWeights: [1, 0] }).trainBatch(x, yOnlyA, rows), 6);
    expect(() => new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01, taskWeights: [1] })).toThrow(/1 entries for 2 tasks/);
  });

  it('resumes exactly from saved weights and optimizer state', async () => {
    const batches = [batch(64, 10), batch(64, 11), batch(64, 12), batch(64, 13)];
    const straight = new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01 });
    const straightLosses = batches.map((b) => straight.trainBatch(b.x, b.y, b.rows));

    const first = new MultiTaskTrainer(MMoE.create(config), { learningRate: 0.01 });
    first.trainBatch(batches[0]!.x, batches[0]!.y, 64);
    first.trainBatch(batches[1]!.x, batches[1]!.y, 64);
    const modelFiles = await first.model.save();
    const optimizerFiles = await first.saveState();

    const resumed = new MultiTaskTrainer(await MMoE.load(modelFiles), { learningRate: 0.01 });
    resumed.loadState(optimizerFiles);
    expect(resumed.step).toBe(2);
    const resumedLosses = batches.slice(2).map((b) => resumed.trainBatch(b.x, b.y, b.rows));
    expect(resumedLosses).toEqual(straightLosses.slice(2));
  });
});

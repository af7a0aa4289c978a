import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluateBatch, lastWeights } from '../fusion/batch-tools';
import { type RequestBatch, requestCount } from '../fusion/request-batch';
import { Rng } from '../rng';
import { fitCem } from './cem';
import { fitScalarizedPpo } from './scalarized-ppo';
import { fitStaticGrid } from './static-grid';

/**
 * Two-candidate requests over two objectives; candidate rows are (predictions, labels) pairs and
 * a request's context is its single feature.
 */
function batch(requests: { candidates: [number[], number[]][]; context: number }[]): RequestBatch {
  const offsets = Int32Array.from([0, ...requests.map((_, r) => 2 * (r + 1))]);
  const rows = requests.flatMap((q) => q.candidates);
  return {
    objectives: ['a', 'b'],
    predictions: Float32Array.from(rows.flatMap(([p]) => p)),
    labels: Float32Array.from(rows.flatMap(([, l]) => l)),
    offsets,
    users: Int32Array.from(requests, (_, r) => r),
    times: new Float64Array(requests.length),
    context: Float32Array.from(requests, (q) => q.context),
    contextDim: 1,
    history: { steps: 1, items: new Int32Array(requests.length), gaps: new Float32Array(requests.length), feedback: new Float32Array(requests.length * 2), length: new Int32Array(requests.length) },
    goal: { preference: Float32Array.of(0.5, 0.5), k: 10, form: 'sum' },
  };
}

// Type 1 wants candidate A first, which needs weight a > 5/12; type 2 wants D first, which needs a < 0.55.
const fixedCase = batch([
  ...Array.from({ length: 4 }, () => ({ candidates: [[[0.9, 0.1], [1, 0]], [[0.2, 0.6], [0, 1]]] as [number[], number[]][], context: 0 })),
  ...Array.from({ length: 4 }, () => ({ candidates: [[[0.9, 0], [0, 0]], [[0, 1.1], [1, 1]]] as [number[], number[]][], context: 0 })),
]);
fixedCase.goal!.preference = Float32Array.of(0.7, 0.3);

// The best order flips with the context sign: no fixed weight vector ranks both kinds right.
const rng = new Rng(3);
const contextual = () =>
  batch(
    Array.from({ length: 64 }, () => {
      const up = rng.next() < 0.5;
      const [first, second] = up ? [[1, 1], [0, 0]] : [[0, 0], [1, 1]];
      return { candidates: [[[0.6, 0.4], first], [[0.4, 0.6], second]] as [number[], number[]][], context: up ? 1 : -1 };
    }),
  );

describe('baseline fusion policies', () => {
  it('static-grid picks the one grid point inside the optimal band', async () => {
    const steps: number[] = [];
    const policy = await fitStaticGrid(fixedCase, fixedCase, { divisions: 10 }, new Rng(0), { onStep: (step) => void steps.push(step) });
    expect([...policy.chosen].map((w) => w.toFixed(2))).toEqual(['0.50', '0.50']);
    expect(steps).toHaveLength(11);
    expect(evaluateBatch(fixedCase, policy.weights(fixedCase)).composite).toBeCloseTo((1 + 0.7 + 0.3 / Math.log2(3)) / 2, 5);
  });

  it('linear CEM and scalarized PPO learn the context-dependent order that fixed weights cannot', async () => {
    const [train, valid] = [contextual(), contextual()];
    const fixedBest = (await fitStaticGrid(train, valid, { divisions: 10 }, new Rng(0))).weights(valid);
    const fixedScore = evaluateBatch(valid, fixedBest).composite;
    expect(fixedScore).toBeLessThan(0.9);
    const cem = await fitCem(train, valid, { parameterization: 'linear', iterations: 10, population: 24, eliteFraction: 0.25, initStd: 1, minStd: 0.05, requestsPerIteration: 0 }, new Rng(1));
    expect(evaluateBatch(valid, cem.weights(valid)).composite).toBeGreaterThan(0.99);
    const rewards: number[] = [];
    const ppo = await fitScalarizedPpo(
      train,
      valid,
      { head: 'gaussian-logit', gridDivisions: 4, hiddenUnits: 0, iterations: 25, requestsPerIteration: 64, samplesPerRequest: 4, epochs: 4, clip: 0.2, learningRate: 0.05, initLogStd: 0 },
      new Rng(2),
      { onStep: (_, m) => void rewards.push(m['train/reward']!) },
    );
    expect(evaluateBatch(valid, ppo.weights(valid)).composite).toBeGreaterThan(0.99);
    expect(rewards.at(-1)!).toBeGreaterThan(rewards[0]!);
  });

  it('scalarized PPO leaves no tensors behind once its policy is disposed, with either head', async () => {
    const [train, valid] = [contextual(), contextual()];
    for (const head of ['gaussian-logit', 'softmax-grid'] as const) {
      const tensors = tf.memory().numTensors;
      const ppo = await fitScalarizedPpo(train, valid, { head, gridDivisions: 4, hiddenUnits: 8, iterations: 3, requestsPerIteration: 16, samplesPerRequest: 2, epochs: 1, clip: 0.2, learningRate: 0.05, initLogStd: 0 }, new Rng(4));
      expect(lastWeights(ppo, [valid])[0]).toHaveLength(requestCount(valid) * valid.objectives.length);
      expect(tf.memory().numTensors).toBe(tensors);
    }
  });
});

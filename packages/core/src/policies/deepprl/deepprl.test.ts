import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend';
import { evaluateBatch, lastWeights } from '../../fusion/batch-tools';
import { Rng } from '../../rng';
import { contextualSplits } from '../contextual-requests';
import { DEEPPRL_DEFAULTS, type DeepPrlHyper } from './deepprl-hyper';
import { fitDeepPrl } from './fit-deepprl';
import { historyTensors } from './history-tensors';
import { TimeLstmEncoder } from './time-lstm';

beforeAll(async () => {
  await initBackend();
});

const { train, valid, test } = contextualSplits();
const quick: DeepPrlHyper = { ...DEEPPRL_DEFAULTS, steps: 150, batchRequests: 64, criticWarmup: 30, actorLearningRate: 3e-3, evalEvery: 10 };
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function bestConstant(batch: typeof test): number {
  let best = -Infinity;
  for (let a = 0; a <= 1.0001; a += 0.05) best = Math.max(best, evaluateBatch(batch, Float32Array.of(a, 1 - a)).composite);
  return best;
}

function spread(weights: Float32Array): number {
  const first = Array.from(weights.filter((_, i) => i % 2 === 0));
  return Math.sqrt(mean(first.map((w) => (w - mean(first)) ** 2)));
}

describe('DeepPRL', () => {
  it('time gates make the encoding depend on the gaps, and only when switched on', () => {
    const ids = [0, 1, 2, 3];
    const encode = (timeGates: boolean, gapScale: number) => {
      const encoder = new TimeLstmEncoder({ vocab: 51, embeddingDim: 4, hidden: 8, objectives: 2, timeGates }, new Rng(4));
      const history = { ...train.history, gaps: train.history.gaps.map((g) => g * gapScale) };
      const input = historyTensors(history, ids, 51, 2);
      const out = Array.from(encoder.encode(input).dataSync());
      tf.dispose([input.items, input.logGaps, input.feedback, input.mask]);
      encoder.dispose();
      return out;
    };
    const change = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
    expect(change(encode(true, 1), encode(true, 100))).toBeGreaterThan(1e-3);
    expect(change(encode(false, 1), encode(false, 100))).toBe(0);
  });

  it('the critic TD error falls, and the actor beats every constant weight vector with per-user weights', async () => {
    const losses: number[] = [];
    const policy = await fitDeepPrl(train, valid, quick, new Rng(5), { onStep: (_, m) => void (m['train/critic_loss'] !== undefined && losses.push(m['train/critic_loss'])) });
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) * 0.75);
    const weights = policy.weights(test);
    expect(evaluateBatch(test, weights).composite).toBeGreaterThan(bestConstant(test) + 0.02);
    expect(spread(weights)).toBeGreaterThan(0.1);
  });

  it('leaves no tensors behind once its policy is disposed', async () => {
    const tensors = tf.memory().numTensors;
    const policy = await fitDeepPrl(train, valid, { ...quick, steps: 4, criticWarmup: 2, evalEvery: 2 }, new Rng(6));
    lastWeights(policy, [test]);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

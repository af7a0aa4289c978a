import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend';
import { evaluateBatch, lastWeights } from '../../fusion/batch-tools';
import { Rng } from '../../rng';
import { contextualSplits } from '../contextual-requests';
import { fitGrade } from './fit-grade';
import { GRADE_DEFAULTS, type GradeHyper } from './grade-hyper';
import { WeightPolicyNetwork } from './weight-distribution';

beforeAll(async () => {
  await initBackend();
});

const { train, valid, test } = contextualSplits();
// No weight decay: it is KuaiRand's regulariser, and these tests check what the fits learn on a small fixture.
const quick: GradeHyper = { ...GRADE_DEFAULTS, steps: 60, batchRequests: 64, groupSize: 8, learningRate: 3e-3, pretrainSteps: 40, evalEvery: 10, weightDecay: 0 };

/** Best composite any single weight vector reaches on a batch (grid of step 0.05). */
function bestConstant(batch: typeof test): number {
  let best = -Infinity;
  for (let a = 0; a <= 1.0001; a += 0.05) best = Math.max(best, evaluateBatch(batch, Float32Array.of(a, 1 - a)).composite);
  return best;
}

function spread(weights: Float32Array): number {
  const first = weights.filter((_, i) => i % 2 === 0);
  const mean = first.reduce((s, w) => s + w, 0) / first.length;
  return Math.sqrt(first.reduce((s, w) => s + (w - mean) ** 2, 0) / first.length);
}

describe('GRADE', () => {
  it('Dirichlet log-density gradient w.r.t. the policy matches finite differences', () => {
    const policy = new WeightPolicyNetwork('dirichlet', 3, [8], 3, new Rng(5));
    policy.scale = 4;
    const states = tf.tensor2d([0.3, -1, 2, 1, 0.5, -0.2], [2, 3]);
    const actions = tf.tensor2d([0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.4, 0.4, 0.2], [4, 3]);
    const total = () => policy.logProb(policy.params(states), actions, 2).sum() as tf.Scalar;
    const bias = policy.variables[3]!;
    const analytic = tf.variableGrads(total, [bias]).grads[bias.name]!.dataSync();
    const base = bias.dataSync().slice();
    const h = 1e-2;
    for (let j = 0; j < 3; j++) {
      const at = (delta: number) => {
        const moved = base.slice();
        moved[j]! += delta;
        bias.assign(tf.tensor1d(moved));
        return total().dataSync()[0]!;
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(analytic[j]!).toBeCloseTo(numeric, 1);
      expect(Math.abs(analytic[j]! - numeric)).toBeLessThan(0.02 * Math.max(1, Math.abs(numeric)));
    }
    bias.assign(tf.tensor1d(base));
  });

  it('updates raise the composite over the LambdaLoss start and beat every constant weight vector, with per-user weights', async () => {
    const start = await fitGrade(train, valid, { ...quick, steps: 0 }, new Rng(7));
    const before = evaluateBatch(test, start.weights(test)).composite;
    const policy = await fitGrade(train, valid, quick, new Rng(7));
    const weights = policy.weights(test);
    const after = evaluateBatch(test, weights).composite;
    expect(after).toBeGreaterThan(before + 0.01);
    expect(after).toBeGreaterThan(bestConstant(test) + 0.02);
    expect(spread(weights)).toBeGreaterThan(0.1);
  });

  it('the LambdaLoss start keeps the network of its best validation composite', async () => {
    const start = async (pretrainSteps: number) => {
      const seen: Record<string, number> = {};
      await fitGrade(train, valid, { ...quick, steps: 0, pretrainSteps }, new Rng(13), { onStep: (_, m) => void Object.assign(seen, m) });
      return { composite: seen['valid/composite']!, kept: seen['train/ltr_kept_step']! };
    };
    const untrained = await start(0);
    const long = await start(120);
    // Stopping the same run at the kept step gives the same network.
    const stopped = await start(long.kept);
    expect(long.composite).toBeGreaterThan(untrained.composite);
    expect(stopped.kept).toBe(long.kept);
    expect(stopped.composite).toBeCloseTo(long.composite, 6);
  });

  it('a large KL coefficient keeps the policy near its LambdaLoss reference', async () => {
    const finalKl = async (klCoef: number) => {
      const kls: number[] = [];
      await fitGrade(train, valid, { ...quick, steps: 40, learningRate: 1e-2, klCoef }, new Rng(9), { onStep: (_, m) => void (m['train/kl'] !== undefined && kls.push(m['train/kl'])) });
      return kls.slice(-5).reduce((s, x) => s + x, 0) / 5;
    };
    const free = await finalKl(0);
    const held = await finalKl(20);
    expect(held).toBeLessThan(free / 3);
  });

  it('weight decay pulls the per-user weights toward the equal mix', async () => {
    const weightsWith = async (weightDecay: number) => (await fitGrade(train, valid, { ...quick, weightDecay }, new Rng(7))).weights(test);
    const free = await weightsWith(0);
    const decayed = await weightsWith(50);
    const distanceFromEqual = (weights: Float32Array) => weights.reduce((s, w) => s + Math.abs(w - 0.5), 0) / weights.length;
    expect(spread(decayed)).toBeLessThan(spread(free) / 2);
    expect(distanceFromEqual(decayed)).toBeLessThan(distanceFromEqual(free) / 2);
  });

  it('leaves no tensors behind once its policy is disposed, with either distribution', async () => {
    for (const distribution of ['dirichlet', 'gaussian'] as const) {
      const tensors = tf.memory().numTensors;
      const policy = await fitGrade(train, valid, { ...quick, distribution, steps: 4, pretrainSteps: 4, evalEvery: 2 }, new Rng(3));
      lastWeights(policy, [test]);
      expect(tf.memory().numTensors).toBe(tensors);
    }
  });

  it('the Gaussian-in-logit ablation learns per-user weights too', async () => {
    const policy = await fitGrade(train, valid, { ...quick, distribution: 'gaussian', reward: 'posterior' }, new Rng(11));
    const weights = policy.weights(test);
    expect(evaluateBatch(test, weights).composite).toBeGreaterThan(bestConstant(test) + 0.02);
    expect(spread(weights)).toBeGreaterThan(0.1);
  });
});

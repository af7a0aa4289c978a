import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../owned-variable';
import { Adam } from '../adam';
import { evaluateBatch, sliceRequests, softmaxRows } from '../fusion/batch-tools';
import { clippedSurrogateLoss } from '../fusion/group-policy-loss';
import { groupRewards } from '../fusion/group-rewards';
import { batchGoal, type FusionPolicy, type FusionTrainingHooks, type RequestBatch, requestCount } from '../fusion/request-batch';
import { diagonalGaussianLogProb } from '../fusion/weight-policy-heads';
import { simplexGrid } from '../pareto/simplex-grid';
import type { Rng } from '../rng';
import { fitContextScaler, scaledContext } from './context-scaler';
import { SmallMlp } from './mlp';

export interface ScalarizedPpoOptions {
  /** 'gaussian-logit': z ~ N(mu(s), sigma), w = softmax(z); 'softmax-grid': a categorical over simplex grid vectors. */
  head: 'gaussian-logit' | 'softmax-grid';
  /** Grid of the 'softmax-grid' head. */
  gridDivisions: number;
  /** Hidden width of the policy and value MLPs (0: linear). */
  hiddenUnits: number;
  iterations: number;
  requestsPerIteration: number;
  /** Actions sampled per request per iteration. */
  samplesPerRequest: number;
  /** PPO epochs over each iteration's samples. */
  epochs: number;
  clip: number;
  learningRate: number;
  /** Initial log std of the Gaussian head (learned, state-independent). */
  initLogStd: number;
}

/**
 * Scalarized PPO, the MORL baseline: one-step episodes (a request), action = fusion weights,
 * reward = the goal's fixed scalarization of the per-objective NDCG of the re-ranked request,
 * advantage = reward - V(s), clipped-ratio updates. Keeps the policy that scores best on validation.
 */
export async function fitScalarizedPpo(train: RequestBatch, valid: RequestBatch, options: ScalarizedPpoOptions, rng: Rng, hooks: FusionTrainingHooks = {}): Promise<FusionPolicy> {
  const goal = batchGoal(train);
  const k = train.objectives.length;
  const scaler = fitContextScaler(train);
  const input = train.contextDim + 1;
  const grid = options.head === 'softmax-grid' ? simplexGrid(k, options.gridDivisions) : [];
  const actions = options.head === 'softmax-grid' ? grid.length : k;
  const hidden = options.hiddenUnits > 0 ? [options.hiddenUnits] : [];
  const actor = new SmallMlp([input, ...hidden, actions], rng);
  const critic = new SmallMlp([input, ...hidden, 1], rng, 1);
  const logStd = ownedVariable(tf.fill([k], options.initLogStd));
  const variables = [...actor.variables, ...critic.variables, ...(options.head === 'gaussian-logit' ? [logStd] : [])];
  const adam = new Adam(variables, { learningRate: options.learningRate });
  const gridTensor = grid.length ? tf.tensor2d(grid) : undefined;

  // Deterministic weights: softmax of the mean logits, or the expected grid vector.
  const weightsOf = (batch: RequestBatch): Float32Array =>
    tf.tidy(() => {
      const out = actor.apply(tf.tensor2d(scaledContext(scaler, batch), [requestCount(batch), input]));
      if (gridTensor) return tf.matMul(tf.softmax(out), gridTensor).dataSync() as Float32Array;
      return softmaxRows(out.dataSync(), k);
    });
  const logProb = (x: tf.Tensor2D, sampled: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => {
      const out = actor.apply(x);
      if (gridTensor) return tf.sum(tf.mul(tf.logSoftmax(out), sampled), 1) as tf.Tensor1D;
      return diagonalGaussianLogProb(out, logStd as tf.Tensor1D, sampled);
    });

  let best = { score: evaluateBatch(valid, weightsOf(valid)).composite, params: actor.snapshot() };
  const requests = requestCount(train);
  const g = options.samplesPerRequest;
  try {
    for (let iteration = 1; iteration <= options.iterations; iteration++) {
      if (await hooks.shouldStop?.()) break;
      const batch = sliceRequests(train, rng.permutation(requests).subarray(0, Math.min(requests, options.requestsPerIteration)));
      const b = requestCount(batch);
      const context = scaledContext(scaler, batch);
      const rows = Float32Array.from({ length: b * g * input }, (_, i) => context[Math.floor(i / (g * input)) * input + (i % input)]!);
      const x = tf.tensor2d(rows, [b * g, input]);
      const { sampled, weights } = sampleActions(actor.apply(x), options.head, grid, logStd, rng);
      const parts = groupRewards({ ...batch, objectives: k, weights, groupSize: g, k: goal.k, form: goal.form });
      const rewards = Float32Array.from({ length: b * g }, (_, i) => goal.preference.reduce((sum, p, j) => sum + p * parts.posterior[i * k + j]!, 0));
      const values = tf.tidy(() => critic.apply(x).dataSync());
      const advantages = normalise(rewards.map((r, i) => r - values[i]!));
      const old = logProb(x, sampled);
      const [aTensor, rTensor] = [tf.tensor1d(advantages), tf.tensor1d(rewards)];
      let loss = 0;
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        const { value, grads } = tf.variableGrads(() => {
          const policyLoss = clippedSurrogateLoss(logProb(x, sampled), old, aTensor, options.clip);
          const valueLoss = tf.losses.meanSquaredError(rTensor, critic.apply(x).reshape([-1]));
          return tf.add(policyLoss, tf.mul(0.5, valueLoss)) as tf.Scalar;
        }, variables);
        adam.apply(variables.map((v) => grads[v.name]!));
        loss = value.dataSync()[0]!;
        tf.dispose([value, grads]);
      }
      tf.dispose([x, sampled, old, aTensor, rTensor]);
      const validScore = evaluateBatch(valid, weightsOf(valid)).composite;
      if (validScore > best.score) best = { score: validScore, params: actor.snapshot() };
      const meanReward = rewards.reduce((s, r) => s + r, 0) / rewards.length;
      await hooks.onStep?.(iteration, { 'train/reward': meanReward, 'train/loss': loss, 'train/valid_composite': validScore, 'train/best_valid_composite': best.score });
    }
  } finally {
    tf.dispose([critic.variables, logStd]);
    adam.dispose();
  }
  actor.restore(best.params);
  return {
    weights: weightsOf,
    dispose: () => {
      actor.dispose();
      gridTensor?.dispose();
    },
  };
}

/** Draws one action per row: the sampled tensor to score (z or a one-hot) and the weight rows it means. */
function sampleActions(out: tf.Tensor2D, head: ScalarizedPpoOptions['head'], grid: number[][], logStd: tf.Variable, rng: Rng): { sampled: tf.Tensor2D; weights: Float32Array } {
  const [rows, width] = out.shape;
  if (head === 'softmax-grid') {
    const probabilities = tf.tidy(() => tf.softmax(out).dataSync());
    const k = grid[0]!.length;
    const oneHot = new Float32Array(rows * width);
    const weights = new Float32Array(rows * k);
    for (let r = 0; r < rows; r++) {
      let u = rng.next();
      let a = 0;
      while (a < width - 1 && u >= probabilities[r * width + a]!) u -= probabilities[r * width + a++]!;
      oneHot[r * width + a] = 1;
      weights.set(grid[a]!, r * k);
    }
    out.dispose();
    return { sampled: tf.tensor2d(oneHot, [rows, width]), weights };
  }
  const mean = out.dataSync();
  const std = logStd.dataSync().map(Math.exp);
  const z = Float32Array.from(mean, (m, i) => m + std[i % width]! * rng.normal());
  out.dispose();
  return { sampled: tf.tensor2d(z, [rows, width]), weights: softmaxRows(z, width) };
}

function normalise(values: Float32Array): Float32Array {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return values.map((v) => (v - mean) / (std + 1e-8));
}

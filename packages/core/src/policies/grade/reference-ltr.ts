import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../adam';
import { lambdaLoss } from '../../fusion/lambda-loss';
import type { FusionGoal, RequestBatch } from '../../fusion/request-batch';
import type { Rng } from '../../rng';
import { trainingPreferences } from './request-rewards';
import { preferenceStates } from './request-state';
import { BestVariables } from './variable-copies';
import type { WeightPolicyNetwork } from './weight-distribution';

const PRODUCT_FLOOR = 1e-12;

export interface LtrOptions {
  steps: number;
  batchRequests: number;
  learningRate: number;
  weightDecay: number;
  /** LambdaLoss's sigmoid slope on fused-score differences. */
  sigma: number;
  /** Share of requests trained for a random preference instead of the goal's. */
  preferenceMix: number;
  /** Validate every this many steps (and before the first): the network of the best validation composite is kept. */
  evalEvery: number;
}

/**
 * Supervised learning-to-rank start for GRADE: the policy's mean weights fuse each request's
 * predictions, and LambdaLoss pulls that ranking towards the logged feedback, graded as the
 * request's preference-weighted sum of its objectives' labels (each scaled to [0, 1]). Stopped
 * early on `validate` (the composite of the current mean weights): with a few logged candidates
 * per request, how long to train is a question for held-out days, not for the loss. Returns the
 * mean loss of the first and last tenth of the steps, and the step kept.
 */
export function pretrainByLambdaLoss(
  policy: WeightPolicyNetwork,
  batch: RequestBatch,
  states: Float32Array,
  stateDim: number,
  goal: FusionGoal,
  options: LtrOptions,
  validate: () => number,
  rng: Rng,
): { first: number; last: number; kept: number } {
  const m = batch.objectives.length;
  const requests = batch.offsets.length - 1;
  const scaled = scaledLabels(batch);
  // Only the network: the mean weights do not depend on a Gaussian policy's std.
  const variables = policy.network.variables;
  const optimizer = new Adam(variables, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  const losses: number[] = [];
  const best = new BestVariables(variables, validate());
  for (let step = 1; step <= options.steps; step++) {
    const ids = Array.from({ length: Math.min(options.batchRequests, requests) }, () => rng.int(requests));
    const preferences = trainingPreferences(ids.length, goal.preference, options.preferenceMix, rng);
    const longest = Math.max(...ids.map((q) => batch.offsets[q + 1]! - batch.offsets[q]!));
    const features = new Float32Array(ids.length * longest * m);
    const labels = new Float32Array(ids.length * longest);
    const mask = new Float32Array(ids.length * longest);
    ids.forEach((q, b) => {
      for (let i = batch.offsets[q]!, slot = b * longest; i < batch.offsets[q + 1]!; i++, slot++) {
        for (let j = 0; j < m; j++) {
          const p = batch.predictions[i * m + j]!;
          features[slot * m + j] = goal.form === 'product' ? Math.log(Math.max(PRODUCT_FLOOR, p)) : p;
          labels[slot]! += preferences[b * m + j]! * scaled[i * m + j]!;
        }
        mask[slot] = 1;
      }
    });
    const { value, grads } = tf.variableGrads(() => {
      const input = tf.tensor2d(preferenceStates(states, stateDim, ids, preferences, m), [ids.length, stateDim + m]);
      const scores = tf.tensor3d(features, [ids.length, longest, m]).mul(policy.meanWeights(input).expandDims(1)).sum(2) as tf.Tensor2D;
      return lambdaLoss(scores, labels, mask, options.sigma);
    }, variables);
    optimizer.apply(variables.map((v) => grads[v.name]!));
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, grads]);
    if (step % options.evalEvery === 0 || step === options.steps) best.offer(validate(), step);
  }
  best.restore();
  optimizer.dispose();
  const tenth = Math.max(1, Math.floor(losses.length / 10));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return { first: mean(losses.slice(0, tenth)), last: mean(losses.slice(-tenth)), kept: best.step };
}

/** Each objective's labels as min(1, label / scale), scale the mean non-zero label (1 for binary feedback), [candidates x K]. */
function scaledLabels(batch: RequestBatch): Float32Array {
  const m = batch.objectives.length;
  const n = batch.labels.length / m;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let i = 0; i < n * m; i++) {
    if (batch.labels[i]! > 0) {
      sums[i % m]! += batch.labels[i]!;
      counts[i % m]!++;
    }
  }
  return batch.labels.map((y, i) => Math.min(1, Math.max(0, y) / (counts[i % m]! > 0 ? sums[i % m]! / counts[i % m]! : 1)));
}

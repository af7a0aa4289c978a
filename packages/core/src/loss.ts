import * as tf from '@tensorflow/tfjs';
import type { TaskHead } from './models/config';

/**
 * The weighted multi-task loss sum_k w_k * L_k. L_k averages over the rows whose label for task k
 * is present (mask 1): binary cross-entropy on logits for binary tasks, in the stable form
 * max(z, 0) - z*y + log(1 + exp(-|z|)); squared error for regression tasks (targets already on
 * their training scale, e.g. standardised log durations). A task without labels in the batch adds 0.
 */
export function multiTaskLoss(outputs: tf.Tensor2D, labels: tf.Tensor2D, mask: tf.Tensor2D, tasks: readonly TaskHead[], taskWeights: readonly number[]): tf.Scalar {
  return tf.tidy(() => {
    const binary = tf.tensor1d(tasks.map((t) => (t.type === 'binary' ? 1 : 0)));
    const crossEntropy = tf.relu(outputs).sub(outputs.mul(labels)).add(tf.log1p(tf.exp(tf.abs(outputs).neg())));
    const squared = outputs.sub(labels).square();
    const perRow = crossEntropy.mul(binary).add(squared.mul(tf.scalar(1).sub(binary))).mul(mask);
    const perTask = perRow.sum(0).div(mask.sum(0).maximum(1));
    return perTask.mul(tf.tensor1d([...taskWeights])).sum() as tf.Scalar;
  });
}

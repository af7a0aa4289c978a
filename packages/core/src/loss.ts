import * as tf from '@tensorflow/tfjs';

/**
 * Binary cross-entropy on logits, averaged over the batch per task, then summed with per-task
 * weights: sum_k w_k * mean_b BCE(y_bk, sigmoid(z_bk)). Computed in the stable form
 * max(z, 0) - z*y + log(1 + exp(-|z|)).
 */
export function multiTaskBce(logits: tf.Tensor2D, labels: tf.Tensor2D, taskWeights: readonly number[]): tf.Scalar {
  return tf.tidy(() => {
    const perExample = tf.relu(logits).sub(logits.mul(labels)).add(tf.log1p(tf.exp(tf.abs(logits).neg())));
    const perTask = perExample.mean(0);
    return perTask.mul(tf.tensor1d([...taskWeights])).sum() as tf.Scalar;
  });
}

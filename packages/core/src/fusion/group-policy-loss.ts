import * as tf from '@tensorflow/tfjs';

/**
 * Group-relative advantages (GRADE/GRPO): rewards are laid out as consecutive groups of groupSize
 * samples for one request; A_g = (r_g - mean) / (std + eps) with the group's population std, so a
 * group whose samples all score the same teaches nothing.
 */
export function groupAdvantages(rewards: ArrayLike<number>, groupSize: number, eps = 1e-8): Float32Array {
  if (!Number.isInteger(groupSize) || groupSize < 1 || rewards.length % groupSize !== 0) throw new Error(`advantages: ${rewards.length} rewards do not split into groups of ${groupSize}`);
  const out = new Float32Array(rewards.length);
  for (let start = 0; start < rewards.length; start += groupSize) {
    let mean = 0;
    for (let i = start; i < start + groupSize; i++) mean += rewards[i]! / groupSize;
    let variance = 0;
    for (let i = start; i < start + groupSize; i++) variance += (rewards[i]! - mean) ** 2 / groupSize;
    const scale = Math.sqrt(variance) + eps;
    for (let i = start; i < start + groupSize; i++) out[i] = (rewards[i]! - mean) / scale;
  }
  return out;
}

/**
 * PPO's clipped surrogate as a loss to minimise: -mean(min(rho A, clip(rho, 1 - clip, 1 + clip) A))
 * with rho = exp(logProb - oldLogProb); oldLogProb and advantages are constants.
 */
export function clippedSurrogateLoss(logProb: tf.Tensor1D, oldLogProb: tf.Tensor1D, advantages: tf.Tensor1D, clip = 0.2): tf.Scalar {
  return tf.tidy(() => {
    const ratio = logProb.sub(oldLogProb).exp();
    const unclipped = ratio.mul(advantages);
    const clipped = ratio.clipByValue(1 - clip, 1 + clip).mul(advantages);
    return tf.minimum(unclipped, clipped).mean().neg() as tf.Scalar;
  });
}

import * as tf from '@tensorflow/tfjs';

const LOG_2PI = Math.log(2 * Math.PI);

/** Dirichlet concentrations from a network's raw outputs: softplus(raw) + eps keeps them > 0. */
export function concentrationsFromLogits(raw: tf.Tensor2D, eps = 1e-3): tf.Tensor2D {
  return tf.tidy(() => tf.softplus(raw).add(eps) as tf.Tensor2D);
}

/**
 * Diagonal Gaussian log-density per row, sum_k -((z_k - mu_k)^2 / (2 sigma_k^2) + log sigma_k + log(2 pi) / 2):
 * the Gaussian-in-logit policies (scalarized PPO, GRADE's "Gaussian instead of Dirichlet" ablation)
 * score their pre-softmax draws z with it. Differentiable w.r.t. mean and logStd.
 */
export function diagonalGaussianLogProb(mean: tf.Tensor2D, logStd: tf.Tensor2D | tf.Tensor1D, z: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const standardized = z.sub(mean).div(logStd.exp());
    return standardized.square().mul(-0.5).sub(logStd).sub(LOG_2PI / 2).sum(1) as tf.Tensor1D;
  });
}

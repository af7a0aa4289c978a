import * as tf from '@tensorflow/tfjs';
import { digamma, lgamma } from './special-functions';

// Dirichlet distributions as tensor ops over a batch: concentrations alpha are [n, K] (> 0), points
// x are [n, K] on the simplex. Everything is differentiable w.r.t. alpha (lgamma's gradient is
// digamma, digamma's is trigamma), which GRADE's clipped ratio and KL term need.

/** log Dir(x | alpha) per row: lgamma(alpha0) - sum lgamma(alpha_k) + sum (alpha_k - 1) log x_k. */
export function dirichletLogProb(alpha: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const normaliser = lgamma(alpha.sum(1)).sub(lgamma(alpha).sum(1));
    return normaliser.add(alpha.sub(1).mul(x.log()).sum(1)) as tf.Tensor1D;
  });
}

/** Differential entropy per row: log B(alpha) + (alpha0 - K) psi(alpha0) - sum (alpha_k - 1) psi(alpha_k). */
export function dirichletEntropy(alpha: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const k = alpha.shape[1];
    const alpha0 = alpha.sum(1);
    const logBeta = lgamma(alpha).sum(1).sub(lgamma(alpha0));
    return logBeta.add(alpha0.sub(k).mul(digamma(alpha0))).sub(alpha.sub(1).mul(digamma(alpha)).sum(1)) as tf.Tensor1D;
  });
}

/**
 * KL(Dir(alpha) || Dir(beta)) per row: lgamma(alpha0) - sum lgamma(alpha_k) - lgamma(beta0) + sum lgamma(beta_k)
 * + sum (alpha_k - beta_k) (psi(alpha_k) - psi(alpha0)).
 */
export function dirichletKl(alpha: tf.Tensor2D, beta: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const alpha0 = alpha.sum(1);
    const logNorms = lgamma(alpha0).sub(lgamma(alpha).sum(1)).sub(lgamma(beta.sum(1))).add(lgamma(beta).sum(1));
    const meanLog = digamma(alpha).sub(digamma(alpha0).expandDims(1));
    return logNorms.add(alpha.sub(beta).mul(meanLog).sum(1)) as tf.Tensor1D;
  });
}

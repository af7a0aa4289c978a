/**
 * Projected dual ascent on the Lagrange multipliers of constraints J_j >= tau_j:
 * lambda_j <- max(0, lambda_j + eta (tau_j - J_j)). A violated constraint raises its multiplier.
 */
export function dualAscent(lambdas: readonly number[], thresholds: readonly number[], values: readonly number[], eta: number): number[] {
  return lambdas.map((lambda, j) => Math.max(0, lambda + eta * ((thresholds[j] ?? 0) - (values[j] ?? 0))));
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/**
 * Gradient feedback for the reward weights on the simplex: with g_k the policy gradient of reward
 * k alone, s_k = sum_j <g_k, g_j> (how much following reward k also helps the others), and
 * w <- softmax(log w + eta s / scale), scale = max_k |s_k| so the step size does not depend on
 * the gradients' magnitude.
 */
export function gradientAgreementWeights(weights: readonly number[], gradients: readonly Float32Array[], eta: number): { weights: number[]; agreement: number[] } {
  const agreement = gradients.map((gk) => gradients.reduce((sum, gj) => sum + dot(gk, gj), 0));
  const scale = Math.max(1e-12, ...agreement.map(Math.abs));
  const logits = weights.map((w, k) => Math.log(Math.max(w, 1e-12)) + (eta * (agreement[k] ?? 0)) / scale);
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return { weights: exp.map((e) => e / total), agreement };
}

/**
 * Where the multipliers of constraints J_j >= tau_j stand: the integral of the violations, and an
 * exponential average of the violations (batch estimates are noisy) for the proportional term.
 */
export interface MultiplierState {
  integral: number[];
  smoothedViolation: number[];
}

export interface MultiplierGains {
  /** Step eta of the integral term: with no proportional term, projected dual ascent. */
  integralStep: number;
  /** Gain of the (smoothed) current violation. */
  proportionalGain: number;
  /** Weight of the previous average in the smoothed violation, in [0, 1). */
  smoothing: number;
}

/**
 * PI-controlled Lagrange multipliers (Stooke et al., ICML 2020): with e_j = tau_j - J_j,
 * I_j <- max(0, I_j + eta e_j) and lambda_j = max(0, I_j + K_p ebar_j). Plain dual ascent
 * (K_p = 0) is an integral controller: it keeps pushing long after the constraint is met and
 * overshoots, and the policy swings with it; the proportional term reacts to the current
 * violation and damps the swing.
 */
export function updateMultipliers(
  state: MultiplierState,
  thresholds: readonly number[],
  values: readonly number[],
  gains: MultiplierGains,
): { state: MultiplierState; lambdas: number[] } {
  const violation = thresholds.map((tau, j) => tau - (values[j] ?? 0));
  const integral = state.integral.map((i, j) => Math.max(0, i + gains.integralStep * (violation[j] ?? 0)));
  const smoothedViolation = state.smoothedViolation.map((e, j) => gains.smoothing * e + (1 - gains.smoothing) * (violation[j] ?? 0));
  const lambdas = integral.map((i, j) => Math.max(0, i + gains.proportionalGain * (smoothedViolation[j] ?? 0)));
  return { state: { integral, smoothedViolation }, lambdas };
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

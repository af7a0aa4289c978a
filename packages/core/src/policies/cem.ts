import { constantPolicy, evaluateBatch, sliceRequests, softmaxRows } from '../fusion/batch-tools';
import { type FusionPolicy, type FusionTrainingHooks, type RequestBatch, requestCount } from '../fusion/request-batch';
import type { Rng } from '../rng';
import { type ContextScaler, fitContextScaler, scaledContext } from './context-scaler';

export interface CemOptions {
  /** 'fixed': one weight vector softmax(theta); 'linear': per request softmax(theta^T [context; 1]). */
  parameterization: 'fixed' | 'linear';
  iterations: number;
  population: number;
  /** Share of the population whose parameters refit the sampling distribution. */
  eliteFraction: number;
  initStd: number;
  /** Floor of the sampling std, so the search does not collapse early. */
  minStd: number;
  /** Train requests each iteration scores its population on (a fresh sample per iteration; 0 = all). */
  requestsPerIteration: number;
}

/** Weights of a CEM parameter vector on a batch. */
function cemWeights(theta: Float32Array, options: Pick<CemOptions, 'parameterization'>, scaler: ContextScaler, batch: RequestBatch): Float32Array {
  const k = batch.objectives.length;
  if (options.parameterization === 'fixed') return constantPolicy(softmaxRows(theta, k)).weights(batch);
  const x = scaledContext(scaler, batch);
  const d = batch.contextDim + 1;
  const rows = requestCount(batch);
  const logits = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) for (let i = 0; i < d; i++) for (let j = 0; j < k; j++) logits[r * k + j]! += x[r * d + i]! * theta[i * k + j]!;
  return softmaxRows(logits, k);
}

/**
 * Cross-entropy method over fusion weights: sample parameters from a diagonal Gaussian, score each
 * by the composite on train requests, refit the Gaussian to the elite, and keep the mean that
 * scores best on validation.
 */
export async function fitCem(train: RequestBatch, valid: RequestBatch, options: CemOptions, rng: Rng, hooks: FusionTrainingHooks = {}): Promise<FusionPolicy> {
  const k = train.objectives.length;
  const scaler = fitContextScaler(train);
  const size = options.parameterization === 'fixed' ? k : (train.contextDim + 1) * k;
  const mean = new Float32Array(size);
  const std = new Float32Array(size).fill(options.initStd);
  const elite = Math.max(2, Math.round(options.population * options.eliteFraction));
  const weightsOf = (theta: Float32Array, batch: RequestBatch) => cemWeights(theta, options, scaler, batch);
  let best = { score: evaluateBatch(valid, weightsOf(mean, valid)).composite, theta: mean.slice() };
  const requests = requestCount(train);
  for (let iteration = 1; iteration <= options.iterations; iteration++) {
    if (await hooks.shouldStop?.()) break;
    const take = options.requestsPerIteration > 0 && options.requestsPerIteration < requests;
    const batch = take ? sliceRequests(train, rng.permutation(requests).subarray(0, options.requestsPerIteration)) : train;
    const members = Array.from({ length: options.population }, () => {
      const theta = mean.map((m, i) => m + std[i]! * rng.normal());
      return { theta, score: evaluateBatch(batch, weightsOf(theta, batch)).composite };
    });
    members.sort((a, b) => b.score - a.score);
    const top = members.slice(0, elite);
    for (let i = 0; i < size; i++) {
      const m = top.reduce((sum, e) => sum + e.theta[i]!, 0) / elite;
      const variance = top.reduce((sum, e) => sum + (e.theta[i]! - m) ** 2, 0) / elite;
      mean[i] = m;
      std[i] = Math.max(options.minStd, Math.sqrt(variance));
    }
    const validScore = evaluateBatch(valid, weightsOf(mean, valid)).composite;
    if (validScore > best.score) best = { score: validScore, theta: mean.slice() };
    const eliteScore = top.reduce((sum, e) => sum + e.score, 0) / elite;
    await hooks.onStep?.(iteration, { 'train/composite': eliteScore, 'train/valid_composite': validScore, 'train/best_valid_composite': best.score });
  }
  return { weights: (batch) => weightsOf(best.theta, batch) };
}

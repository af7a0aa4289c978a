import type { Rng } from '../rng';
import type { FusionForm } from './fuse-scores';

/**
 * What every fusion policy sees: requests of logged candidates with the multi-task predictor's
 * outputs, the logged feedback, and the user's state before each request. Columnar (typed arrays,
 * row-major) so batches are built and sliced without per-row objects.
 */
export interface RequestBatch {
  /** Objective names, in column order of `predictions` and `labels` (K = objectives.length). */
  objectives: string[];
  /** Predicted signals per candidate, [candidates x K]; binary objectives are probabilities. */
  predictions: Float32Array;
  /** Logged feedback per candidate, [candidates x K] (the posterior the re-ranking is scored on). */
  labels: Float32Array;
  /** Request r holds candidates offsets[r] .. offsets[r + 1] - 1; length R + 1. */
  offsets: Int32Array;
  /** User of each request, length R; requests of one user appear in time order. */
  users: Int32Array;
  /** Start time of each request (ms since epoch), length R. */
  times: Float64Array;
  /** Context features per request, [R x contextDim] (user features, hour, request size, ...). */
  context: Float32Array;
  contextDim: number;
  /** The user's recent history before each request, newest last, zero-padded on the left. */
  history: RequestHistory;
  /** What re-ranking this batch is scored by; batchGoal fills the defaults when absent. */
  goal?: FusionGoal;
}

/** The scalarization a policy is trained for and judged by (test/composite). */
export interface FusionGoal {
  /** The user's objective preference, length K, summing to 1: composite = sum_k preference_k NDCG@k_k. */
  preference: Float32Array;
  /** Cut-off of NDCG and of the prior top-k reward. */
  k: number;
  /** How weights fuse the predictions into one score. */
  form: FusionForm;
}

/** Default cut-off of the re-ranking metrics (test/ndcg@10/<objective>). */
export const DEFAULT_RERANK_K = 10;

/** The batch's goal, or equal preference, k = 10 and the sum form. */
export function batchGoal(batch: RequestBatch): FusionGoal {
  const k = batch.objectives.length;
  return batch.goal ?? { preference: new Float32Array(k).fill(1 / k), k: DEFAULT_RERANK_K, form: 'sum' };
}

export interface RequestHistory {
  /** Steps kept per request (T). */
  steps: number;
  /** Item ids (0 = padding), [R x T]. */
  items: Int32Array;
  /** Time since the previous history item in seconds (0 for padding), [R x T]. */
  gaps: Float32Array;
  /** Logged feedback of each history item, [R x T x K]. */
  feedback: Float32Array;
  /** Real (non-padding) items per request, length R. */
  length: Int32Array;
}

/** A trained fusion policy: per-request weights on the simplex. */
export interface FusionPolicy {
  /** Weights per request, [R x K], each row non-negative and summing to 1. */
  weights(batch: RequestBatch): Float32Array;
  /** Frees the policy's tensors (policies without any have none to free); call once done with it. */
  dispose?(): void;
}

/** How every fusion policy is fitted: on train requests, model selection on valid, seeded. */
export type FitFusionPolicy<Hyper> = (train: RequestBatch, valid: RequestBatch, hyper: Hyper, rng: Rng, hooks: FusionTrainingHooks) => Promise<FusionPolicy>;

/** How a policy's training reports, so trainers stay free of I/O. */
export interface FusionTrainingHooks {
  /** Called after each update with metrics named `train/<name>` (reward, loss, kl, ...). */
  onStep?(step: number, metrics: Record<string, number>): void | Promise<void>;
  /** Asked before each update; true stops training early (cancelled run). */
  shouldStop?(): boolean | Promise<boolean>;
}

/** Number of requests in a batch. */
export function requestCount(batch: RequestBatch): number {
  return batch.offsets.length - 1;
}

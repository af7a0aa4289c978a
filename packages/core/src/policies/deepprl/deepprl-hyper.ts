import type { RewardOptions } from '../grade/request-rewards';

// Settings only (no TensorFlow.js), so spec schemas can take their defaults from here.

export interface DeepPrlHyper extends RewardOptions {
  /** Time gates in the LSTM cell (false: a plain LSTM that ignores the gaps). */
  timeGates: boolean;
  /** Context features (user/request context and the candidates' prediction summary) in the state. */
  useContext: boolean;
  embeddingDim: number;
  lstmUnits: number;
  hidden: number[];
  /** Discount over a user's consecutive requests. */
  gamma: number;
  /** Noisy weight vectors tried per request (their rewards train the critic). */
  actionSamples: number;
  /** Std of the Gaussian noise on the actor's log-weights. */
  explorationStd: number;
  /** Share of the tried weight vectors drawn uniformly from the simplex instead (so the critic sees all of it). */
  uniformShare: number;
  batchRequests: number;
  steps: number;
  /** Critic-only updates before the actor starts following it. */
  criticWarmup: number;
  actorLearningRate: number;
  criticLearningRate: number;
  /** Soft update rate of the target networks. */
  tau: number;
  preferenceMix: number;
  evalEvery: number;
}

export const DEEPPRL_DEFAULTS: DeepPrlHyper = {
  timeGates: true,
  useContext: true,
  reward: 'composite',
  priorCoef: 0.1,
  priorK: 1,
  penaltyCoef: 0.1,
  weightFloor: 0.01,
  embeddingDim: 8,
  lstmUnits: 16,
  hidden: [64, 64],
  gamma: 0.5,
  actionSamples: 8,
  explorationStd: 0.5,
  uniformShare: 0.5,
  batchRequests: 128,
  steps: 300,
  criticWarmup: 100,
  actorLearningRate: 1e-4,
  criticLearningRate: 3e-3,
  tau: 0.05,
  preferenceMix: 0.5,
  evalEvery: 25,
};

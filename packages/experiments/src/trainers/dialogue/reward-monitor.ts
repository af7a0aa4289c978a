import type { RankingPolicy, Rng } from '@tradeoff/core';
import type { MetricPoint } from '../../sink';
import type { TurnChoice } from './policy-inputs';
import { mean, type ResponseScorer } from './response-scores';

/** Linguistic rewards a single response has on its own (diversity is a property of a batch). */
export const MONITORED_REWARDS = ['fluency', 'naturalness', 'bleu'] as const;

/** Training turns whose expected rewards trace the RL curves. */
export const MONITOR_TURNS = 256;

/**
 * A fixed sample of training turns whose expected rewards under the policy, sum_c pi(c | x) r(c),
 * are logged at every RL step. The sampled batch's mean moves with which turns and responses were
 * drawn; this curve moves only when the policy does, so its wiggles are the policy's own.
 */
export class RewardMonitor {
  private readonly choices: TurnChoice[];
  /** Per monitored reward, per turn, the reward of each candidate. */
  private readonly rewards: number[][][];

  constructor(choices: readonly TurnChoice[], scorer: ResponseScorer, rng: Rng, size: number) {
    const order = rng.permutation(choices.length);
    this.choices = Array.from(order.subarray(0, Math.min(size, choices.length)), (i) => choices[i] as TurnChoice);
    const perTurn = this.choices.map((c) => scorer.score(c.texts.map(() => c.turn), c.texts));
    this.rewards = MONITORED_REWARDS.map((r) => perTurn.map((scores) => scores.rewards[r]));
  }

  points(policy: RankingPolicy, step: number): MetricPoint[] {
    const probabilities = this.choices.map((c) => policy.probabilities(c.choice));
    return MONITORED_REWARDS.map((r, k) => ({
      key: `train/expected_reward/${r}`,
      step,
      value: mean(probabilities.map((p, t) => p.reduce((sum, pc, c) => sum + pc * (this.rewards[k]?.[t]?.[c] ?? 0), 0))),
    }));
  }
}

import {
  batchDiversity,
  fluency,
  KneserNeyLm,
  type LengthProfile,
  LINGUISTIC_REWARDS,
  type LinguisticReward,
  lengthProfile,
  naturalness,
  REASONING_CHECKS,
  type ReasoningCheck,
  reasoningScores,
  sentenceBleu,
} from '@tradeoff/core';
import type { PolicyTurn } from '../../datasets/multiwoz-turns';

/** Per-response linguistic rewards and reasoning checks of a batch of chosen responses. */
export interface BatchScores {
  rewards: Record<LinguisticReward, number[]>;
  checks: Record<ReasoningCheck, number[]>;
}

/** Scores responses with a language model and length profile fitted on the training responses. */
export class ResponseScorer {
  private readonly lm: KneserNeyLm;
  private readonly profile: LengthProfile;
  private readonly fluencyCache = new Map<string, number>();

  constructor(trainingResponses: readonly string[]) {
    this.lm = new KneserNeyLm(trainingResponses);
    this.profile = lengthProfile(trainingResponses);
  }

  private fluency(response: string): number {
    let value = this.fluencyCache.get(response);
    if (value === undefined) {
      value = fluency(this.lm, response);
      this.fluencyCache.set(response, value);
    }
    return value;
  }

  score(turns: readonly PolicyTurn[], responses: readonly string[]): BatchScores {
    const diversity = batchDiversity(responses);
    const rewards = Object.fromEntries(LINGUISTIC_REWARDS.map((r) => [r, [] as number[]])) as BatchScores['rewards'];
    const checks = Object.fromEntries(REASONING_CHECKS.map((c) => [c, [] as number[]])) as BatchScores['checks'];
    responses.forEach((response, i) => {
      const turn = turns[i] as PolicyTurn;
      rewards.fluency.push(this.fluency(response));
      rewards.naturalness.push(naturalness(response, this.profile));
      rewards.bleu.push(sentenceBleu(response, turn.gold));
      rewards.diversity.push(diversity[i] ?? 0);
      const reasoning = reasoningScores(response, turn.facts);
      for (const c of REASONING_CHECKS) checks[c].push(reasoning[c]);
    });
    return { rewards, checks };
  }
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

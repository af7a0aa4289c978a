import { distinctN, LINGUISTIC_REWARDS, type RankingPolicy, REASONING_CHECKS } from '@tradeoff/core';
import { evaluateMultiwoz, type SystemTurnOutput } from '@tradeoff/data';
import type { MultiwozData, MultiwozResources } from '../../datasets/multiwoz-turns';
import type { MetricPoint } from '../../sink';
import type { TurnChoice } from './policy-inputs';
import { mean, type ResponseScorer } from './response-scores';

/**
 * The policy's greedy responses on a split, scored by the MultiWOZ evaluator (Inform, Success,
 * BLEU, Combined) and by the rewards and reasoning checks (`<split>/constraint/<name>`).
 */
export function evaluatePolicy(
  split: 'valid' | 'test',
  policy: RankingPolicy,
  data: MultiwozData,
  choices: readonly TurnChoice[],
  resources: MultiwozResources,
  scorer: ResponseScorer,
  step: number,
): MetricPoint[] {
  const responses = choices.map((c) => c.texts[policy.greedy(c.choice)] ?? '');
  const outputs = new Map<string, SystemTurnOutput[]>();
  choices.forEach((c, i) => {
    const list = outputs.get(c.turn.dialogueId) ?? [];
    if (list.length === 0) outputs.set(c.turn.dialogueId, list);
    list.push({ response: responses[i] ?? '' });
  });
  const result = evaluateMultiwoz({ dialogues: data.dialogues, outputs, db: resources.db, bookedDomains: resources.booked });
  const scores = scorer.score(
    choices.map((c) => c.turn),
    responses,
  );
  const point = (key: string, value: number): MetricPoint => ({ key: `${split}/${key}`, step, value });
  return [
    point('inform', result.inform),
    point('success', result.success),
    point('bleu', result.bleu),
    point('combined', result.combined),
    point('distinct2', distinctN(responses, 2)),
    ...REASONING_CHECKS.map((c) => point(`constraint/${c}`, mean(scores.checks[c]))),
    ...LINGUISTIC_REWARDS.map((r) => point(`reward/${r}`, mean(scores.rewards[r]))),
  ];
}

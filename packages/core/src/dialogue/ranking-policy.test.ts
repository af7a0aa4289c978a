import { describe, expect, it } from 'vitest';
import { candidateFeatureNames, hashFeatures } from './features';
import { FlatAdam, type RankingChoice, RankingPolicy } from './ranking-policy';

describe('RankingPolicy', () => {
  it('learns by softmax cross-entropy to pick the candidate its context calls for', () => {
    const candidates = ['the phone is [value_phone] .', 'the address is [value_address] .', 'what area ?'].map((c) => hashFeatures(candidateFeatureNames(c)));
    const choices: { choice: RankingChoice; gold: number }[] = [
      { choice: { context: hashFeatures(['bias', 'u:phone']), candidates }, gold: 0 },
      { choice: { context: hashFeatures(['bias', 'u:address']), candidates }, gold: 1 },
      { choice: { context: hashFeatures(['bias', 'u:restaurant']), candidates }, gold: 2 },
    ];
    const policy = new RankingPolicy(12);
    const adam = new FlatAdam(policy.weights.length, 0.05);
    const logLikelihood = () => choices.reduce((s, { choice, gold }) => s + Math.log(policy.probabilities(choice)[gold] ?? 0), 0);
    const before = logLikelihood();
    for (let step = 0; step < 30; step++) {
      const gradient = new Float32Array(policy.weights.length);
      for (const { choice, gold } of choices) policy.addLogProbGradient(choice, policy.probabilities(choice), gold, 1, gradient);
      adam.ascend(policy.weights, gradient);
    }
    expect(logLikelihood()).toBeGreaterThan(before + 2);
    expect(choices.map(({ choice }) => policy.greedy(choice))).toEqual([0, 1, 2]);
  });

  it('its log-probability gradient matches finite differences', () => {
    const choice = { context: hashFeatures(['bias', 'x']), candidates: ['a b', 'c d', 'a d ?'].map((c) => hashFeatures(candidateFeatureNames(c))) };
    const policy = new RankingPolicy(10);
    for (let i = 0; i < policy.weights.length; i++) policy.weights[i] = Math.sin(i) * 0.1;
    const gradient = new Float32Array(policy.weights.length);
    policy.addLogProbGradient(choice, policy.probabilities(choice), 1, 1, gradient);
    const index = gradient.findIndex((g) => Math.abs(g) > 0.05);
    const logProb = () => Math.log(policy.probabilities(choice)[1] ?? 0);
    const base = logProb();
    policy.weights[index] = (policy.weights[index] ?? 0) + 1e-3;
    expect((logProb() - base) / 1e-3).toBeCloseTo(gradient[index] ?? 0, 2);
  });
});

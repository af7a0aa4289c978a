import { describe, expect, it } from 'vitest';
import { fuseScores, rankWithinRequests } from './fuse-scores';
import { composite, evaluateReranking, ndcgPerObjective, priorTopK } from './rerank-metrics';

// Request 0 holds candidates 0-2, request 1 candidates 3-4; two objectives.
const offsets = [0, 3, 5];
const predictions = [0.9, 0.1, 0.5, 0.5, 0.1, 0.8, 0.2, 0.6, 0.7, 0.3];
const labels = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0];
const weights = [1, 0, 0.25, 0.75];
const l3 = Math.log2(3);

describe('fusing and ranking', () => {
  it('scores with each request its own weights, and ranks best first', () => {
    // Request 1: 0.25 * 0.2 + 0.75 * 0.6 = 0.5 beats 0.25 * 0.7 + 0.75 * 0.3 = 0.4.
    const scores = fuseScores({ predictions, objectives: 2, offsets, weights });
    [0.9, 0.5, 0.1, 0.5, 0.4].forEach((v, i) => {
      expect(scores[i]).toBeCloseTo(v, 6);
    });
    expect(Array.from(rankWithinRequests(scores, offsets))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(rankWithinRequests([0.1, 0.9, 0.5, 0.3, 0.3], offsets))).toEqual([1, 2, 0, 3, 4]);
  });

  it('the product form can reverse the sum form, and one shared vector serves every request', () => {
    // (1, 0.01) vs (0.4, 0.4) at (0.5, 0.5): sums 0.505 > 0.4, products 0.1 < 0.4.
    const input = { predictions: [1, 0.01, 0.4, 0.4], objectives: 2, offsets: [0, 2], weights: [0.5, 0.5] };
    expect(Array.from(rankWithinRequests(fuseScores(input), input.offsets))).toEqual([0, 1]);
    const product = fuseScores({ ...input, form: 'product' });
    expect(product[0]).toBeCloseTo(0.1, 6);
    expect(product[1]).toBeCloseTo(0.4, 6);
    expect(Array.from(rankWithinRequests(product, input.offsets))).toEqual([1, 0]);
  });

  it('rejects inconsistent shapes', () => {
    expect(() => fuseScores({ predictions, objectives: 2, offsets, weights: [1, 0, 0] })).toThrow(/weights has 3 values/);
    expect(() => fuseScores({ predictions, objectives: 2, offsets: [0, 3, 4], weights })).toThrow(/predictions has 10 values, expected 4/);
    expect(() => rankWithinRequests([1, 2], [1, 2])).toThrow(/start at 0/);
    expect(() => rankWithinRequests([1, 2], [0, 2, 1])).toThrow(/decrease at request 1/);
  });
});

describe('re-ranking metrics (hand counts)', () => {
  const order = [0, 1, 2, 3, 4];

  it('NDCG@2 per objective skips requests with nothing relevant', () => {
    // Objective 0: request 0 ranks labels 0,1,1 -> (1/l3) / (1 + 1/l3); request 1 ranks 0,1 -> 1/l3.
    // Objective 1: request 0 ranks 1,0,1 -> 1 / (1 + 1/l3); request 1 has no positive.
    const result = ndcgPerObjective(order, labels, 2, offsets, 2);
    expect(result.mean[0]).toBeCloseTo((1 / (l3 + 1) + 1 / l3) / 2, 12);
    expect(result.mean[1]).toBeCloseTo(l3 / (l3 + 1), 12);
    expect(Array.from(result.counted)).toEqual([2, 1]);
    expect(result.perRequest[3]).toBeNaN();
    // k = 1: only the top candidate counts.
    expect(Array.from(ndcgPerObjective(order, labels, 2, offsets, 1).mean)).toEqual([0, 1]);
  });

  it('linear gain for durations, exponential for grades', () => {
    // One request, watch times 3, 0, 5 ranked in that order; ideal order 5, 3, 0.
    const linear = ndcgPerObjective([0, 1, 2], [3, 0, 5], 1, [0, 3], 3, 'linear').mean[0]!;
    expect(linear).toBeCloseTo((3 + 5 / 2) / (5 + 3 / l3), 12);
    const exponential = ndcgPerObjective([0, 1, 2], [1, 0, 2], 1, [0, 3], 3).mean[0]!;
    expect(exponential).toBeCloseTo((1 + 3 / 2) / (3 + 1 / l3), 12);
    expect(() => ndcgPerObjective(order, labels, 2, offsets, 0)).toThrow(/k must be a positive integer/);
  });

  it('prior reward is the mean top-k prediction, composite the preference-weighted sum', () => {
    // Top-1: request 0 -> (0.9, 0.1), request 1 -> (0.2, 0.6).
    const prior = priorTopK(order, predictions, 2, offsets, 1);
    expect(prior[0]).toBeCloseTo(0.55, 12);
    expect(prior[1]).toBeCloseTo(0.35, 12);
    expect(composite([0.5, 0.2], [0.3, 0.7])).toBeCloseTo(0.29, 12);
    expect(() => composite([1], [0.5, 0.5])).toThrow(/1 metrics but 2 preference/);
  });

  it('evaluateReranking fuses, ranks and scores in one call', () => {
    const result = evaluateReranking({ predictions, objectives: 2, offsets, weights, labels, k: 2, preference: [0.5, 0.5] });
    expect(Array.from(result.order)).toEqual(order);
    expect(result.composite).toBeCloseTo(0.5 * ((1 / (l3 + 1) + 1 / l3) / 2) + 0.5 * (l3 / (l3 + 1)), 12);
    expect(result.prior[0]).toBeCloseTo((0.9 + 0.5) / 2 / 2 + (0.2 + 0.7) / 2 / 2, 12);
  });
});

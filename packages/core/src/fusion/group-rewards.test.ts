import { describe, expect, it } from 'vitest';
import { groupRewards, weightFloorPenalty } from './group-rewards';
import { evaluateReranking } from './rerank-metrics';

// Request 0 holds candidates 0-2, request 1 candidates 3-4; two objectives.
const offsets = [0, 3, 5];
const predictions = [0.9, 0.1, 0.5, 0.5, 0.1, 0.8, 0.2, 0.6, 0.7, 0.3];
const labels = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0];
const l3 = Math.log2(3);

describe('groupRewards', () => {
  it('scores each sampled weight vector of each request (hand count at k = 1)', () => {
    // Request 0 samples: (1, 0) puts candidate 0 first, (0, 1) candidate 2. Request 1: (1, 0) -> candidate 4, (0, 1) -> candidate 3.
    const { posterior, prior } = groupRewards({ predictions, objectives: 2, offsets, labels, weights: [1, 0, 0, 1, 1, 0, 0, 1], groupSize: 2, k: 1 });
    // Request 1 has no positive for objective 1: posterior 0 there for both samples.
    expect(Array.from(posterior)).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(prior)).toEqual([0.9, 0.1, 0.1, 0.8, 0.7, 0.3, 0.2, 0.6]);
  });

  it('agrees with evaluateReranking for every sample', () => {
    const weights = [0.3, 0.7, 0.8, 0.2, 0.5, 0.5, 0.1, 0.9];
    const rewards = groupRewards({ predictions, objectives: 2, offsets, labels, weights, groupSize: 2, k: 2 });
    for (const s of [0, 1]) {
      const sample = [weights[s * 2]!, weights[s * 2 + 1]!, weights[4 + s * 2]!, weights[4 + s * 2 + 1]!];
      const single = evaluateReranking({ predictions, objectives: 2, offsets, labels, weights: sample, k: 2 });
      for (const r of [0, 1]) {
        for (const j of [0, 1]) {
          const expected = single.ndcg.perRequest[r * 2 + j]!;
          expect(rewards.posterior[(r * 2 + s) * 2 + j]).toBeCloseTo(Number.isNaN(expected) ? 0 : expected, 12);
        }
      }
    }
    // Request 0 under (0.3, 0.7) ranks candidates 2, 1, 0 (scores 0.59, 0.5, 0.34): objective 0 sees
    // labels 1, 1 on top (ideal), objective 1 sees 1, 0 against the ideal 1, 1.
    expect(rewards.posterior[0]).toBe(1);
    expect(rewards.posterior[1]).toBeCloseTo(1 / (1 + 1 / l3), 12);
    expect(() => groupRewards({ predictions, objectives: 2, offsets, labels, weights, groupSize: 3, k: 2 })).toThrow(/2 requests x 3 samples x 2/);
  });
});

describe('weightFloorPenalty', () => {
  it('charges each component below the floor', () => {
    const penalty = weightFloorPenalty([1, 0, 0, 0.5, 0.45, 0.05, 0.2, 0.3, 0.5], 3, 0.1);
    expect(penalty[0]).toBeCloseTo(0.2, 12);
    expect(penalty[1]).toBeCloseTo(0.05, 12);
    expect(penalty[2]).toBe(0);
    expect(() => weightFloorPenalty([1, 0], 3, 0.1)).toThrow(/do not split into rows of 3/);
  });
});

import { describe, expect, it } from 'vitest';
import { auc } from './auc';

describe('auc (Mann-Whitney, exact with ties)', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts one half for each positive-negative tie', () => {
    // Pairs (pos, neg): (0.5, 0.5) tie -> 0.5, (0.5, 0.1) -> 1, (0.9, 0.5) -> 1, (0.9, 0.1) -> 1.
    expect(auc([0.1, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBe(3.5 / 4);
    // All scores equal: every pair ties.
    expect(auc([0.3, 0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0, 0])).toBe(0.5);
  });

  it('matches a hand count with a three-way tie and unsorted input', () => {
    // Positives at 0.7, 0.4, 0.4; negatives at 0.4, 0.2, 0.9.
    // 0.7 beats 0.4, 0.2 (2), loses to 0.9 -> 2; each 0.4 beats 0.2 (1), ties 0.4 (0.5) -> 1.5 each.
    const scores = [0.4, 0.7, 0.2, 0.4, 0.9, 0.4];
    const labels = [1, 1, 0, 0, 0, 1];
    expect(auc(scores, labels)).toBeCloseTo(5 / 9, 12);
  });

  it('is NaN when a class is missing, and rejects mismatched lengths', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => auc([0.1], [1, 0])).toThrow(/1 scores but 2 labels/);
  });
});

import { describe, expect, it } from 'vitest';
import { metricDirection } from './direction';
import { gauc } from './gauc';
import { logloss } from './logloss';
import { mse } from './mse';
import { ndcgAtK } from './ndcg';

describe('gauc', () => {
  it('weights each user AUC by impressions and skips one-class users (hand count)', () => {
    // User 1: positive 0.9 above negatives 0.1, 0.5 -> AUC 1 over 3 rows.
    // User 2: positives 0.2, 0.4 below negatives 0.8, 0.6 -> AUC 0 over 4 rows.
    // User 3: positives only -> skipped. User 4: one tied pair -> 0.5 over 2 rows.
    const rows = [
      [1, 0.9, 1], [2, 0.2, 1], [3, 0.3, 1], [2, 0.8, 0], [1, 0.1, 0], [4, 0.5, 1],
      [2, 0.4, 1], [1, 0.5, 0], [3, 0.7, 1], [2, 0.6, 0], [4, 0.5, 0],
    ];
    const groups = rows.map((r) => r[0]!);
    const scores = rows.map((r) => r[1]!);
    const labels = rows.map((r) => r[2]!);
    expect(gauc(scores, labels, groups)).toBeCloseTo((3 * 1 + 4 * 0 + 2 * 0.5) / 9, 12);
  });

  it('equals plain AUC for one group, and is NaN when no group has both classes', () => {
    expect(gauc([0.1, 0.5, 0.5, 0.9], [0, 0, 1, 1], [7, 7, 7, 7])).toBe(3.5 / 4);
    expect(gauc([0.1, 0.5], [1, 0], [1, 2])).toBeNaN();
    expect(() => gauc([0.1], [1], [1, 2])).toThrow(/1 scores but 2 groups/);
  });
});

describe('logloss', () => {
  it('is the mean negative log-likelihood, finite for certain mistakes', () => {
    expect(logloss([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3, 12);
    expect(logloss([1, 0], [0, 1])).toBeCloseTo(-Math.log(1e-7), 6);
    expect(logloss([], [])).toBeNaN();
  });
});

describe('mse', () => {
  it('is the mean squared difference', () => {
    expect(mse([1, 2, 3], [1, 0, 6])).toBeCloseTo(13 / 3, 12);
    expect(() => mse([1], [])).toThrow(/1 predictions but 0 targets/);
  });
});

describe('ndcgAtK', () => {
  const log3 = Math.log2(3);
  // Group 1 ranks relevances 0, 1, 1; group 2 has nothing relevant (skipped); group 3 ranks 0, 2.
  const groups = [1, 1, 1, 2, 2, 3, 3];
  const scores = [0.9, 0.8, 0.1, 0.4, 0.3, 0.2, 0.7];
  const relevance = [0, 1, 1, 0, 0, 2, 0];

  it('averages DCG@k / ideal DCG@k over groups with a relevant row (hand count)', () => {
    const group1 = 1 / log3 / (1 + 1 / log3);
    const group3 = 3 / log3 / 3;
    expect(ndcgAtK(scores, relevance, groups, 2)).toBeCloseTo((group1 + group3) / 2, 12);
    expect(ndcgAtK(scores, relevance, groups, 1)).toBe(0);
    expect(ndcgAtK(scores, relevance, groups, 10)).toBeCloseTo(((1 / log3 + 1 / 2) / (1 + 1 / log3) + group3) / 2, 12);
  });

  it('keeps input order among equal scores, and rejects a bad k', () => {
    expect(ndcgAtK([0.5, 0.5], [0, 1], [1, 1], 1)).toBe(0);
    expect(ndcgAtK([0.5, 0.5], [1, 0], [1, 1], 1)).toBe(1);
    expect(ndcgAtK([0.5], [0], [1], 3)).toBeNaN();
    expect(() => ndcgAtK([0.5], [1], [1], 0)).toThrow(/k must be a positive integer/);
  });
});

describe('metricDirection', () => {
  it('reads the direction from the metric name', () => {
    const minimised = ['train/loss', 'test/logloss/income', 'valid/mse/watch_time', 'test/rmse', 'train/policy_loss', 'bench/latency'];
    const maximised = ['test/auc/income', 'test/ndcg@10/click', 'test/hypervolume', 'test/success', 'test/bleu', 'test/constraint/entity'];
    expect(minimised.map(metricDirection)).toEqual(minimised.map(() => 'min'));
    expect(maximised.map(metricDirection)).toEqual(maximised.map(() => 'max'));
  });
});

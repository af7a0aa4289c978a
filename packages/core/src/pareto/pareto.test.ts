import { describe, expect, it } from 'vitest';
import { dominates, nonDominatedSort, paretoFront } from './dominance';
import { cardinality, expectedUtility, sparsity } from './front-metrics';
import { hypervolume } from './hypervolume';
import { simplexGrid } from './simplex-grid';

describe('dominance and non-dominated sorting (maximisation)', () => {
  const points = [
    [1, 5],
    [2, 4],
    [3, 3],
    [2, 2],
    [1, 1],
    [3, 3],
    [1, 4],
  ];

  it('dominates needs at least as good everywhere and better somewhere', () => {
    expect(dominates([2, 2], [1, 2])).toBe(true);
    expect(dominates([2, 2], [2, 2])).toBe(false);
    expect(dominates([3, 1], [1, 3])).toBe(false);
    expect(() => dominates([1], [1, 2])).toThrow(/1 and 2 objectives/);
  });

  it('sorts into fronts by hand: duplicates share a front', () => {
    expect(nonDominatedSort(points)).toEqual([[0, 1, 2, 5], [3, 6], [4]]);
    expect(paretoFront(points)).toEqual([0, 1, 2, 5]);
    expect(nonDominatedSort([])).toEqual([]);
  });
});

describe('hypervolume', () => {
  it('2-D: union of the staircase rectangles', () => {
    // [0,3]x[0,1] + [0,2]x[1,2] + [0,1]x[2,3] = 3 + 2 + 1; (1, 1) is dominated and (5, -1) is below the reference.
    expect(hypervolume([[3, 1], [2, 2], [1, 3], [1, 1], [5, -1]], [0, 0])).toBe(6);
    expect(hypervolume([[3, 1]], [1, 0.5])).toBe(1);
    expect(hypervolume([], [0, 0])).toBe(0);
  });

  it('3-D: inclusion-exclusion by hand', () => {
    // Three boxes of volume 2 that overlap pairwise (and all three) in the unit cube: 6 - 3 + 1.
    expect(hypervolume([[2, 1, 1], [1, 2, 1], [1, 1, 2]], [0, 0, 0])).toBeCloseTo(4, 12);
    // 6 + 4 - 1 (their common unit cube).
    expect(hypervolume([[3, 2, 1], [1, 1, 4]], [0, 0, 0])).toBeCloseTo(9, 12);
    expect(hypervolume([[3, 2, 1], [1, 1, 4]], [1, 0, 0])).toBeCloseTo(4, 12);
  });

  it('4 objectives: seeded Monte Carlo close to inclusion-exclusion, repeatable', () => {
    const front = [[2, 1, 1, 1], [1, 1, 1, 2]];
    const estimate = hypervolume(front, [0, 0, 0, 0], { seed: 3 });
    expect(Math.abs(estimate - 3)).toBeLessThan(0.05);
    expect(hypervolume(front, [0, 0, 0, 0], { seed: 3 })).toBe(estimate);
    expect(() => hypervolume([[1, 2]], [0, 0, 0])).toThrow(/2 objectives, the reference 3/);
  });
});

describe('simplexGrid', () => {
  it('lists the equally spaced weights', () => {
    expect(simplexGrid(3, 2)).toEqual([[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]]);
    expect(simplexGrid(4, 10)).toHaveLength(286);
    expect(simplexGrid(1, 3)).toEqual([[1]]);
    expect(() => simplexGrid(0, 3)).toThrow(/m must be a positive integer/);
  });
});

describe('front metrics', () => {
  it('expected utility averages the best linear utility over the weight grid', () => {
    // Weights (1,0), (.5,.5), (0,1): best utilities 1, .5, 1; a balanced point lifts the middle one to .6.
    expect(expectedUtility([[1, 0], [0, 1]], 2)).toBeCloseTo(2.5 / 3, 12);
    expect(expectedUtility([[1, 0], [0, 1], [0.6, 0.6]], 2)).toBeCloseTo(2.6 / 3, 12);
    expect(expectedUtility([])).toBeNaN();
  });

  it('sparsity sums squared gaps per objective over (points - 1)', () => {
    // Each objective sorts to 0, 1, 3: gaps 1 and 2 -> 5 per objective, 10 / 2.
    expect(sparsity([[0, 3], [1, 1], [3, 0]])).toBe(5);
    expect(sparsity([[1, 1]])).toBe(0);
  });

  it('cardinality counts distinct non-dominated points', () => {
    expect(cardinality([[1, 2], [1, 2], [2, 1], [0, 0]])).toBe(2);
    expect(cardinality([])).toBe(0);
  });
});

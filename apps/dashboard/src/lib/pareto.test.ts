import { describe, expect, it } from 'vitest';

import { frontOutline, paretoAnalysis } from './pareto';

const runs: { id: string; final: Record<string, number> }[] = [
  { id: 'a', final: { auc: 0.9, loss: 0.5 } },
  { id: 'b', final: { auc: 0.8, loss: 0.2 } },
  { id: 'c', final: { auc: 0.7, loss: 0.6 } }, // dominated by a and b
  { id: 'd', final: { auc: 0.95 } }, // no loss: left out
];

describe('paretoAnalysis', () => {
  it('ranks runs over a maximised and a minimised metric and computes the hypervolume against the reference', () => {
    const result = paretoAnalysis(runs, (r) => r.final, [
      { metric: 'auc', direction: 'max' },
      { metric: 'loss', direction: 'min' },
    ], [0.6, 1]);
    expect(result.points.map((p) => [p.item.id, p.rank])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 1],
    ]);
    // In maximised form: a = (0.9, -0.5), b = (0.8, -0.2), reference (0.6, -1):
    // b's box 0.2 * 0.8 = 0.16, plus a's extra strip (0.9 - 0.8) * 0.5 = 0.05.
    expect(result.hypervolume).toBeCloseTo(0.21);
    expect(result.reference).toEqual([0.6, 1]);
  });

  it('puts the default reference 10% of the range beyond the worst value of each metric', () => {
    const result = paretoAnalysis(runs, (r) => r.final, [
      { metric: 'auc', direction: 'max' },
      { metric: 'loss', direction: 'min' },
    ]);
    expect(result.reference[0]).toBeCloseTo(0.68);
    expect(result.reference[1]).toBeCloseTo(0.64);
    expect(result.hypervolume).toBeGreaterThan(0);
  });
});

describe('frontOutline', () => {
  const front: [number, number][] = [[0.5, 0.6], [0.1, 0.9], [0.9, 0.1]];
  it('turns down first when x is maximised: no corner beyond what the points dominate', () => {
    expect(frontOutline(front, 'max')).toEqual([[0.1, 0.9], [0.1, 0.6], [0.5, 0.6], [0.5, 0.1], [0.9, 0.1]]);
  });
  it('turns across first when x is minimised', () => {
    expect(frontOutline([[0.1, 0.1], [0.5, 0.6]], 'min')).toEqual([[0.1, 0.1], [0.5, 0.1], [0.5, 0.6]]);
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeFront, sweepFront } from './sweep';

describe('sweepFront and summarizeFront', () => {
  it('evaluates every preference and keeps the non-dominated outcomes', async () => {
    // A policy that, for preference w, reaches the point sqrt(w) on the quarter circle, except at
    // the balanced preference where it collapses to (0.1, 0.1) (dominated).
    const swept = await sweepFront(2, 4, (w) => (w[0] === 0.5 ? [0.1, 0.1] : w.map(Math.sqrt)));
    expect(swept.preferences).toEqual([[1, 0], [0.75, 0.25], [0.5, 0.5], [0.25, 0.75], [0, 1]]);
    expect(swept.points[2]).toEqual([0.1, 0.1]);
    expect(swept.front).toEqual([0, 1, 3, 4]);
  });

  it('summarises a hand-checked front', () => {
    const points = [[3, 1], [2, 2], [1, 3], [1, 1]];
    const summary = summarizeFront(points, [0, 0], 2);
    expect(summary.hypervolume).toBe(6);
    // Weights (1,0), (.5,.5), (0,1): best utilities 3, 2, 3.
    expect(summary.expectedUtility).toBeCloseTo(8 / 3, 12);
    // Front (3,1), (2,2), (1,3): each objective 1,2,3 -> gaps 1 + 1 per objective, 4 / 2.
    expect(summary.sparsity).toBe(2);
    expect(summary.cardinality).toBe(3);
  });
});

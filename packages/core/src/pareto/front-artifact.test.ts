import { describe, expect, it } from 'vitest';
import { frontArtifact } from './front-artifact';
import { sweepFront } from './sweep';

describe('frontArtifact', () => {
  it('marks non-dominated points, carries the summary, and survives JSON', async () => {
    const swept = await sweepFront(2, 2, (w) => (w[0] === 0.5 ? [0.5, 0.5] : [1 + w[0]! * 2, 1 + w[1]! * 2]));
    const artifact = frontArtifact(['ndcg@10/click', 'ndcg@10/long_view'], swept, [0, 0], 2);
    expect(artifact.points.map((p) => p.nonDominated)).toEqual([true, false, true]);
    expect(artifact.points[1]).toEqual({ preference: [0.5, 0.5], values: [0.5, 0.5], nonDominated: false });
    // (3, 1) and (1, 3) dominate (0.5, 0.5): staircase area 3 * 1 + 1 * 2.
    expect(artifact.summary.hypervolume).toBe(5);
    expect(artifact.summary.cardinality).toBe(2);
    expect(JSON.parse(JSON.stringify(artifact))).toEqual(artifact);
    expect(() => frontArtifact(['click'], swept, [0, 0])).toThrow(/must have 1 objectives/);
  });
});

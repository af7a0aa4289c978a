import { describe, expect, it } from 'vitest';

import { emaSmooth } from './smoothing';

describe('emaSmooth', () => {
  it('leaves values alone at weight 0 and starts at the first value (no bias toward 0)', () => {
    expect(emaSmooth([1, 5, 3], 0)).toEqual([1, 5, 3]);
    const smoothed = emaSmooth([10, 0, 0], 0.5);
    expect(smoothed[0]).toBe(10);
    // (0.5*10*0.5 + 0.5*0) / (1 - 0.25) = 2.5 / 0.75
    expect(smoothed[1]).toBeCloseTo(10 / 3);
  });

  it('flattens noise more as the weight grows, and skips NaN without poisoning later points', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const spread = (xs: number[]) => Math.max(...xs.slice(100)) - Math.min(...xs.slice(100));
    expect(spread(emaSmooth(noisy, 0.9))).toBeLessThan(spread(emaSmooth(noisy, 0.5)));
    const withNaN = emaSmooth([1, Number.NaN, 1], 0.6);
    expect(withNaN[1]).toBeNaN();
    expect(withNaN[2]).toBeCloseTo(1);
  });
});

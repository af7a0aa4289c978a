import { describe, expect, test } from 'vitest';

import { MetricBuffer } from './metric-buffer.ts';

describe('MetricBuffer', () => {
  test('take hands out at most max points as columns, oldest first, and keeps the rest', () => {
    const buffer = new MetricBuffer();
    for (let step = 0; step < 3; step++) {
      buffer.add('train/loss', step, 1 / (step + 1), 1000 + step);
      buffer.add('train/acc', step, step / 3, 1000 + step);
    }
    expect(buffer.size).toBe(6);
    expect(buffer.take(4)).toEqual([
      { key: 'train/loss', steps: [0, 1, 2], values: [1, 0.5, 1 / 3], times: [1000, 1001, 1002] },
      { key: 'train/acc', steps: [0], values: [0], times: [1000] },
    ]);
    expect(buffer.size).toBe(2);
    expect(buffer.take(10)).toEqual([{ key: 'train/acc', steps: [1, 2], values: [1 / 3, 2 / 3], times: [1001, 1002] }]);
    expect(buffer.size).toBe(0);
    expect(buffer.take(10)).toEqual([]);
  });
});

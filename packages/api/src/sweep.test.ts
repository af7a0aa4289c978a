import { algorithms, parseSpec, SpecError } from '@tradeoff/experiments';
import { describe, expect, test } from 'vitest';

import { expandSweep, sweepSize } from './sweep.ts';

const mmoe = algorithms.find((a) => a.name === 'mmoe')!;

describe('expandSweep', () => {
  test('a spec without sweep is one run with its own seed', () => {
    const spec = parseSpec({ ...mmoe.exampleSpec, seed: 7 });
    const points = expandSweep(spec);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ index: 0, seed: 7, params: {} });
    expect(points[0]!.spec.sweep).toBeUndefined();
  });

  test('one run per grid point and seed, the last key and then the seed varying fastest', () => {
    const spec = parseSpec({
      ...mmoe.exampleSpec,
      sweep: { grid: { experts: [2, 4], learningRate: [0.01, 0.001] }, seeds: [1, 2] },
    });
    const points = expandSweep(spec);
    expect(sweepSize(spec)).toBe(8);
    expect(points.map((p) => [p.index, p.spec.hyper.experts, p.spec.hyper.learningRate, p.seed])).toEqual([
      [0, 2, 0.01, 1],
      [1, 2, 0.01, 2],
      [2, 2, 0.001, 1],
      [3, 2, 0.001, 2],
      [4, 4, 0.01, 1],
      [5, 4, 0.01, 2],
      [6, 4, 0.001, 1],
      [7, 4, 0.001, 2],
    ]);
    // Every point keeps the other hyperparameters and is a concrete spec.
    for (const point of points) {
      expect(point.spec.hyper.epochs).toBe(spec.hyper.epochs);
      expect(point.spec.seed).toBe(point.seed);
      expect(point.spec.sweep).toBeUndefined();
    }
  });

  test('a bad sweep value is a SpecError naming the field', () => {
    expect(() => parseSpec({ ...mmoe.exampleSpec, sweep: { grid: { experts: [2, 'many'] } } })).toThrow(SpecError);
    expect(() => parseSpec({ ...mmoe.exampleSpec, sweep: { grid: { experts: [2, 'many'] } } })).toThrow(/sweep\.grid\.experts\[1\]/);
  });
});

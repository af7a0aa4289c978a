import { describe, expect, it } from 'vitest';

import { parseSeeds, parseSweepValues, sweepRunCount } from './sweep-grid';

describe('sweep editor parsing', () => {
  it('parses numeric, boolean and text values', () => {
    expect(parseSweepValues('0.01, 0.001,', true)).toEqual([0.01, 0.001]);
    expect(parseSweepValues('true,false', false)).toEqual([true, false]);
    expect(parseSweepValues('adam, sgd', false)).toEqual(['adam', 'sgd']);
    expect(parseSweepValues('1, x', true)).toEqual([1, 'x']);
  });

  it('parses seed lists and ranges, reporting what it cannot read', () => {
    expect(parseSeeds('0, 1, 1, 5-7')).toEqual({ seeds: [0, 1, 5, 6, 7], invalid: [] });
    expect(parseSeeds('a, -1, 3')).toEqual({ seeds: [3], invalid: ['a', '-1'] });
  });

  it('counts the runs of a grid and its seeds', () => {
    expect(sweepRunCount({ lr: [1, 2, 3], experts: [2, 4] }, [0, 1])).toBe(12);
    expect(sweepRunCount({}, [])).toBe(1);
  });
});

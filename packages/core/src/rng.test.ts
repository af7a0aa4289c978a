import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('repeats for the same seed parts and differs for others', () => {
    const a = new Rng(7, 1).permutation(50);
    expect(new Rng(7, 1).permutation(50)).toEqual(a);
    expect(new Rng(7, 2).permutation(50)).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
  });

  it('resumes from its saved state', () => {
    const rng = new Rng(3);
    rng.next();
    const copy = Rng.fromState(rng.state());
    expect([copy.next(), copy.next()]).toEqual([rng.next(), rng.next()]);
  });

  it('draws uniform and normal values with the right moments', () => {
    const rng = new Rng(11);
    const u = Array.from({ length: 20000 }, () => rng.next());
    const z = Array.from({ length: 20000 }, () => rng.normal());
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(u)).toBeCloseTo(0.5, 1);
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(mean(z.map((x) => x * x))).toBeCloseTo(1, 1);
  });
});

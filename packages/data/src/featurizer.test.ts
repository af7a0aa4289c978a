import { describe, expect, it } from 'vitest';
import { fitFeaturizer, transformTable } from './featurizer';
import type { MultiTaskTable } from './table';

function table(ages: number[], colours: string[], gains: number[]): MultiTaskTable {
  return {
    source: 'hand.csv',
    synthetic: false,
    features: [
      { name: 'age', kind: 'numeric' },
      { name: 'colour', kind: 'categorical' },
      { name: 'gain', kind: 'numeric', transform: 'log1p' },
    ],
    columns: [Float64Array.from(ages), colours, Float64Array.from(gains)],
    tasks: ['t1', 't2'],
    labels: [Uint8Array.from(ages.map((a) => (a > 30 ? 1 : 0))), Uint8Array.from(colours.map((c) => (c === 'red' ? 1 : 0)))],
    rows: ages.length,
    skipped: 0,
  };
}

describe('featurizer', () => {
  const train = table([20, 30, 40], ['red', 'blue', 'red'], [0, Math.E - 1, 0]);
  const state = fitFeaturizer(train);

  it('standardises numbers with training statistics and one-hot encodes the training vocabulary', () => {
    expect(state.dim).toBe(1 + 2 + 1);
    expect(state.features[0]).toMatchObject({ name: 'age', kind: 'numeric', mean: 30 });
    expect((state.features[0] as { std: number }).std).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(state.features[1]).toEqual({ name: 'colour', kind: 'categorical', vocab: ['blue', 'red'] });
    expect(state.features[2]).toMatchObject({ transform: 'log1p', mean: 1 / 3 });

    const m = transformTable(state, train);
    const s = Math.sqrt(200 / 3);
    const g = Math.sqrt(2 / 9);
    const expected = [
      [-10 / s, 0, 1, -1 / 3 / g],
      [0, 1, 0, 2 / 3 / g],
      [10 / s, 0, 1, -1 / 3 / g],
    ];
    expected.flat().forEach((v, i) => {
      expect(m.x[i]).toBeCloseTo(v, 5);
    });
    expect([...m.y]).toEqual([0, 1, 0, 0, 1, 1]);
  });

  it('reproduces the same features from its JSON on another file; unseen categories are all zeros', () => {
    const other = table([50], ['green'], [0]);
    const restored = JSON.parse(JSON.stringify(state));
    const m = transformTable(restored, other);
    expect(m.rows).toBe(1);
    expect([...m.x.subarray(1, 3)]).toEqual([0, 0]);
    expect(m.x[0]).toBeCloseTo(20 / Math.sqrt(200 / 3), 5);
    expect(transformTable(restored, train).x).toEqual(transformTable(state, train).x);
  });

  it('refuses a table with other columns or tasks', () => {
    const renamed = { ...train, features: train.features.map((f, j) => (j === 0 ? { ...f, name: 'years' } : f)) };
    expect(() => transformTable(state, renamed)).toThrow(/hand\.csv: its columns do not match/);
    expect(() => transformTable(state, { ...train, tasks: ['x', 'y'] })).toThrow(/tasks x,y do not match the model's t1,t2/);
  });
});

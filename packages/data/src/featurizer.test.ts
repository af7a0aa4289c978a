import { describe, expect, it } from 'vitest';
import { DictionaryBuilder } from './dictionary';
import { fitFeaturizer, taskLabels, transformTable } from './featurizer';
import type { MultiTaskTable } from './table';

function table(ages: number[], colours: string[], gains: number[], cities: string[], minutes: number[]): MultiTaskTable {
  const encode = (values: string[]) => {
    const builder = new DictionaryBuilder();
    return builder.column(values.map((v) => builder.code(v)));
  };
  return {
    source: 'hand.csv',
    synthetic: false,
    features: [
      { name: 'age', kind: 'numeric' },
      { name: 'colour', kind: 'categorical' },
      { name: 'gain', kind: 'numeric', transform: 'log1p' },
      { name: 'city', kind: 'categorical', state: true },
    ],
    columns: [Float64Array.from(ages), encode(colours), Float64Array.from(gains), encode(cities)],
    tasks: [
      { name: 'old', type: 'binary' },
      { name: 'minutes', type: 'regression' },
    ],
    labels: [Float32Array.from(ages.map((a) => (a > 30 ? 1 : 0))), Float32Array.from(minutes)],
    rows: ages.length,
    skipped: 0,
  };
}

describe('featurizer', () => {
  const train = table([20, 30, 40, Number.NaN], ['red', 'blue', 'red', ''], [0, Math.E - 1, 0, 0], ['a', 'a', 'b', 'a'], [1, 3, Number.NaN, 5]);
  const state = fitFeaturizer(train);

  it('standardises numbers (missing -> the mean) and maps categories to rows of one embedding table, state first', () => {
    expect(state.numeric.map((f) => f.name)).toEqual(['age', 'gain']);
    expect(state.numeric[0]).toMatchObject({ mean: 30 });
    expect(state.numeric[0]!.std).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(state.numeric[1]).toMatchObject({ transform: 'log1p', mean: 1 / 4 });
    // The state feature city comes first; each feature has an OOV row before its vocabulary.
    expect(state.categorical).toEqual([
      { name: 'city', vocab: ['a', 'b'], state: true },
      { name: 'colour', vocab: ['blue', 'red'] },
    ]);
    expect(state.vocabSize).toBe(3 + 3);
    expect([state.stateNumeric, state.stateCategorical]).toEqual([0, 1]);
    expect(state.tasks).toEqual([
      { name: 'old', type: 'binary' },
      { name: 'minutes', type: 'regression', mean: 3, std: expect.closeTo(Math.sqrt(8 / 3), 12) },
    ]);

    const m = transformTable(state, train);
    expect([m.numericDim, m.fields]).toEqual([2, 2]);
    const s = Math.sqrt(200 / 3);
    const g = Math.sqrt(3 / 16);
    [
      [-10 / s, -1 / 4 / g],
      [0, 3 / 4 / g],
      [10 / s, -1 / 4 / g],
      [0, -1 / 4 / g],
    ]
      .flat()
      .forEach((v, i) => {
        expect(m.numeric[i]).toBeCloseTo(v, 5);
      });
    // city a -> 1, b -> 2; colour OOV -> 3, blue -> 4, red -> 5 (a missing colour is OOV).
    expect([...m.categorical]).toEqual([1, 5, 1, 4, 2, 5, 1, 3]);
    const sd = Math.sqrt(8 / 3);
    [0, -2 / sd, 0, 0, 1, 0, 0, 2 / sd].forEach((v, i) => {
      expect(m.labels[i]).toBeCloseTo(v, 6);
    });
    expect([...m.mask]).toEqual([1, 1, 1, 1, 1, 0, 1, 1]);
    const minutes = taskLabels(m, 1);
    expect([...minutes.rows]).toEqual([0, 1, 3]);
    [1, 3, 5].forEach((v, i) => {
      expect(minutes.values[i]).toBeCloseTo(v, 5);
    });
  });

  it('reproduces the same inputs from its JSON on another file; unseen and rare categories share the OOV row', () => {
    const other = table([50], ['green'], [0], ['b'], [2]);
    const restored = JSON.parse(JSON.stringify(state));
    const m = transformTable(restored, other);
    expect([...m.categorical]).toEqual([2, 3]);
    expect(m.numeric[0]).toBeCloseTo(20 / Math.sqrt(200 / 3), 5);
    expect(transformTable(restored, train)).toEqual(transformTable(state, train));
    const rare = fitFeaturizer(train, { minCount: 2, tasks: ['minutes'] });
    expect(rare.categorical.map((f) => f.vocab)).toEqual([['a'], ['red']]);
    expect(rare.tasks.map((t) => t.name)).toEqual(['minutes']);
  });

  it('refuses a table without a trained column or task', () => {
    const renamed = { ...train, features: train.features.map((f, j) => (j === 0 ? { ...f, name: 'years' } : f)) };
    expect(() => transformTable(state, renamed)).toThrow(/hand\.csv: no numeric column age/);
    expect(() => transformTable(state, { ...train, tasks: [{ name: 'x', type: 'binary' }, { name: 'y', type: 'binary' }] })).toThrow(/no task old/);
    expect(() => fitFeaturizer(train, { tasks: ['clicks'] })).toThrow(/no task clicks \(tasks: old, minutes\)/);
  });
});

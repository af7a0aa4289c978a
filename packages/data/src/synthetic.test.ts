import { auc } from '@tradeoff/core';
import { describe, expect, it } from 'vitest';
import { fitFeaturizer, transformTable } from './featurizer';
import { generateSyntheticMultitask, SYNTHETIC_TASKS } from './synthetic';
import { positiveRates } from './table';

describe('generateSyntheticMultitask', () => {
  const table = generateSyntheticMultitask({ rows: 5000, seed: 1 });

  it('is labelled synthetic, seeded, and shaped like the census reader output', () => {
    expect(table.synthetic).toBe(true);
    expect(table.source).toBe('synthetic');
    expect(table.tasks.map((t) => t.name)).toEqual([...SYNTHETIC_TASKS]);
    expect(table.columns).toHaveLength(table.features.length);
    expect(table.features.some((f) => f.kind === 'categorical')).toBe(true);
    expect(generateSyntheticMultitask({ rows: 5000, seed: 1 })).toEqual(table);
    expect(generateSyntheticMultitask({ rows: 5000, seed: 2 }).labels).not.toEqual(table.labels);
    const state = fitFeaturizer(table);
    const m = transformTable(state, table);
    expect(m.numeric.every(Number.isFinite)).toBe(true);
    expect(m.categorical.every((v) => v > 0 && v < state.vocabSize)).toBe(true);
  });

  it('has two non-trivial tasks with learnable, partly shared signal', () => {
    for (const rate of Object.values(positiveRates(table))) {
      expect(rate).toBeGreaterThan(0.15);
      expect(rate).toBeLessThan(0.85);
    }
    const x = (j: number) => table.columns[j] as Float64Array;
    // Task b carries an interaction of x0 and x1: a good single score for it, useless for task a.
    const interaction = Array.from(x(0), (v, i) => v * x(1)[i]!);
    expect(auc(interaction, table.labels[1]!)).toBeGreaterThan(0.6);
    expect(Math.abs(auc(interaction, table.labels[0]!) - 0.5)).toBeLessThan(0.05);
    expect(() => generateSyntheticMultitask({ rows: 0, seed: 1 })).toThrow(/positive integer/);
  });
});

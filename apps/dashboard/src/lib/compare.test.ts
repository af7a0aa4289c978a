import { describe, expect, it } from 'vitest';

import { compareRows } from './compare';

describe('compareRows', () => {
  it('lists hyperparameters then metrics, flagging those that differ or are missing in a run', () => {
    const rows = compareRows([
      { hyper: { lr: 0.01, experts: 4, weights: { a: 1 } }, final: { auc: 0.9 } },
      { hyper: { lr: 0.001, experts: 4, weights: { a: 1 } }, final: null },
    ]);
    expect(rows.map((r) => [r.group, r.name, r.differs])).toEqual([
      ['hyper', 'experts', false],
      ['hyper', 'lr', true],
      ['hyper', 'weights', false],
      ['metric', 'auc', true],
    ]);
    expect(rows[3]!.values).toEqual([0.9, undefined]);
  });
});

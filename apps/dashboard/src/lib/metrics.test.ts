import { describe, expect, test } from 'vitest';

import { groupKeys, lineName, orderMetricKeys } from './metrics';

test('final metric keys: test first, then alphabetical, without duplicates', () => {
  expect(orderMetricKeys(['valid/auc/income', 'test/auc/never_married', 'test/auc/income', 'test/auc/income'])).toEqual([
    'test/auc/income',
    'test/auc/never_married',
    'valid/auc/income',
  ]);
});

describe('groupKeys', () => {
  test('groups keys per <split>/<metric>, train first, and names lines by objective', () => {
    expect(groupKeys(['test/auc/b', 'train/loss', 'valid/auc/b', 'valid/auc/a'])).toEqual([
      { title: 'train/loss', keys: ['train/loss'] },
      { title: 'valid/auc', keys: ['valid/auc/a', 'valid/auc/b'] },
      { title: 'test/auc', keys: ['test/auc/b'] },
    ]);
    expect(lineName('valid/auc/a')).toBe('a');
  });
});

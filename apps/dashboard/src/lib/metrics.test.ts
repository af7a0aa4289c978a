import { describe, expect, test } from 'vitest';

import { chartGroups, meanStd, orderMetricKeys } from './metrics';

const curve = (n: number) => Array.from({ length: n }, (_, step) => ({ step, value: step / n }));

describe('chartGroups', () => {
  test('one chart per split/metric, one line per objective; single-value keys are left out', () => {
    const groups = chartGroups([
      {
        runIndex: 0,
        series: [
          { key: 'valid/auc/income', points: curve(5) },
          { key: 'train/loss', points: curve(10) },
          { key: 'valid/auc/never_married', points: curve(5) },
          { key: 'test/auc/income', points: curve(1) },
        ],
      },
    ]);
    expect(groups.map((g) => [g.title, g.lines.map((l) => l.name)])).toEqual([
      ['train/loss', ['loss']],
      ['valid/auc', ['income', 'never_married']],
    ]);
  });

  test('lines are labelled by run when there are several runs', () => {
    const groups = chartGroups([
      { runIndex: 0, series: [{ key: 'train/loss', points: curve(3) }] },
      { runIndex: 1, series: [{ key: 'train/loss', points: curve(3) }] },
    ]);
    expect(groups[0]?.lines.map((l) => l.name)).toEqual(['loss · run 0', 'loss · run 1']);
  });
});

test('final metric keys: test first, then alphabetical, without duplicates', () => {
  expect(orderMetricKeys(['valid/auc/income', 'test/auc/never_married', 'test/auc/income', 'test/auc/income'])).toEqual([
    'test/auc/income',
    'test/auc/never_married',
    'valid/auc/income',
  ]);
});

test('meanStd uses the sample standard deviation', () => {
  expect(meanStd([1, 3])).toEqual({ mean: 2, std: Math.SQRT2 });
  expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
});

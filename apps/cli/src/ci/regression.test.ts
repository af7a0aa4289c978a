import { describe, expect, test } from 'vitest';

import { checkRegressions, parseTolerance } from './regression.ts';

describe('regressions against a baseline', () => {
  test('worse by more than the tolerance fails, in the metric\'s own direction; better always passes', () => {
    const baseline = { runId: 'base', final: { 'test/auc/income': 0.95, 'test/logloss/income': 0.2, 'test/auc/click': 0.7 } };
    const checks = checkRegressions({ 'test/auc/income': 0.945, 'test/logloss/income': 0.22, 'test/auc/click': 0.8 }, baseline, parseTolerance('0.01'));
    expect(checks.map((c) => [c.metric, c.passed])).toEqual([
      ['test/auc/click', true],
      ['test/auc/income', true],
      ['test/logloss/income', false],
    ]);
    expect(checks[2]?.message).toMatch(/test\/logloss\/income = 0.22 regressed from the baseline's 0.2 by more than 0.01 \(lower is better\)/);
    expect(checks[1]?.expected).toBe('>= 0.94 (baseline 0.95 - 0.01)');
  });

  test('a relative tolerance scales with the baseline; a metric missing from the run fails', () => {
    const baseline = { runId: 'base', final: { 'test/auc/income': 0.9, 'test/bleu': 0.2 } };
    const checks = checkRegressions({ 'test/auc/income': 0.885 }, baseline, parseTolerance('2%'));
    expect(checks.map((c) => [c.metric, c.passed])).toEqual([
      ['test/auc/income', true],
      ['test/bleu', false],
    ]);
    expect(checks[1]?.message).toBe('the run has no final metric test/bleu');
    expect(checkRegressions({ 'test/auc/income': 0.87 }, { runId: 'b', final: { 'test/auc/income': 0.9 } }, parseTolerance('2%'))[0]?.passed).toBe(false);
  });

  test('a tolerance must be a non-negative number or percentage', () => {
    expect(parseTolerance('0')).toEqual({ kind: 'absolute', value: 0 });
    expect(() => parseTolerance('-1')).toThrow(/--tolerance "-1": expected a number >= 0/);
    expect(() => parseTolerance('a%')).toThrow(/--tolerance "a%"/);
  });
});

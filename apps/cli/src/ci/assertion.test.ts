import { describe, expect, test } from 'vitest';

import { CliError } from '../cli-error.ts';
import { checkAssertion, parseAssertion } from './assertion.ts';

describe('assertions', () => {
  test('parse every operator, with spaces, and check against final metrics', () => {
    const final = { 'test/auc/income': 0.94, 'test/logloss/income': 0.2 };
    const verdicts = ['test/auc/income>=0.94', 'test/auc/income > 0.95', 'test/logloss/income<0.3', 'test/logloss/income <= 0.1', 'test/auc/income==0.94'].map(
      (text) => checkAssertion(parseAssertion(text), final).passed,
    );
    expect(verdicts).toEqual([true, false, true, false, true]);
    expect(parseAssertion(' test/ndcg@10/click >= 1e-2 ')).toMatchObject({ metric: 'test/ndcg@10/click', op: '>=', value: 0.01 });
  });

  test('a metric the run lacks fails, listing what it has', () => {
    const check = checkAssertion(parseAssertion('test/auc/click>=0.7'), { 'test/auc/income': 0.9 });
    expect(check).toMatchObject({ passed: false, message: 'the run has no final metric test/auc/click (it has: test/auc/income)' });
  });

  test.each([
    ['test/auc=>0.9', /--assert "test\/auc=>0.9": expected <metric><op><value>/],
    ['test/auc>=high', /--assert "test\/auc>=high": "high" is not a number/],
    ['>=0.9', /expected <metric><op><value>/],
  ])('%s is bad input naming the argument', (text, message) => {
    const error = (() => {
      try {
        parseAssertion(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(message);
  });
});

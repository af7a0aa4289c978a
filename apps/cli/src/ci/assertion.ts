import { CliError, EXIT } from '../cli-error.ts';
import type { Check } from './check.ts';

export const OPERATORS = ['>=', '<=', '==', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Assertion {
  /** As given on the command line, for messages. */
  text: string;
  metric: string;
  op: Operator;
  value: number;
}

const PATTERN = /^\s*([\w@.-]+(?:\/[\w@.-]+)*)\s*(>=|<=|==|>|<)\s*(\S+)\s*$/;

/** `test/auc/income>=0.93`; anything else is bad input naming the argument. */
export function parseAssertion(text: string): Assertion {
  const match = PATTERN.exec(text);
  if (!match) {
    throw new CliError(`--assert "${text}": expected <metric><op><value> with op one of ${OPERATORS.join(' ')}, e.g. "test/auc/income>=0.93"`, EXIT.badInput);
  }
  const [, metric, op, raw] = match as unknown as [string, string, Operator, string];
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new CliError(`--assert "${text}": "${raw}" is not a number`, EXIT.badInput);
  return { text, metric, op, value };
}

/** `==` on measured floats allows for the last digits of rounding. */
const nearlyEqual = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function holds(actual: number, op: Operator, expected: number): boolean {
  switch (op) {
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '==':
      return nearlyEqual(actual, expected);
  }
}

export function checkAssertion(assertion: Assertion, final: Record<string, number>): Check {
  const actual = final[assertion.metric];
  const base = { kind: 'assert' as const, name: assertion.text, metric: assertion.metric, expected: `${assertion.op} ${assertion.value}` };
  if (actual === undefined) {
    return { ...base, passed: false, message: `the run has no final metric ${assertion.metric} (it has: ${Object.keys(final).sort().join(', ') || 'none'})` };
  }
  const passed = holds(actual, assertion.op, assertion.value);
  return { ...base, actual, passed, message: passed ? undefined : `${assertion.metric} = ${actual}, expected ${assertion.op} ${assertion.value}` };
}

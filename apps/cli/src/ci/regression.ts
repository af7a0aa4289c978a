import { metricDirection } from '@tradeoff/core/pure';

import { CliError, EXIT } from '../cli-error.ts';
import type { Check } from './check.ts';

export type Tolerance = { kind: 'absolute' | 'relative'; value: number };

/** `0.01` (absolute) or `2%` (of the baseline's value). */
export function parseTolerance(text: string): Tolerance {
  const relative = text.trim().endsWith('%');
  const value = Number(relative ? text.trim().slice(0, -1) : text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new CliError(`--tolerance "${text}": expected a number >= 0 like 0.01, or a percentage like 2%`, EXIT.badInput);
  }
  return relative ? { kind: 'relative', value: value / 100 } : { kind: 'absolute', value };
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * Every final metric of the baseline run is compared: this run fails a metric when it is worse
 * than the baseline by more than the tolerance, or lacks it.
 */
export function checkRegressions(
  final: Record<string, number>,
  baseline: { runId: string; final: Record<string, number> },
  tolerance: Tolerance,
): Check[] {
  return Object.entries(baseline.final)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, base]) => {
      const lower = metricDirection(metric) === 'min';
      const allowed = tolerance.kind === 'absolute' ? tolerance.value : tolerance.value * Math.abs(base);
      const bound = lower ? base + allowed : base - allowed;
      const expected = `${lower ? '<=' : '>='} ${round(bound)} (baseline ${round(base)} ${lower ? '+' : '-'} ${round(allowed)})`;
      const name = `${metric} vs baseline ${baseline.runId}`;
      const actual = final[metric];
      if (actual === undefined) return { kind: 'regression', name, metric, expected, passed: false, message: `the run has no final metric ${metric}` };
      // A tiny slack so a tolerance of 0 passes an identical value computed again.
      const slack = 1e-12 * Math.max(1, Math.abs(base));
      const passed = lower ? actual <= bound + slack : actual >= bound - slack;
      const message = passed ? undefined : `${metric} = ${actual} regressed from the baseline's ${base} by more than ${round(allowed)} (${lower ? 'lower' : 'higher'} is better)`;
      return { kind: 'regression', name, metric, actual, expected, passed, message };
    });
}

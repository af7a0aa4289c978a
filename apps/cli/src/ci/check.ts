/** One line of the report: an assertion, a regression against the baseline, or the run itself. */
export interface Check {
  kind: 'run' | 'assert' | 'regression';
  /** What was checked, e.g. `test/auc/income>=0.93`. */
  name: string;
  metric?: string;
  actual?: number;
  /** The condition, e.g. `>= 0.93` or `>= 0.941 (baseline 0.951 - 0.01)`. */
  expected?: string;
  passed: boolean;
  /** Why it failed. */
  message?: string;
}

/** One row of a comparison table: a hyperparameter or final metric and each run's value. */
export interface CompareRow {
  group: 'hyper' | 'metric';
  name: string;
  values: unknown[];
  /** Not every run has the same value. */
  differs: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Rows for every hyperparameter and final metric of any of the runs, differing ones flagged. */
export function compareRows(runs: readonly { hyper: Record<string, unknown>; final: Record<string, number> | null }[]): CompareRow[] {
  const rows = (group: CompareRow['group'], pick: (run: (typeof runs)[number]) => Record<string, unknown>) => {
    const names = [...new Set(runs.flatMap((run) => Object.keys(pick(run))))].sort();
    return names.map((name) => {
      const values = runs.map((run) => pick(run)[name]);
      return { group, name, values, differs: values.some((v) => !same(v, values[0])) };
    });
  };
  return [...rows('hyper', (run) => run.hyper), ...rows('metric', (run) => run.final ?? {})];
}

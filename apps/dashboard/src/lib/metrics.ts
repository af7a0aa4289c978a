import type { ChartLine } from '~/components/metric-chart';

export interface RunSeries {
  runIndex: number;
  series: { key: string; points: { step: number; value: number }[] }[];
}

const SPLIT_ORDER = ['train', 'valid', 'test'];

/** `valid/auc/income` -> group `valid/auc`, line `income`; `train/loss` -> group `train/loss`. */
function splitKey(key: string): { group: string; line: string } {
  const parts = key.split('/');
  if (parts.length <= 2) return { group: key, line: parts[parts.length - 1] ?? key };
  return { group: parts.slice(0, 2).join('/'), line: parts.slice(2).join('/') };
}

/**
 * Groups every run's series into charts, one per `<split>/<metric>`, one line per objective and
 * run. Keys that are single end-of-run values (no curve) are left to the final-metrics view.
 */
export function chartGroups(runs: RunSeries[]): { title: string; lines: ChartLine[] }[] {
  const manyRuns = runs.length > 1;
  const groups = new Map<string, ChartLine[]>();
  for (const run of runs) {
    for (const series of run.series) {
      const { group, line } = splitKey(series.key);
      const name = manyRuns ? `${line} · run ${run.runIndex}` : line;
      groups.set(group, [...(groups.get(group) ?? []), { name, points: series.points }]);
    }
  }
  const rank = (title: string) => {
    const index = SPLIT_ORDER.indexOf(title.split('/')[0] ?? '');
    return index === -1 ? SPLIT_ORDER.length : index;
  };
  return [...groups.entries()]
    .filter(([, lines]) => lines.some((line) => line.points.length > 1))
    .map(([title, lines]) => ({ title, lines }))
    .sort((a, b) => rank(a.title) - rank(b.title) || a.title.localeCompare(b.title));
}

/** Final metric names in display order: test metrics first, then the rest, alphabetically. */
export function orderMetricKeys(keys: Iterable<string>): string[] {
  const unique = [...new Set(keys)];
  const isTest = (key: string) => (key.startsWith('test/') ? 0 : 1);
  return unique.sort((a, b) => isTest(a) - isTest(b) || a.localeCompare(b));
}

export function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

import { formatMetric } from '~/lib/format';
import { meanStd, orderMetricKeys } from '~/lib/metrics';
import type { RunRow } from '~/trpc/types';

/**
 * The experiment's results: each final metric of its finished runs, as the value of the single
 * run or the mean ± std over runs (seeds, sweep points).
 */
export function FinalMetrics({ runs }: { runs: RunRow[] }) {
  const finals = runs.flatMap((run) => (run.status === 'finished' && run.final ? [run.final] : []));
  if (finals.length === 0) {
    return (
      <p className="muted" data-testid="final-metrics-pending">
        Final metrics appear here when a run finishes.
      </p>
    );
  }
  const keys = orderMetricKeys(finals.flatMap((final) => Object.keys(final)));
  return (
    <div className="metrics-grid" data-testid="final-metrics">
      {keys.map((key) => {
        const values = finals.flatMap((final) => (final[key] === undefined ? [] : [final[key]]));
        const { mean, std } = meanStd(values);
        return (
          <div key={key} className="metric-tile">
            <div className="key">{key}</div>
            <div className="value" data-testid={`final-metric-${key}`} data-value={mean}>
              {formatMetric(mean)}
            </div>
            {values.length > 1 && (
              <div className="muted">
                ± {formatMetric(std)} over {values.length} runs
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

import { formatMetric } from '~/lib/format';
import { orderMetricKeys } from '~/lib/metrics';
import type { ExperimentDetail } from '~/trpc/types';

/**
 * The experiment's results: each final metric of its finished runs, as the value of the single
 * run or the mean ± std over runs (seeds, sweep points), aggregated by the server.
 */
export function FinalMetrics({ finals }: { finals: ExperimentDetail['finals'] }) {
  if (finals.length === 0) {
    return (
      <p className="muted" data-testid="final-metrics-pending">
        Final metrics appear here when a run finishes.
      </p>
    );
  }
  const byKey = new Map(finals.map((summary) => [summary.key, summary]));
  return (
    <div className="metrics-grid" data-testid="final-metrics">
      {orderMetricKeys([...byKey.keys()]).map((key) => {
        const { mean, std, runs } = byKey.get(key)!;
        return (
          <div key={key} className="metric-tile">
            <div className="key">{key}</div>
            <div className="value" data-testid={`final-metric-${key}`} data-value={mean}>
              {formatMetric(mean)}
            </div>
            {runs > 1 && (
              <div className="muted">
                ± {formatMetric(std)} over {runs} runs
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

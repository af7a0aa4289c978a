'use client';

import { formatDuration, formatMetric } from '~/lib/format';
import { orderMetricKeys } from '~/lib/metrics';
import { isActive } from '~/lib/status';
import type { RunRow } from '~/trpc/types';

import { StatusBadge } from './status-badge';

/** Columns of final metrics shown per run; the rest are in the experiment's results. */
const MAX_METRIC_COLUMNS = 3;

function duration(run: RunRow, now: number): string {
  if (!run.startedAt) return '—';
  const end = run.finishedAt?.getTime() ?? now;
  return formatDuration(end - run.startedAt.getTime());
}

export function RunsTable({
  runs,
  onCancel,
  onRetry,
  busy,
}: {
  runs: RunRow[];
  onCancel: (runId: string) => void;
  onRetry: (runId: string) => void;
  busy: boolean;
}) {
  const now = Date.now();
  const swept = Object.keys(runs[0]?.params ?? {});
  const metricKeys = orderMetricKeys(runs.flatMap((run) => Object.keys(run.final ?? {}))).slice(0, MAX_METRIC_COLUMNS);
  return (
    <div className="card flush scroll-x">
      <table className="table" data-testid="runs-table">
        <thead>
          <tr>
            <th>Run</th>
            {swept.length > 0 && <th>Sweep point</th>}
            <th>Status</th>
            <th className="num">Seed</th>
            <th>Progress</th>
            <th>Duration</th>
            {metricKeys.map((key) => (
              <th key={key} className="num metric-key">
                {key}
              </th>
            ))}
            <th>Worker</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
              <td className="mono" title={run.id}>
                #{run.index}
                {run.attempt > 1 && <div className="muted">attempt {run.attempt}</div>}
              </td>
              {swept.length > 0 && (
                <td className="mono" data-testid="run-params">
                  {swept.map((key) => `${key}=${JSON.stringify(run.params[key])}`).join(' ')}
                </td>
              )}
              <td>
                <StatusBadge status={run.status} testId="run-status" />
                {run.cancelRequested && run.status === 'running' && <div className="muted">cancelling…</div>}
                {run.error && (
                  <div className="error-text" title={run.error} data-testid="run-error">
                    {run.error}
                  </div>
                )}
              </td>
              <td className="num">{run.seed}</td>
              <td>
                <div className="progress-cell" data-testid="run-progress" data-progress={run.progress}>
                  <div className="progress">
                    <div style={{ width: `${Math.round(run.progress * 100)}%` }} />
                  </div>
                  <span className="label">
                    {Math.round(run.progress * 100)}%{run.progressLabel ? ` · ${run.progressLabel}` : ''}
                  </span>
                </div>
              </td>
              <td className="muted">{duration(run, now)}</td>
              {metricKeys.map((key) => {
                const value = run.final?.[key];
                return (
                  <td key={key} className="num mono" data-testid={`run-final-${key}`} data-value={value}>
                    {value === undefined ? '—' : formatMetric(value)}
                  </td>
                );
              })}
              <td className="mono muted">{run.workerId ?? '—'}</td>
              <td>
                {isActive(run.status) && !run.cancelRequested && (
                  <button type="button" className="btn small danger" data-testid="cancel-run" disabled={busy} onClick={() => onCancel(run.id)}>
                    Cancel
                  </button>
                )}
                {(run.status === 'failed' || run.status === 'cancelled') && (
                  <button type="button" className="btn small" data-testid="retry-run" disabled={busy} onClick={() => onRetry(run.id)}>
                    Retry
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

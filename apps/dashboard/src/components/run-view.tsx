'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { formatDateTime, formatDuration, formatMetric } from '~/lib/format';
import { formatJson } from '~/lib/format-json';
import { groupKeys, orderMetricKeys } from '~/lib/metrics';
import { IDLE_POLL_MS, isActive, LIVE_POLL_MS } from '~/lib/status';
import { useRefreshWhenSettled } from '~/lib/use-refresh-when-settled';
import { useTRPC } from '~/trpc/react';

import { ArtifactsList } from './artifacts-list';
import { ChartControls, DEFAULT_VIEW } from './chart-controls';
import { MetricPanel } from './metric-panel';
import { RunActions } from './run-actions';
import { EditableNotes, EditableTags } from './run-annotations';
import { StatusBadge } from './status-badge';

/** One run: live metric charts, final metrics, spec, log tail, error and artifacts. */
export function RunView({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(
    trpc.runs.get.queryOptions({ id }, { refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? LIVE_POLL_MS : IDLE_POLL_MS) }),
  );
  const live = run.data ? isActive(run.data.status) : false;
  useRefreshWhenSettled(live);
  const keys = useQuery(trpc.metrics.keys.queryOptions({ runIds: [id] }, { refetchInterval: live ? LIVE_POLL_MS : false }));
  const logs = useQuery(trpc.runs.logs.queryOptions({ id, limit: 200 }, { refetchInterval: live ? LIVE_POLL_MS : false }));
  const [view, setView] = useState(DEFAULT_VIEW);

  if (run.error) return <div className="error-box" data-testid="run-error-page">{run.error.message}</div>;
  if (!run.data) return <div className="card empty">Loading run…</div>;
  const r = run.data;
  const finalKeys = orderMetricKeys(Object.keys(r.final ?? {}));
  const ran = r.startedAt ? formatDuration((r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime()) : null;

  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href={`/experiments/${r.experiment.id}`}>{r.experiment.name}</Link> / run
          </div>
          <h1 data-testid="run-title">
            Run #{r.index} <span className="muted mono">{r.id}</span>
          </h1>
          <div className="subtitle">
            <StatusBadge status={r.status} testId="run-status" />
            <span className="mono">{r.experiment.algorithm}</span>
            <span>seed {r.seed}</span>
            {r.attempt > 1 && <span>attempt {r.attempt}</span>}
            {r.startedAt && <span title={formatDateTime(r.startedAt)}>ran {ran}</span>}
            {r.workerId && <span className="mono">on {r.workerId}</span>}
            {live && (
              <span data-testid="run-progress" data-progress={r.progress}>
                {Math.round(r.progress * 100)}%{r.progressLabel ? ` · ${r.progressLabel}` : ''}
              </span>
            )}
          </div>
          <div className="subtitle">
            <EditableTags runId={r.id} tags={r.tags} />
            <EditableNotes runId={r.id} notes={r.notes} />
          </div>
        </div>
        <div className="actions">
          <RunActions run={r} />
        </div>
      </div>

      {r.error && (
        <div className="error-box" data-testid="run-error">
          {r.error}
        </div>
      )}

      {finalKeys.length > 0 && (
        <section className="card">
          <h2>Final metrics</h2>
          <div className="metrics-grid" data-testid="run-final-metrics">
            {finalKeys.map((key) => (
              <div key={key} className="metric-tile" data-testid={`run-final-${key}`} data-value={r.final?.[key]}>
                <div className="key">{key}</div>
                <div className="value">{formatMetric(r.final![key]!)}</div>
              </div>
            ))}
          </div>
        </section>
      )}

      <section style={{ marginBottom: 20 }}>
        <div className="card-title">
          <h2>Metrics</h2>
          <ChartControls view={view} onChange={setView} />
        </div>
        {keys.data && keys.data.length === 0 && (
          <div className="card empty" data-testid="charts-empty">
            {live ? 'Waiting for the first metric points…' : 'No metric curves recorded.'}
          </div>
        )}
        <div className="charts" data-testid="run-charts">
          {groupKeys(keys.data ?? []).map((group) => (
            <MetricPanel key={group.title} title={group.title} keys={group.keys} sources={[{ runId: id, live }]} view={view} />
          ))}
        </div>
      </section>

      <section className="card">
        <h2>Artifacts</h2>
        <ArtifactsList runId={id} live={live} />
      </section>

      <section className="card">
        <h2>Log</h2>
        <pre className="log" data-testid="run-log">
          {(logs.data ?? []).map((line) => (
            <div key={line.id} className={`log-line ${line.level}`}>
              <span className="muted">{line.time.toISOString().slice(11, 19)}</span> <span className="log-level">{line.level}</span> {line.message}
            </div>
          ))}
          {logs.data?.length === 0 && <span className="muted">No log lines.</span>}
        </pre>
      </section>

      <details className="card">
        <summary>Spec</summary>
        <pre className="json" data-testid="run-spec">
          {formatJson(r.spec)}
        </pre>
      </details>
    </>
  );
}

'use client';

import { useMutation, useQuery } from '@tanstack/react-query';

import Link from 'next/link';

import { useCanEdit } from '~/components/user-menu-context';
import { formatDateTime, formatRelative } from '~/lib/format';
import { formatJson } from '~/lib/format-json';
import { IDLE_POLL_MS, isActive, LIVE_POLL_MS } from '~/lib/status';
import { useRefreshRuns } from '~/lib/use-refresh-runs';
import { useTRPC } from '~/trpc/react';

import { DatasetLabel } from './dataset-label';
import { FinalMetrics } from './final-metrics';
import { MAX_CHART_RUNS, MetricCharts } from './metric-charts';
import { RunsTable } from './runs-table';
import { StatusCounts } from './status-badge';

export function ExperimentView({ id }: { id: string }) {
  const trpc = useTRPC();
  const experiment = useQuery(
    trpc.experiments.get.queryOptions(
      { id },
      { refetchInterval: (q) => (q.state.data && q.state.data.counts.queued + q.state.data.counts.running > 0 ? LIVE_POLL_MS : IDLE_POLL_MS) },
    ),
  );
  const runs = useQuery(
    trpc.runs.list.queryOptions(
      { experimentId: id, limit: MAX_CHART_RUNS },
      { refetchInterval: (q) => (q.state.data?.some((run) => isActive(run.status)) ? LIVE_POLL_MS : IDLE_POLL_MS) },
    ),
  );

  const refresh = useRefreshRuns();
  const cancelExperiment = useMutation(trpc.experiments.cancel.mutationOptions({ onSuccess: refresh }));
  const retryExperiment = useMutation(trpc.experiments.retry.mutationOptions({ onSuccess: refresh }));
  const busy = [cancelExperiment, retryExperiment].some((m) => m.isPending);
  const mutationError = [cancelExperiment, retryExperiment].find((m) => m.error)?.error;
  const canEdit = useCanEdit();

  if (experiment.error) return <div className="error-box" data-testid="experiment-error">{experiment.error.message}</div>;
  if (!experiment.data) return <div className="card empty">Loading experiment…</div>;

  const { data: exp } = experiment;
  const runRows = runs.data ?? [];
  const anyActive = exp.counts.queued + exp.counts.running > 0;
  const anyRetryable = exp.counts.failed + exp.counts.cancelled > 0;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 data-testid="experiment-name">{exp.name}</h1>
          <div className="subtitle">
            <span className="mono">{exp.algorithm}</span>
            <span>{exp.task}</span>
            <DatasetLabel name={exp.dataset?.name} kind={exp.spec.dataset.kind} synthetic={exp.dataset?.synthetic} />
            <span title={formatDateTime(exp.createdAt)}>created {formatRelative(exp.createdAt)}</span>
            <StatusCounts counts={exp.counts} />
          </div>
        </div>
        <div className="actions">
          <Link href={`/pareto?experiment=${id}`} className="btn" data-testid="experiment-pareto">
            Pareto view
          </Link>
          {canEdit && anyActive && (
            <button
              type="button"
              className="btn danger"
              data-testid="cancel-experiment"
              disabled={busy}
              onClick={() => cancelExperiment.mutate({ id })}
            >
              Cancel
            </button>
          )}
          {canEdit && anyRetryable && (
            <button type="button" className="btn" data-testid="retry-experiment" disabled={busy} onClick={() => retryExperiment.mutate({ id })}>
              Retry failed
            </button>
          )}
        </div>
      </div>
      {mutationError && <div className="error-box">{mutationError.message}</div>}

      <section className="card">
        <h2>Results</h2>
        <FinalMetrics finals={exp.finals} />
      </section>

      <section style={{ marginBottom: 20 }}>
        <h2>Metrics</h2>
        <MetricCharts runs={runRows} runCount={exp.runCount} />
      </section>

      <section>
        <h2>Runs</h2>
        {runs.error && <div className="error-box">{runs.error.message}</div>}
        <RunsTable experimentId={id} />
      </section>

      <details className="card">
        <summary>Spec</summary>
        <pre className="json" data-testid="experiment-spec">
          {formatJson(exp.spec)}
        </pre>
      </details>
    </>
  );
}

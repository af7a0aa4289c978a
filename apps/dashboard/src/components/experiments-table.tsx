'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { formatDateTime, formatRelative } from '~/lib/format';
import { IDLE_POLL_MS, LIVE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';

import { DatasetLabel } from './dataset-label';
import { StatusCounts } from './status-badge';

export function ExperimentsTable() {
  const trpc = useTRPC();
  const experiments = useQuery(
    trpc.experiments.list.queryOptions(
      { limit: 100 },
      {
        refetchInterval: (query) =>
          query.state.data?.some((e) => e.counts.queued + e.counts.running > 0) ? LIVE_POLL_MS : IDLE_POLL_MS,
      },
    ),
  );

  if (experiments.error) return <div className="error-box">{experiments.error.message}</div>;
  if (!experiments.data) return <div className="card empty">Loading experiments…</div>;
  if (experiments.data.length === 0) {
    return (
      <div className="card empty" data-testid="experiments-empty">
        No experiments yet. <Link href="/experiments/new">Create one</Link> from the algorithm registry.
      </div>
    );
  }

  return (
    <div className="card flush">
      <table className="table" data-testid="experiments-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Algorithm</th>
            <th>Data set</th>
            <th>Runs</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {experiments.data.map((experiment) => (
            <tr key={experiment.id} data-testid="experiment-row" data-experiment-id={experiment.id}>
              <td>
                <Link href={`/experiments/${experiment.id}`} data-testid="experiment-link">
                  {experiment.name}
                </Link>
                {experiment.project.name !== 'default' && <div className="muted">{experiment.project.name}</div>}
              </td>
              <td className="mono">{experiment.algorithm}</td>
              <td>
                <DatasetLabel
                  name={experiment.dataset?.name}
                  kind={experiment.datasetKind}
                  synthetic={experiment.dataset?.synthetic}
                />
              </td>
              <td>
                <StatusCounts counts={experiment.counts} />
              </td>
              <td title={formatDateTime(experiment.createdAt)} className="muted">
                {formatRelative(experiment.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

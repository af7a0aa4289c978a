'use client';

import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { chartGroups } from '~/lib/metrics';
import { LIVE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';
import type { RunRow } from '~/trpc/types';

import { MetricChart } from './metric-chart';

/** Points per series the server downsamples to; plenty for a 500 px wide chart. */
const MAX_POINTS = 400;

/** Live charts of every run's metric curves; polls while a run is active. */
export function MetricCharts({ runs }: { runs: RunRow[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const results = useQueries({
    queries: runs.map((run) =>
      trpc.metrics.series.queryOptions(
        { runId: run.id, maxPoints: MAX_POINTS },
        { refetchInterval: run.status === 'running' ? LIVE_POLL_MS : false },
      ),
    ),
  });

  // A run whose status changed (it stopped after our last poll, or a retry cleared it) is fetched again.
  const seenStatus = useRef(new Map<string, string>());
  useEffect(() => {
    for (const run of runs) {
      const before = seenStatus.current.get(run.id);
      seenStatus.current.set(run.id, run.status);
      if (before !== undefined && before !== run.status) {
        void queryClient.invalidateQueries({ queryKey: trpc.metrics.series.queryKey({ runId: run.id, maxPoints: MAX_POINTS }) });
      }
    }
  }, [runs, queryClient, trpc]);

  const loaded = runs.flatMap((run, i) => {
    const data = results[i]?.data;
    return data ? [{ runIndex: run.index, series: data }] : [];
  });
  const groups = chartGroups(loaded);
  const error = results.find((result) => result.error)?.error;

  return (
    <div data-testid="metric-charts">
      {error && <div className="error-box">{error.message}</div>}
      {groups.length === 0 ? (
        <div className="card empty" data-testid="charts-empty">
          {runs.some((run) => run.status === 'queued' || run.status === 'running')
            ? 'Waiting for the first metric points…'
            : 'No metric curves recorded.'}
        </div>
      ) : (
        <div className="charts">
          {groups.map((group) => (
            <MetricChart key={group.title} title={group.title} lines={group.lines} testId="metric-chart" />
          ))}
        </div>
      )}
    </div>
  );
}

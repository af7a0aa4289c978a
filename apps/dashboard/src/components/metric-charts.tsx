'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { groupKeys } from '~/lib/metrics';
import { isActive, LIVE_POLL_MS } from '~/lib/status';
import { useRefreshWhenSettled } from '~/lib/use-refresh-when-settled';
import { useTRPC } from '~/trpc/react';
import type { RunRow } from '~/trpc/types';

import { ChartControls, DEFAULT_VIEW } from './chart-controls';
import { MetricPanel } from './metric-panel';

/** An experiment's charts draw the curves of this many runs at most (in sweep order); the rest are a click away in compare. */
export const MAX_CHART_RUNS = 20;

/**
 * Live charts of an experiment's first runs (at most MAX_CHART_RUNS, in sweep order), one chart per
 * `<split>/<metric>`, with smoothing, log scale and zoom; `runCount` is how many the experiment has.
 */
export function MetricCharts({ runs, runCount }: { runs: RunRow[]; runCount: number }) {
  const trpc = useTRPC();
  const [view, setView] = useState(DEFAULT_VIEW);
  const shown = runs.slice(0, MAX_CHART_RUNS);
  const live = shown.some((run) => isActive(run.status));
  useRefreshWhenSettled(live);
  const keys = useQuery(
    trpc.metrics.keys.queryOptions({ runIds: shown.map((run) => run.id) }, { enabled: shown.length > 0, refetchInterval: live ? LIVE_POLL_MS : false }),
  );
  const groups = groupKeys(keys.data ?? []);
  return (
    <div data-testid="metric-charts">
      <div className="card-title">
        <span className="muted">{runCount > shown.length ? `the first ${shown.length} of ${runCount} runs` : ''}</span>
        <ChartControls view={view} onChange={setView} />
      </div>
      {keys.error && <div className="error-box">{keys.error.message}</div>}
      {groups.length === 0 ? (
        <div className="card empty" data-testid="charts-empty">
          {live ? 'Waiting for the first metric points…' : 'No metric curves recorded.'}
        </div>
      ) : (
        <div className="charts">
          {groups.map((group) => (
            <MetricPanel
              key={group.title}
              title={group.title}
              keys={group.keys}
              view={view}
              sources={shown.map((run) => ({ runId: run.id, label: `run ${run.index}`, live: isActive(run.status) }))}
            />
          ))}
        </div>
      )}
    </div>
  );
}

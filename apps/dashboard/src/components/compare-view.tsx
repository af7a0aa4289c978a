'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';

import { type CompareRow, compareRows } from '~/lib/compare';
import type { EChartsOption } from '~/lib/echarts';
import { formatMetric } from '~/lib/format';
import { IDLE_POLL_MS, isActive, LIVE_POLL_MS } from '~/lib/status';
import { useRefreshWhenSettled } from '~/lib/use-refresh-when-settled';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

import { ChartControls, DEFAULT_VIEW } from './chart-controls';
import { EChart } from './echart';
import { MetricPanel } from './metric-panel';
import { StatusBadge } from './status-badge';

type Run = RouterOutputs['runs']['page']['rows'][number];

const runLabel = (run: Run) => `${run.experimentName} #${run.index}`;
/** Metrics to 4 decimals; hyperparameters as given (a learning rate of 0.0003 must not read 0.0003 rounded). */
const cell = (value: unknown, group: CompareRow['group']) =>
  value === undefined ? '—' : typeof value === 'number' ? (group === 'metric' ? formatMetric(value) : String(value)) : JSON.stringify(value);

/** Scalar hyperparameters only: objects (task weights, ...) have no place on an axis. */
const isScalar = (v: unknown) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** Parallel coordinates over the hyperparameters that differ and every final metric, one line per run. */
function parallelOption(runs: Run[], rows: CompareRow[]): EChartsOption {
  const axes = rows.filter((row) => (row.group === 'metric' || row.differs) && row.values.every((v) => v === undefined || isScalar(v)));
  return {
    animation: false,
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'item' },
    parallel: { left: 60, right: 90, top: 50, bottom: 30 },
    parallelAxis: axes.map((row, dim) => {
      const numeric = row.values.every((v) => v === undefined || typeof v === 'number');
      return numeric
        ? { dim, name: row.name, type: 'value', scale: true, nameTextStyle: { fontSize: 11 } }
        : { dim, name: row.name, type: 'category', data: [...new Set(row.values.filter((v) => v !== undefined).map(String))], nameTextStyle: { fontSize: 11 } };
    }),
    series: runs.map((run, i) => ({
      type: 'parallel',
      name: runLabel(run),
      lineStyle: { width: 2, opacity: 0.85 },
      data: [axes.map((row) => (row.values[i] === undefined ? null : typeof row.values[i] === 'number' ? row.values[i] : String(row.values[i])))],
    })),
  };
}

/** Selected runs side by side: one metric overlaid, the differences in a table, and parallel coordinates. */
export function CompareView({ ids }: { ids: string[] }) {
  const trpc = useTRPC();
  const runs = useQuery(
    trpc.runs.page.queryOptions(
      { ids, sort: 'created', direction: 'asc', limit: 200 },
      { enabled: ids.length > 0, refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? LIVE_POLL_MS : IDLE_POLL_MS) },
    ),
  );
  const live = runs.data?.rows.some((r) => isActive(r.status)) ?? false;
  useRefreshWhenSettled(live);
  const keys = useQuery(trpc.metrics.keys.queryOptions({ runIds: ids }, { enabled: ids.length > 0, refetchInterval: live ? LIVE_POLL_MS : false }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const [view, setView] = useState(DEFAULT_VIEW);
  const rows = useMemo(() => compareRows(runs.data?.rows ?? []), [runs.data]);
  const parallel = useMemo(() => parallelOption(runs.data?.rows ?? [], rows), [runs.data, rows]);

  if (ids.length === 0) return <div className="card empty">Select two or more runs in a runs table to compare them.</div>;
  if (runs.error) return <div className="error-box">{runs.error.message}</div>;
  if (!runs.data) return <div className="card empty">Loading runs…</div>;
  const list = runs.data.rows;
  const metric = chosen ?? keys.data?.find((k) => k === 'train/loss') ?? keys.data?.[0] ?? null;
  const shownRows = onlyDiffering ? rows.filter((row) => row.differs) : rows;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Compare {list.length} runs</h1>
          <div className="subtitle">
            {list.map((run) => (
              <span key={run.id}>
                <Link href={`/runs/${run.id}`}>{runLabel(run)}</Link> <StatusBadge status={run.status} />
              </span>
            ))}
          </div>
        </div>
        <div className="actions">
          <Link className="btn" href={`/pareto?runs=${ids.join(',')}`}>
            Pareto view
          </Link>
        </div>
      </div>

      <section style={{ marginBottom: 20 }}>
        <div className="card-title">
          <h2>Metric</h2>
          <div className="chart-controls">
            <select data-testid="compare-metric" value={metric ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {keys.data?.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
            <ChartControls view={view} onChange={setView} />
          </div>
        </div>
        {metric ? (
          <MetricPanel
            key={metric}
            title={metric}
            keys={[metric]}
            view={view}
            sources={list.map((run) => ({ runId: run.id, label: runLabel(run), live: isActive(run.status) }))}
          />
        ) : (
          <div className="card empty">No metrics recorded by these runs.</div>
        )}
      </section>

      <section className="card flush">
        <div className="card-title padded">
          <h2>Hyperparameters and final metrics</h2>
          <label className="toggle">
            <input type="checkbox" data-testid="only-differing" checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.target.checked)} />
            Only values that differ
          </label>
        </div>
        <div className="scroll-x">
          <table className="table" data-testid="compare-table">
            <thead>
              <tr>
                <th>Name</th>
                {list.map((run) => (
                  <th key={run.id}>{runLabel(run)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shownRows.map((row) => (
                <tr key={`${row.group}:${row.name}`} className={row.differs ? 'differs' : ''} data-testid="compare-row" data-name={row.name} data-differs={row.differs}>
                  <td className="mono">
                    {row.name} <span className="muted">{row.group === 'hyper' ? 'hyper' : 'final'}</span>
                  </td>
                  {row.values.map((value, i) => (
                    <td key={list[i]!.id} className="mono num">
                      {cell(value, row.group)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>Parallel coordinates</h2>
        <EChart option={parallel} className="chart tall" testId="parallel-chart" replaceMerge={PARALLEL_REPLACED} data={{ axes: (parallel.parallelAxis as unknown[]).length }} />
      </section>
    </>
  );
}

const PARALLEL_REPLACED = ['series', 'parallelAxis'];

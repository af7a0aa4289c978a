'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

import { formatDuration, formatMetric } from '~/lib/format';
import { orderMetricKeys } from '~/lib/metrics';
import { IDLE_POLL_MS, isActive, LIVE_POLL_MS, RUN_STATUSES } from '~/lib/status';
import { useTRPC } from '~/trpc/react';
import type { RouterInputs, RouterOutputs, RunStatus } from '~/trpc/types';
import { RunActions } from './run-actions';
import { EditableNotes, EditableTags } from './run-annotations';
import { StatusBadge } from './status-badge';

type PageRow = RouterOutputs['runs']['page']['rows'][number];
type SortColumn = NonNullable<RouterInputs['runs']['page']['sort']>;

const PAGE_SIZES = [25, 50, 100, 200];
/** Metric columns shown until the user asks for all: the test metrics first (what runs are judged by). */
const DEFAULT_METRIC_COLUMNS = 6;

function duration(run: PageRow, now: number): string {
  if (!run.startedAt) return '—';
  return formatDuration((run.finishedAt?.getTime() ?? now) - run.startedAt.getTime());
}

const formatValue = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'number' ? formatMetric(value) : String(value));

/** Typing in the search box queries the server once the user pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Runs of one experiment, or of the whole store: paged, sorted, filtered and searched on the
 * server (so 10,000 runs load a page at a time), with the swept hyperparameters and final metrics
 * as columns, inline tags and notes, and a selection to compare or plot on a Pareto view.
 */
export function RunsTable({ experimentId }: { experimentId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sort, setSort] = useState<SortColumn>('created');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [statuses, setStatuses] = useState<RunStatus[]>([]);
  const [algorithm, setAlgorithm] = useState('');
  const [tag, setTag] = useState('');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText, 300);
  const [offset, setOffset] = useState(0);
  const [limit, setLimit] = useState(50);
  const [selected, setSelected] = useState<string[]>([]);
  const [allMetrics, setAllMetrics] = useState(false);

  const filters = { experimentId, statuses: statuses.length > 0 ? statuses : undefined, algorithm: algorithm || undefined, tag: tag || undefined, search: search || undefined };
  // A new filter starts again at the first page.
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filters
  useEffect(() => setOffset(0), [filterKey]);

  const columns = useQuery(trpc.runs.columns.queryOptions({ experimentId }, { refetchInterval: IDLE_POLL_MS }));
  const page = useQuery(
    trpc.runs.page.queryOptions(
      { ...filters, sort, direction, offset, limit },
      {
        placeholderData: keepPreviousData,
        refetchInterval: (q) => (q.state.data?.rows.some((run) => isActive(run.status)) ? LIVE_POLL_MS : IDLE_POLL_MS),
      },
    ),
  );

  const hyperKeys = columns.data?.hyper ?? [];
  const everyMetric = orderMetricKeys(columns.data?.metrics ?? []);
  const metricKeys = allMetrics ? everyMetric : everyMetric.slice(0, DEFAULT_METRIC_COLUMNS);
  const rows = page.data?.rows ?? [];
  const total = page.data?.total ?? 0;
  const now = Date.now();

  const sortBy = (column: SortColumn) => {
    if (sort === column) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setDirection(column.startsWith('metric:') || column === 'created' ? 'desc' : 'asc');
    }
  };
  const header = (column: SortColumn, label: string, className = '') => (
    <th className={`sortable ${className}`} data-testid={`sort-${column}`} aria-sort={sort === column ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link-button" onClick={() => sortBy(column)}>
        {label}
        {sort === column ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const toggleStatus = (status: RunStatus) => setStatuses((s) => (s.includes(status) ? s.filter((x) => x !== status) : [...s, status]));

  return (
    <div data-testid="runs-table-view">
      <div className="table-toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search name, id, tags, notes…"
          data-testid="runs-search"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
        />
        <span className="status-filter" data-testid="status-filter">
          {RUN_STATUSES.map((status) => (
            <label key={status} className={`chip ${statuses.includes(status) ? 'on' : ''}`} data-testid={`filter-${status}`} data-on={statuses.includes(status)}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggleStatus(status)} />
              {status}
            </label>
          ))}
        </span>
        {!experimentId && (
          <select data-testid="filter-algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
            <option value="">all algorithms</option>
            {columns.data?.algorithms.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        )}
        <select data-testid="filter-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">any tag</option>
          {columns.data?.tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {everyMetric.length > DEFAULT_METRIC_COLUMNS && (
          <label className="toggle">
            <input type="checkbox" data-testid="all-metrics" checked={allMetrics} onChange={(e) => setAllMetrics(e.target.checked)} />
            all {everyMetric.length} metric columns
          </label>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          data-testid="compare-selected"
          disabled={selected.length < 2}
          onClick={() => router.push(`/compare?runs=${selected.join(',')}`)}
        >
          Compare {selected.length > 0 ? `(${selected.length})` : ''}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="pareto-selected"
          disabled={selected.length < 2 && !experimentId}
          onClick={() => router.push(selected.length >= 2 ? `/pareto?runs=${selected.join(',')}` : `/pareto?experiment=${experimentId}`)}
        >
          Pareto view
        </button>
      </div>
      {page.error && <div className="error-box">{page.error.message}</div>}
      <div className="card flush scroll-x">
        <table className="table runs" data-testid="runs-table" data-total={total}>
          <thead>
            <tr>
              <th>
                <span className="sr-only">Select</span>
              </th>
              {header('index', 'Run')}
              {!experimentId && header('experiment', 'Experiment')}
              {header('status', 'Status')}
              {!experimentId && header('algorithm', 'Algorithm')}
              {header('seed', 'Seed', 'num')}
              {hyperKeys.map((key) => header(`hyper:${key}`, key, 'num metric-key'))}
              {metricKeys.map((key) => header(`metric:${key}`, key, 'num metric-key'))}
              {header('duration', 'Duration')}
              <th>Tags</th>
              <th>Notes</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id} className={selected.includes(run.id) ? 'selected' : ''}>
                <td>
                  <input type="checkbox" data-testid="select-run" checked={selected.includes(run.id)} onChange={() => toggle(run.id)} aria-label={`select run ${run.index}`} />
                </td>
                <td className="mono">
                  <Link href={`/runs/${run.id}`} data-testid="run-link">
                    #{run.index}
                  </Link>
                  {run.attempt > 1 && <div className="muted">attempt {run.attempt}</div>}
                </td>
                {!experimentId && (
                  <td>
                    <Link href={`/experiments/${run.experimentId}`}>{run.experimentName}</Link>
                  </td>
                )}
                <td>
                  <StatusBadge status={run.status} testId="run-status" />
                  {isActive(run.status) && run.status === 'running' && (
                    <div className="progress" data-testid="run-progress" data-progress={run.progress}>
                      <div style={{ width: `${Math.round(run.progress * 100)}%` }} />
                    </div>
                  )}
                  {run.cancelRequested && run.status === 'running' && <div className="muted">cancelling…</div>}
                  {run.error && (
                    <div className="error-text" title={run.error} data-testid="run-error">
                      {run.error}
                    </div>
                  )}
                </td>
                {!experimentId && <td className="mono">{run.algorithm}</td>}
                <td className="num">{run.seed}</td>
                {hyperKeys.map((key) => (
                  <td key={key} className="num mono" data-testid={`run-hyper-${key}`}>
                    {run.hyper[key] === undefined ? '—' : String(run.hyper[key])}
                  </td>
                ))}
                {metricKeys.map((key) => (
                  <td key={key} className="num mono" data-testid={`run-final-${key}`} data-value={run.final?.[key]}>
                    {formatValue(run.final?.[key])}
                  </td>
                ))}
                <td className="muted">{duration(run, now)}</td>
                <td>
                  <EditableTags runId={run.id} tags={run.tags} />
                </td>
                <td className="notes-cell">
                  <EditableNotes runId={run.id} notes={run.notes} />
                </td>
                <td>
                  <RunActions run={run} />
                </td>
              </tr>
            ))}
            {page.data && rows.length === 0 && (
              <tr>
                <td colSpan={99} className="empty">
                  No runs match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager" data-testid="pager">
        <span data-testid="page-range">
          {total === 0 ? '0 runs' : `${(offset + 1).toLocaleString('en')}–${Math.min(offset + limit, total).toLocaleString('en')} of ${total.toLocaleString('en')}`}
        </span>
        <button type="button" className="btn small" data-testid="prev-page" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
          Previous
        </button>
        <button type="button" className="btn small" data-testid="next-page" disabled={offset + limit >= total} onClick={() => setOffset(offset + limit)}>
          Next
        </button>
        <select value={limit} data-testid="page-size" onChange={(e) => setLimit(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size} per page
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { formatDateTime, formatRelative } from '~/lib/format';
import { LIVE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';

import { StatusCounts } from './status-badge';

/** Runs per status, the workers with what each is running, and the next queued runs; refreshes live. */
export function QueueView() {
  const trpc = useTRPC();
  const queue = useQuery(trpc.workers.queue.queryOptions(undefined, { refetchInterval: LIVE_POLL_MS }));
  if (queue.error) return <div className="error-box">{queue.error.message}</div>;
  if (!queue.data) return <div className="card empty">Loading the queue…</div>;
  const { counts, workers, queued } = queue.data;
  const alive = workers.filter((w) => w.state === 'alive');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Queue and workers</h1>
          <div className="subtitle">
            <StatusCounts counts={counts} />
            <span data-testid="workers-alive" data-count={alive.length}>
              {alive.length} worker{alive.length === 1 ? '' : 's'} alive · {alive.reduce((n, w) => n + w.concurrency, 0)} slots
            </span>
          </div>
        </div>
      </div>

      <section className="card flush">
        <table className="table" data-testid="workers">
          <thead>
            <tr>
              <th>Worker</th>
              <th>State</th>
              <th>Host / pid</th>
              <th className="num">Slots</th>
              <th>Last heartbeat</th>
              <th>Started</th>
              <th>Running</th>
            </tr>
          </thead>
          <tbody>
            {workers.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No worker has reported. Start one with <span className="mono">tradeoff worker</span>.
                </td>
              </tr>
            )}
            {workers.map((worker) => (
              <tr key={worker.id} data-testid="worker-row" data-state={worker.state}>
                <td className="mono">{worker.id}</td>
                <td>
                  <span className={`badge ${worker.state === 'alive' ? 'finished' : worker.state === 'lost' ? 'failed' : 'cancelled'}`}>{worker.state}</span>
                </td>
                <td className="mono">
                  {worker.host} / {worker.pid}
                </td>
                <td className="num">
                  {worker.running.length} / {worker.concurrency}
                </td>
                <td title={formatDateTime(worker.heartbeatAt)}>{formatRelative(worker.heartbeatAt)}</td>
                <td title={formatDateTime(worker.startedAt)}>{formatRelative(worker.startedAt)}</td>
                <td>
                  {worker.running.length === 0 && (
                    <span className="muted">
                      idle
                      {worker.lastRun && (
                        <span data-testid="worker-last-run">
                          {' · last: '}
                          <Link href={`/runs/${worker.lastRun.id}`}>
                            {worker.lastRun.experimentName} #{worker.lastRun.index}
                          </Link>{' '}
                          {worker.lastRun.status}
                        </span>
                      )}
                    </span>
                  )}
                  {worker.running.map((run) => (
                    <div key={run.id} data-testid="worker-run">
                      <Link href={`/runs/${run.id}`}>
                        {run.experimentName} #{run.index}
                      </Link>{' '}
                      <span className="muted">
                        {Math.round(run.progress * 100)}%{run.progressLabel ? ` · ${run.progressLabel}` : ''}
                      </span>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card flush">
        <table className="table" data-testid="queued-runs">
          <thead>
            <tr>
              <th>Next up</th>
              <th className="num">Seed</th>
              <th className="num">Attempt</th>
              <th>Queued</th>
            </tr>
          </thead>
          <tbody>
            {queued.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  Nothing queued.
                </td>
              </tr>
            )}
            {queued.map((run) => (
              <tr key={run.id} data-testid="queued-run">
                <td>
                  <Link href={`/runs/${run.id}`}>
                    {run.experimentName} #{run.index}
                  </Link>
                </td>
                <td className="num">{run.seed}</td>
                <td className="num">{run.attempt}</td>
                <td title={formatDateTime(run.createdAt)}>{formatRelative(run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

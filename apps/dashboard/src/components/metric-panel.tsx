'use client';

import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useState } from 'react';

import { lineName } from '~/lib/metrics';
import { type ChartView, type SeriesPoint, type StepRange, spliceDetail, zoomToSteps } from '~/lib/series-view';
import { LIVE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';

import { SeriesChart, type SeriesLine } from './series-chart';

/** Points per series the server downsamples to, for the whole range and again for a zoomed one. */
export const CHART_POINTS = 2000;

export interface ChartSource {
  runId: string;
  /** Names the run's lines when several runs share a chart. */
  label?: string;
  /** Refetch every few seconds (the run is queued or running). */
  live: boolean;
}

/**
 * One chart of some metric keys over one or more runs. It loads each series downsampled to
 * CHART_POINTS over the whole range, and on zoom loads the visible step range again at that
 * resolution, so a million-point run stays responsive and detailed.
 */
export function MetricPanel({ title, keys, sources, view }: { title: string; keys: string[]; sources: ChartSource[]; view: ChartView }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<StepRange | null>(null);
  const overview = useQueries({
    queries: sources.map((source) =>
      trpc.metrics.series.queryOptions(
        { runId: source.runId, keys, maxPoints: CHART_POINTS },
        { refetchInterval: source.live ? LIVE_POLL_MS : false, placeholderData: keepPreviousData },
      ),
    ),
  });
  const detail = useQueries({
    queries: sources.map((source) =>
      trpc.metrics.series.queryOptions(
        { runId: source.runId, keys, maxPoints: CHART_POINTS, fromStep: range?.from, toStep: range?.to },
        { enabled: range !== null, placeholderData: keepPreviousData },
      ),
    ),
  });

  const lines: SeriesLine[] = sources.flatMap((source, i) =>
    keys.flatMap((key) => {
      const whole = overview[i]?.data?.find((s) => s.key === key)?.points;
      if (!whole) return [];
      const zoomed = range ? detail[i]?.data?.find((s) => s.key === key)?.points : undefined;
      const name = sources.length > 1 ? `${source.label ?? source.runId}${keys.length > 1 ? ` · ${lineName(key)}` : ''}` : lineName(key);
      return [{ name, points: spliceDetail(whole, zoomed, range) }];
    }),
  );
  const error = [...overview, ...detail].find((q) => q.error)?.error;
  if (error) return <div className="error-box">{error.message}</div>;
  if (!lines.some((line) => line.points.length > 1)) return null;

  const allPoints: SeriesPoint[] = lines.flatMap((line) => line.points);
  return (
    <SeriesChart
      title={title}
      lines={lines}
      view={view}
      onZoom={(window) => setRange(window ? zoomToSteps(window, view, allPoints) : null)}
    />
  );
}

'use client';

import { useMemo, useRef } from 'react';
import type { EChartsOption, echarts } from '~/lib/echarts';
import { formatMetric } from '~/lib/format';
import { type ChartView, drawnPoints, type SeriesPoint } from '~/lib/series-view';

import { EChart } from './echart';

export interface SeriesLine {
  name: string;
  points: SeriesPoint[];
}

const PALETTE = ['#3056d3', '#e4572e', '#17a398', '#f2a541', '#8e44ad', '#2e86ab', '#c0392b', '#27ae60', '#7f8c8d', '#d35400'];

/** Sum of the drawn y values: lets a test see that smoothing or the log axis changed what is drawn. */
function checksum(lines: [number, number | null][][]): string {
  let sum = 0;
  for (const line of lines) for (const [, y] of line) if (y !== null && Number.isFinite(y)) sum += y;
  return sum.toPrecision(8);
}

/**
 * Metric lines against step or wall time. With smoothing, the raw line stays faint behind the
 * smoothed one. Zooming (wheel, drag, slider) reports the visible x window, or null when the user
 * zoomed all the way out.
 */
export function SeriesChart({
  title,
  lines,
  view,
  onZoom,
  testId = 'metric-chart',
}: {
  title: string;
  lines: SeriesLine[];
  view: ChartView;
  onZoom?: (window: [number, number] | null) => void;
  testId?: string;
}) {
  const zoomHandler = useRef(onZoom);
  zoomHandler.current = onZoom;

  const { option, drawn } = useMemo(() => {
    const smoothed = lines.map((line) => drawnPoints(line.points, view));
    const raw = view.smoothing > 0 ? lines.map((line) => drawnPoints(line.points, view, false)) : [];
    const manyPoints = lines.some((line) => line.points.length >= 30);
    const series = [
      ...raw.map((data, i) => ({
        type: 'line' as const,
        name: `${lines[i]!.name} (raw)`,
        data,
        showSymbol: false,
        lineStyle: { width: 1, opacity: 0.22, color: PALETTE[i % PALETTE.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        silent: true,
        tooltip: { show: false },
        connectNulls: false,
      })),
      ...smoothed.map((data, i) => ({
        type: 'line' as const,
        name: lines[i]!.name,
        data,
        showSymbol: !manyPoints,
        symbolSize: 5,
        lineStyle: { width: 1.6, color: PALETTE[i % PALETTE.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        connectNulls: false,
      })),
    ];
    const chartOption: EChartsOption = {
      animation: false,
      grid: { left: 60, right: 20, top: 36, bottom: 58 },
      legend: { type: 'scroll', top: 0, textStyle: { fontSize: 11 }, data: lines.map((l) => l.name) },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatMetric(value) : String(value)),
      },
      xAxis:
        view.xMode === 'step'
          ? { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax' }
          : { type: 'time', name: 'wall time', nameLocation: 'middle', nameGap: 26 },
      yAxis: view.logScale ? { type: 'log', logBase: 10 } : { type: 'value', scale: true },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'filter' },
        { type: 'slider', xAxisIndex: 0, filterMode: 'filter', height: 16, bottom: 6 },
      ],
      series,
    };
    return { option: chartOption, drawn: checksum(smoothed) };
  }, [lines, view]);

  const onReady = (chart: echarts.ECharts) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    chart.on('datazoom', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number; startValue?: number; endValue?: number }[] }).dataZoom?.[0];
        if (!zoom) return;
        const full = (zoom.start ?? 0) <= 0 && (zoom.end ?? 100) >= 100;
        zoomHandler.current?.(full || zoom.startValue === undefined || zoom.endValue === undefined ? null : [zoom.startValue, zoom.endValue]);
      }, 250);
    });
  };

  return (
    <div className="chart-card" data-testid={testId} data-chart={title} data-series-count={lines.length}>
      <h3>{title}</h3>
      <EChart
        option={option}
        onReady={onReady}
        replaceMerge={REPLACED}
        testId="chart-canvas"
        data={{ drawn, 'y-axis': view.logScale ? 'log' : 'linear', 'x-axis': view.xMode, smoothing: view.smoothing, points: lines.reduce((n, l) => n + l.points.length, 0) }}
      />
    </div>
  );
}

/** The axes change type with the view (log, time), so they are replaced with the series. */
const REPLACED = ['series', 'xAxis', 'yAxis'];

'use client';

import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import { formatMetric } from '~/lib/format';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DataZoomComponentOption
>;

export interface ChartLine {
  name: string;
  points: { step: number; value: number }[];
}

/** A line chart of metric values against training step; updates in place as points arrive. */
export function MetricChart({ title, lines, testId }: { title: string; lines: ChartLine[]; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option: ChartOption = {
      animation: false,
      grid: { left: 56, right: 20, top: 36, bottom: 48 },
      legend: { type: 'scroll', top: 0, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? formatMetric(value) : String(value)) },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26, min: 0, max: 'dataMax' },
      yAxis: { type: 'value', scale: true },
      dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
      series: lines.map((line) => ({
        type: 'line',
        name: line.name,
        showSymbol: line.points.length < 30,
        symbolSize: 5,
        sampling: 'lttb',
        data: line.points.map((p) => [p.step, p.value]),
      })),
    };
    // replaceMerge drops series of keys that disappeared (e.g. a retried run) instead of keeping stale lines.
    chart.current?.setOption(option, { replaceMerge: ['series'] });
  }, [lines]);

  return (
    <div className="chart-card" data-testid={testId} data-chart={title} data-series-count={lines.length}>
      <h3>{title}</h3>
      <div ref={container} className="chart" />
    </div>
  );
}

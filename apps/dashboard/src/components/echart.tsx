'use client';

import { useEffect, useRef } from 'react';

import { type EChartsOption, echarts } from '~/lib/echarts';

/**
 * An ECharts canvas that follows `option` (the `replaceMerge` components replaced, the rest merged,
 * so a user's zoom survives new data) and reports clicks and zooms.
 */
export function EChart({
  option,
  className = 'chart',
  onReady,
  onClick,
  testId,
  data,
  replaceMerge = ['series'],
}: {
  option: EChartsOption;
  className?: string;
  onReady?: (chart: echarts.ECharts) => void;
  onClick?: (params: { seriesName?: string; data?: unknown; dataIndex: number; seriesIndex?: number }) => void;
  testId?: string;
  /** data-* attributes for tests and styling. */
  data?: Record<string, string | number>;
  /** Components replaced rather than merged on each update; the rest (a zoom window) is kept. */
  replaceMerge?: string[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const ready = useRef(onReady);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Scripted access (browser tests, the console) finds the instance on its element.
    (element as HTMLDivElement & { echarts?: echarts.ECharts }).echarts = instance;
    instance.on('click', (params) => click.current?.(params as Parameters<NonNullable<typeof onClick>>[0]));
    ready.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { replaceMerge });
  }, [option, replaceMerge]);

  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={container} className={className} data-testid={testId} {...attributes} />;
}

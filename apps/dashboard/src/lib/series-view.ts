import { emaSmooth } from './smoothing';

export interface SeriesPoint {
  step: number;
  value: number;
  time: Date;
}

export type XMode = 'step' | 'time';

export interface ChartView {
  smoothing: number;
  logScale: boolean;
  xMode: XMode;
}

/**
 * The whole-range series with the zoomed range's finer points spliced in: the chart keeps its
 * full extent (so zooming out shows the overview at once) and shows detail where the user looks.
 */
export function spliceDetail(overview: readonly SeriesPoint[], detail: readonly SeriesPoint[] | undefined, range: StepRange | null): SeriesPoint[] {
  if (!range || !detail) return [...overview];
  const outside = overview.filter((p) => p.step < range.from || p.step > range.to);
  return [...outside, ...detail].sort((a, b) => a.step - b.step);
}

export interface StepRange {
  from: number;
  to: number;
}

/**
 * The [x, y] pairs a chart draws for one series: y smoothed, and left out (null) where a log
 * axis cannot show it (zero or negative).
 */
export function drawnPoints(points: readonly SeriesPoint[], view: ChartView, smooth = true): [number, number | null][] {
  const values = smooth ? emaSmooth(points.map((p) => p.value), view.smoothing) : points.map((p) => p.value);
  return points.map((p, i) => {
    const x = view.xMode === 'step' ? p.step : p.time.getTime();
    const y = values[i]!;
    return [x, view.logScale && !(y > 0) ? null : y];
  });
}

/**
 * The step range a zoom window covers: step units directly, or, on a time axis, the steps of the
 * points whose times fall inside it.
 */
export function zoomToSteps(window: [number, number], view: ChartView, points: readonly SeriesPoint[]): StepRange | null {
  if (view.xMode === 'step') return { from: Math.max(0, Math.floor(window[0])), to: Math.ceil(window[1]) };
  const inside = points.filter((p) => p.time.getTime() >= window[0] && p.time.getTime() <= window[1]);
  if (inside.length === 0) return null;
  return { from: Math.min(...inside.map((p) => p.step)), to: Math.max(...inside.map((p) => p.step)) };
}

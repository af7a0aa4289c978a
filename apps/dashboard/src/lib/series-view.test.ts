import { describe, expect, it } from 'vitest';

import { drawnPoints, spliceDetail, zoomToSteps } from './series-view';

const at = (step: number, value: number) => ({ step, value, time: new Date(1_000_000 + step * 1000) });

describe('series view', () => {
  const overview = [at(0, 4), at(10, 2), at(20, 1), at(30, 0.5)];

  it('splices the zoomed detail into the overview', () => {
    const detail = [at(10, 2), at(11, 1.9), at(12, 1.8)];
    expect(spliceDetail(overview, detail, { from: 10, to: 15 }).map((p) => p.step)).toEqual([0, 10, 11, 12, 20, 30]);
    expect(spliceDetail(overview, undefined, { from: 10, to: 15 })).toHaveLength(4);
  });

  it('draws by step or time, smoothed, dropping what a log axis cannot show', () => {
    const view = { smoothing: 0, logScale: false, xMode: 'step' as const };
    expect(drawnPoints(overview, view)).toEqual([
      [0, 4],
      [10, 2],
      [20, 1],
      [30, 0.5],
    ]);
    expect(drawnPoints([at(0, 0), at(1, 2)], { ...view, logScale: true })).toEqual([
      [0, null],
      [1, 2],
    ]);
    expect(drawnPoints(overview, { ...view, xMode: 'time' })[1]![0]).toBe(1_010_000);
    const smoothed = drawnPoints(overview, { ...view, smoothing: 0.8 });
    expect(smoothed[3]![1]).toBeGreaterThan(0.5);
  });

  it('maps a zoom window to steps on either axis', () => {
    const view = { smoothing: 0, logScale: false, xMode: 'step' as const };
    expect(zoomToSteps([9.5, 21.2], view, overview)).toEqual({ from: 9, to: 22 });
    expect(zoomToSteps([1_005_000, 1_025_000], { ...view, xMode: 'time' }, overview)).toEqual({ from: 10, to: 20 });
  });
});

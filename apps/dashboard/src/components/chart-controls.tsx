'use client';

import type { ChartView } from '~/lib/series-view';

/** Smoothing, log scale and x axis, shared by all charts of a page. */
export function ChartControls({ view, onChange }: { view: ChartView; onChange: (view: ChartView) => void }) {
  return (
    <div className="chart-controls" data-testid="chart-controls">
      <label className="toggle">
        Smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          data-testid="smoothing"
          onChange={(e) => onChange({ ...view, smoothing: Number(e.target.value) })}
        />
        <span className="mono">{view.smoothing.toFixed(2)}</span>
      </label>
      <label className="toggle">
        <input type="checkbox" data-testid="log-scale" checked={view.logScale} onChange={(e) => onChange({ ...view, logScale: e.target.checked })} />
        Log scale
      </label>
      <label className="toggle">
        X axis
        <select data-testid="x-axis" value={view.xMode} onChange={(e) => onChange({ ...view, xMode: e.target.value as ChartView['xMode'] })}>
          <option value="step">step</option>
          <option value="time">wall time</option>
        </select>
      </label>
    </div>
  );
}

export const DEFAULT_VIEW: ChartView = { smoothing: 0, logScale: false, xMode: 'step' };

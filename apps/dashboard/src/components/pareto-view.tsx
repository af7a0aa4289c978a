'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { metricDirection } from '@tradeoff/core/pure';
import { useMemo, useState } from 'react';

import type { EChartsOption } from '~/lib/echarts';
import { formatMetric } from '~/lib/format';
import { frontObjectiveIndex } from '~/lib/front-match';
import { orderMetricKeys } from '~/lib/metrics';
import { type Direction, frontOutline, type Objective, paretoAnalysis } from '~/lib/pareto';
import { IDLE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';
import type { RouterOutputs } from '~/trpc/types';

import { EChart } from './echart';

type Run = RouterOutputs['runs']['objectives'][number];
type Front = RouterOutputs['artifacts']['fronts'][number];

const FRONT_COLOR = '#e4572e';
const runLabel = (run: Run) => `${run.experimentName} #${run.index}`;
/** Fronts are fetched for at most this many runs (the request's limit). */
const MAX_FRONT_RUNS = 500;

function ObjectivePicker({
  index,
  metrics,
  objective,
  optional,
  onChange,
}: {
  index: number;
  metrics: string[];
  objective: Objective | null;
  optional: boolean;
  onChange: (objective: Objective | null) => void;
}) {
  const axis = ['x axis', 'y axis', 'color and size'][index];
  return (
    <div className="field">
      <label htmlFor={`objective-${index}`}>{axis}</label>
      <div className="inline">
        <select
          id={`objective-${index}`}
          data-testid={`objective-${index}`}
          value={objective?.metric ?? ''}
          onChange={(e) => onChange(e.target.value ? { metric: e.target.value, direction: metricDirection(e.target.value) } : null)}
        >
          {optional && <option value="">none</option>}
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        {objective && (
          <select
            data-testid={`direction-${index}`}
            value={objective.direction}
            onChange={(e) => onChange({ ...objective, direction: e.target.value as Direction })}
          >
            <option value="max">maximise</option>
            <option value="min">minimise</option>
          </select>
        )}
      </div>
    </div>
  );
}

/**
 * The runs' trade-off over 2 or 3 chosen final metrics: a scatter with the non-dominated front
 * highlighted and its hypervolume, plus the preference fronts the runs stored as artifacts.
 */
export function ParetoView({ ids, experimentId }: { ids?: string[]; experimentId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const runs = useQuery(trpc.runs.objectives.queryOptions({ ids, experimentId }, { refetchInterval: IDLE_POLL_MS }));
  const runIds = (runs.data ?? []).slice(0, MAX_FRONT_RUNS).map((r) => r.id);
  const fronts = useQuery(trpc.artifacts.fronts.queryOptions({ runIds }, { enabled: runIds.length > 0 }));
  const metrics = useMemo(() => orderMetricKeys((runs.data ?? []).flatMap((r) => Object.keys(r.final))), [runs.data]);
  const [picked, setPicked] = useState<(Objective | null)[] | null>(null);
  const [referenceText, setReferenceText] = useState<string[]>([]);

  const objectives = useMemo(
    () =>
      (picked ?? metrics.slice(0, 2).map((metric) => ({ metric, direction: metricDirection(metric) }))).filter((o): o is Objective => o !== null),
    [picked, metrics],
  );
  const reference = useMemo(
    () =>
      referenceText.length === objectives.length && referenceText.every((t) => t.trim() !== '' && Number.isFinite(Number(t)))
        ? referenceText.map(Number)
        : undefined,
    [referenceText, objectives],
  );
  const analysis = useMemo(
    () => (objectives.length >= 2 ? paretoAnalysis(runs.data ?? [], (r) => r.final, objectives, reference) : null),
    [runs.data, objectives, reference],
  );
  const scatter = useMemo(
    () => (analysis ? scatterOption(analysis, objectives, fronts.data ?? [], runs.data ?? []) : null),
    [analysis, objectives, fronts.data, runs.data],
  );
  const frontsChart = useMemo(() => frontsOption(fronts.data ?? [], runs.data ?? []), [fronts.data, runs.data]);

  if (runs.error) return <div className="error-box">{runs.error.message}</div>;
  if (!runs.data) return <div className="card empty">Loading runs…</div>;
  const scope = experimentId ? 'this experiment' : ids ? `${ids.length} selected runs` : 'the newest runs';
  if (metrics.length < 2) return <div className="card empty">The runs of {scope} have fewer than two final metrics: nothing to trade off yet.</div>;

  const setObjective = (i: number, objective: Objective | null) => {
    const next = [0, 1, 2].map((j) => (picked ?? objectives)[j] ?? null);
    next[i] = objective;
    setPicked(next);
    setReferenceText([]);
  };
  const onFront = analysis?.points.filter((p) => p.rank === 0) ?? [];
  const frontErrors = (fronts.data ?? []).filter((f) => f.error);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Pareto view</h1>
          <div className="subtitle">
            {runs.data.length} runs with final metrics in {scope}
            {experimentId && <Link href={`/experiments/${experimentId}`}>back to the experiment</Link>}
          </div>
        </div>
      </div>
      <section className="card">
        <div className="objective-pickers">
          {[0, 1, 2].map((i) => (
            <ObjectivePicker key={i} index={i} metrics={metrics} objective={objectives[i] ?? null} optional={i === 2} onChange={(o) => setObjective(i, o)} />
          ))}
        </div>
        {analysis && (
          <div className="hypervolume" data-testid="hypervolume" data-value={analysis.hypervolume} data-front-size={onFront.length}>
            <strong>Hypervolume {formatMetric(analysis.hypervolume)}</strong> over {objectives.length} objectives, {onFront.length} of {analysis.points.length} runs
            non-dominated. Reference point:{' '}
            {objectives.map((o, i) => (
              <label key={o.metric} className="reference">
                <span className="mono">{o.metric}</span> {o.direction === 'max' ? '≥' : '≤'}
                <input
                  type="text"
                  className="inline-input"
                  data-testid={`reference-${i}`}
                  value={referenceText[i] ?? String(Number(analysis.reference[i]!.toPrecision(4)))}
                  onChange={(e) => {
                    const next = objectives.map((_, j) => referenceText[j] ?? String(Number(analysis.reference[j]!.toPrecision(4))));
                    next[i] = e.target.value;
                    setReferenceText(next);
                  }}
                />
              </label>
            ))}
          </div>
        )}
        {scatter && (
          <EChart
            option={scatter}
            className="chart tall"
            testId="pareto-chart"
            replaceMerge={SCATTER_REPLACED}
            data={{ points: analysis?.points.length ?? 0, 'front-size': onFront.length }}
            onClick={(params) => {
              const id = (params.data as { id?: string } | undefined)?.id;
              if (id) router.push(`/runs/${id}`);
            }}
          />
        )}
      </section>

      <section className="card">
        <h2>Non-dominated runs</h2>
        <table className="table" data-testid="front-table">
          <thead>
            <tr>
              <th>Run</th>
              {objectives.map((o) => (
                <th key={o.metric} className="num metric-key">
                  {o.metric} ({o.direction})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {onFront.map((p) => (
              <tr key={p.item.id} data-testid="front-run">
                <td>
                  <Link href={`/runs/${p.item.id}`}>{runLabel(p.item)}</Link>
                </td>
                {p.values.map((v, j) => (
                  <td key={objectives[j]!.metric} className="num mono">
                    {formatMetric(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>Preference fronts of the runs</h2>
        <p className="muted">
          Fronts traced by fusion policies across preference weights (the runs' <span className="mono">front</span> artifacts), in each front's own objectives.
        </p>
        {frontErrors.map((f) => (
          <div key={f.artifactId} className="error-box">
            {f.error}
          </div>
        ))}
        {(fronts.data ?? []).some((f) => f.front) ? (
          <EChart option={frontsChart} className="chart tall" testId="fronts-chart" replaceMerge={SCATTER_REPLACED} data={{ fronts: (fronts.data ?? []).filter((f) => f.front).length }} />
        ) : (
          <div className="muted" data-testid="no-fronts">
            No run here stored a front.
          </div>
        )}
      </section>
    </>
  );
}

const SCATTER_REPLACED = ['series', 'xAxis', 'yAxis', 'visualMap'];

function scatterOption(analysis: ReturnType<typeof paretoAnalysis<Run>>, objectives: Objective[], fronts: Front[], runs: Run[]): EChartsOption {
  const third = objectives[2];
  const point = (p: (typeof analysis.points)[number]) => ({ value: p.values, id: p.item.id, name: runLabel(p.item) });
  const front = analysis.points.filter((p) => p.rank === 0).sort((a, b) => a.values[0]! - b.values[0]!);
  const thirdValues = third ? analysis.points.map((p) => p.values[2]!) : [];
  const [lo, hi] = [Math.min(...thirdValues), Math.max(...thirdValues)];
  const size = (value: number[]) => (third && hi > lo ? 8 + (16 * (value[2]! - lo)) / (hi - lo) : 10);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const frontLines = fronts.flatMap((f) => {
    if (!f.front) return [];
    const jx = frontObjectiveIndex(objectives[0]!.metric, f.front.objectives);
    const jy = frontObjectiveIndex(objectives[1]!.metric, f.front.objectives);
    if (jx < 0 || jy < 0) return [];
    const run = byId.get(f.runId);
    const data = f.front.points.map((p) => [p.values[jx]!, p.values[jy]!]).sort((a, b) => a[0]! - b[0]!);
    return [{ type: 'line', name: `front · ${run ? runLabel(run) : f.runId}`, data, symbol: 'diamond', symbolSize: 5, lineStyle: { type: 'dashed', width: 1.2 }, z: 1 }];
  });
  return {
    animation: false,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 70, right: third ? 110 : 30, top: 40, bottom: 50 },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { name?: string; value?: number[] };
        return `${p.name ?? ''}<br/>${(p.value ?? []).map((v, j) => `${objectives[j]?.metric ?? ''}: ${formatMetric(v)}`).join('<br/>')}`;
      },
    },
    xAxis: { type: 'value', name: `${objectives[0]!.metric} (${objectives[0]!.direction})`, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: `${objectives[1]!.metric} (${objectives[1]!.direction})`, nameLocation: 'middle', nameGap: 50, scale: true },
    visualMap: third
      ? [{ type: 'continuous', dimension: 2, min: lo, max: hi, seriesIndex: [0, 1], right: 0, top: 'middle', text: [third.metric, ''], calculable: true, inRange: { color: ['#b9d4f5', '#3056d3', '#102a7a'] } }]
      : [],
    series: [
      {
        type: 'scatter',
        name: 'dominated runs',
        data: analysis.points.filter((p) => p.rank > 0).map(point),
        symbolSize: size,
        itemStyle: third ? { opacity: 0.8 } : { color: '#9aa4b5', opacity: 0.8 },
      },
      {
        type: 'scatter',
        name: 'non-dominated runs',
        data: front.map(point),
        symbolSize: (value: number[]) => size(value) + 4,
        itemStyle: { borderColor: FRONT_COLOR, borderWidth: 2.5, ...(third ? {} : { color: FRONT_COLOR }) },
        z: 3,
      },
      {
        type: 'line',
        name: 'front',
        data: frontOutline(
          front.map((p) => [p.values[0]!, p.values[1]!]),
          objectives[0]!.direction,
        ),
        showSymbol: false,
        lineStyle: { color: FRONT_COLOR, width: 1.5 },
        silent: true,
        z: 2,
      },
      {
        type: 'scatter',
        name: 'reference point',
        data: [{ value: analysis.reference.slice(0, 2), name: 'reference point' }],
        symbol: 'triangle',
        symbolSize: 12,
        itemStyle: { color: '#1c2330' },
      },
      ...frontLines,
    ],
  };
}

/** Each run's stored front in its first two objectives; non-dominated preference points drawn larger. */
function frontsOption(fronts: Front[], runs: Run[]): EChartsOption {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const usable = fronts.filter((f) => f.front && f.front.objectives.length >= 2);
  const names = usable[0]?.front?.objectives ?? ['objective 1', 'objective 2'];
  return {
    animation: false,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 70, right: 30, top: 40, bottom: 50 },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { seriesName: string; data: { value: number[]; preference: number[] } };
        return `${p.seriesName}<br/>preference ${p.data.preference.map((w) => w.toFixed(2)).join(' / ')}<br/>${p.data.value.map((v) => formatMetric(v)).join(', ')}`;
      },
    },
    xAxis: { type: 'value', name: names[0], nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: names[1], nameLocation: 'middle', nameGap: 50, scale: true },
    series: usable.map((f) => {
      const run = byId.get(f.runId);
      const points = [...f.front!.points].sort((a, b) => a.values[0]! - b.values[0]!);
      return {
        type: 'line',
        name: run ? runLabel(run) : f.runId,
        data: points.map((p) => ({ value: [p.values[0]!, p.values[1]!], preference: p.preference, symbolSize: p.nonDominated ? 9 : 4 })),
        lineStyle: { width: 1.5 },
      };
    }),
  };
}

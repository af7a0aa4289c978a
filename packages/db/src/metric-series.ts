import type { PrismaClient } from './generated/prisma/client.ts';

export interface MetricSeries {
  key: string;
  points: { step: number; value: number; time: Date }[];
}

export interface MetricSeriesQuery {
  runId: string;
  keys?: string[];
  /** Upper bound on points per series after downsampling. */
  maxPoints: number;
  /** Only steps in [fromStep, toStep] (a zoomed chart); the whole series when absent. */
  fromStep?: number;
  toStep?: number;
}

/**
 * One pass over the run's points per key, read through the (run_id, key_id, step) primary key:
 * the key ids come from latest_metric (one row per key of the run), the step span from the index
 * ends, and each bucket is reduced by plain aggregates in a hash table (no sort). Arrays compare
 * element-wise, so min(array[value, step]) names the bucket's minimum point (earliest on ties) and
 * max(array[value, -step]) its maximum; the chosen steps' values and times are then read one by one through the key.
 */
const SERIES_SQL = `
with keys as materialized (
  select l.key_id, k.name from latest_metric l join metric_key k on k.id = l.key_id
  where l.run_id = $1 and ($2::text[] is null or k.name = any($2::text[]))
), span as materialized (
  select keys.key_id, keys.name,
         coalesce($3::int, (select min(step) from metric_point m where m.run_id = $1 and m.key_id = keys.key_id)) as lo,
         coalesce($4::int, (select max(step) from metric_point m where m.run_id = $1 and m.key_id = keys.key_id)) as hi
  from keys
), agg as (
  select s.key_id, s.name,
         (min(array[p.value, p.step]))[2]::int as min_step,
         (-(max(array[p.value, -p.step]))[2])::int as max_step,
         max(p.step) as last_step
  from span s
  join metric_point p on p.run_id = $1 and p.key_id = s.key_id and p.step between s.lo and s.hi
  group by s.key_id, s.name,
           case when s.hi - s.lo + 1 <= $5 then p.step - s.lo
                else (p.step - s.lo)::int8 * $6 / (s.hi - s.lo + 1) end
), chosen as (
  select distinct agg.key_id, agg.name, v.step
  from agg, lateral (values (agg.min_step), (agg.max_step), (agg.last_step)) as v(step)
)
select c.name as key, c.step, v.value, v.time
from chosen c cross join lateral (
  -- limit 1 keeps this a per-point look-up: a plain subquery would be flattened into a hash join
  -- over the whole table.
  select m.value, m.time from metric_point m where m.run_id = $1 and m.key_id = c.key_id and m.step = c.step limit 1
) v
order by c.name, c.step`;

function seriesParams(opts: MetricSeriesQuery): unknown[] {
  const maxPoints = Math.max(3, Math.floor(opts.maxPoints));
  return [opts.runId, opts.keys ?? null, opts.fromStep ?? null, opts.toStep ?? null, maxPoints, Math.floor(maxPoints / 3)];
}

/**
 * A run's metric series, downsampled in SQL: a step range wider than maxPoints is cut into
 * floor(maxPoints / 3) equal parts and each part keeps its min, max and last point, so spikes
 * survive and no series returns more than maxPoints points. A narrower range returns every point.
 */
export async function queryMetricSeries(prisma: PrismaClient, opts: MetricSeriesQuery): Promise<MetricSeries[]> {
  const rows = await prisma.$queryRawUnsafe<{ key: string; step: number; value: number; time: Date }[]>(SERIES_SQL, ...seriesParams(opts));
  const series = new Map<string, MetricSeries>();
  for (const row of rows) {
    const s = series.get(row.key) ?? { key: row.key, points: [] };
    series.set(row.key, s);
    s.points.push({ step: Number(row.step), value: Number(row.value), time: row.time });
  }
  return [...series.values()];
}

/** The planner's plan for queryMetricSeries (EXPLAIN, or EXPLAIN ANALYZE), one line per element. */
export async function explainMetricSeries(prisma: PrismaClient, opts: MetricSeriesQuery, analyze = false): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
    `explain ${analyze ? '(analyze, buffers off)' : ''} ${SERIES_SQL}`,
    ...seriesParams(opts),
  );
  return rows.map((row) => row['QUERY PLAN']);
}

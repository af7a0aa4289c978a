import type { PrismaClient } from './generated/prisma/client.ts';

/** One metric value at a training step; the same shape as @tradeoff/experiments' MetricPoint. */
export interface MetricPointInput {
  key: string;
  step: number;
  value: number;
  time?: Date;
}

export interface MetricSeries {
  key: string;
  points: { step: number; value: number; time: Date }[];
}

/** Rows per INSERT; keeps each statement's parameters a few hundred kB. */
const CHUNK = 5000;

/** Metric names never change id, so each client remembers the ids it has seen. */
const keyIds = new WeakMap<PrismaClient, Map<string, number>>();

async function resolveKeys(prisma: PrismaClient, names: string[]): Promise<Map<string, number>> {
  const known = keyIds.get(prisma) ?? new Map<string, number>();
  keyIds.set(prisma, known);
  const missing = names.filter((n) => !known.has(n));
  if (missing.length > 0) {
    // Two statements, not one: a key created concurrently by another writer is invisible to the
    // snapshot of a single INSERT ... ON CONFLICT DO NOTHING, but visible to the next SELECT.
    await prisma.$executeRawUnsafe('insert into metric_key (name) select unnest($1::text[]) on conflict (name) do nothing', missing);
    const rows = await prisma.$queryRawUnsafe<{ id: number; name: string }[]>(
      'select id, name from metric_key where name = any($1::text[])',
      missing,
    );
    for (const row of rows) known.set(row.name, row.id);
  }
  return known;
}

/**
 * Upserts points on (run, key, step) in one statement per chunk (a re-run from a checkpoint
 * overwrites, never duplicates) and moves LatestMetric forward in the same statement.
 * Values travel as text so NaN and Infinity survive.
 */
export async function writeMetricPoints(prisma: PrismaClient, runId: string, points: MetricPointInput[]): Promise<void> {
  if (points.length === 0) return;
  // The last write of a (key, step) wins; ON CONFLICT may not touch one row twice per statement.
  const unique = new Map<string, MetricPointInput>();
  for (const p of points) {
    if (!Number.isInteger(p.step)) throw new Error(`metric ${p.key}: step must be an integer, got ${p.step}`);
    unique.set(`${p.step}\u0000${p.key}`, p);
  }
  const deduped = [...unique.values()];
  const ids = await resolveKeys(prisma, [...new Set(deduped.map((p) => p.key))]);
  const now = new Date().toISOString();
  for (let i = 0; i < deduped.length; i += CHUNK) {
    const chunk = deduped.slice(i, i + CHUNK);
    await prisma.$executeRawUnsafe(
      `with input as (
         select * from unnest($2::int[], $3::int[], $4::text[], $5::text[]) as t(key_id, step, value, time)
       ), points as (
         insert into metric_point (run_id, key_id, step, value, time)
         select $1, key_id, step, value::float8, time::timestamptz from input
         on conflict (run_id, key_id, step) do update set value = excluded.value, time = excluded.time
       )
       insert into latest_metric (run_id, key_id, step, value, time)
       select distinct on (key_id) $1, key_id, step, value::float8, time::timestamptz from input order by key_id, step desc
       on conflict (run_id, key_id) do update set step = excluded.step, value = excluded.value, time = excluded.time
       where latest_metric.step <= excluded.step`,
      runId,
      chunk.map((p) => ids.get(p.key)!),
      chunk.map((p) => p.step),
      chunk.map((p) => String(p.value)),
      chunk.map((p) => p.time?.toISOString() ?? now),
    );
  }
}

/**
 * A run's metric series, downsampled in SQL: a series longer than maxPoints is cut into
 * floor(maxPoints / 3) equal step ranges and each range keeps its min, max and last point, so
 * spikes survive and no series returns more than maxPoints points.
 */
export async function queryMetricSeries(
  prisma: PrismaClient,
  opts: { runId: string; keys?: string[]; maxPoints: number },
): Promise<MetricSeries[]> {
  const maxPoints = Math.max(3, Math.floor(opts.maxPoints));
  const rows = await prisma.$queryRawUnsafe<{ key: string; step: number; value: number; time: Date }[]>(
    `with pts as (
       select k.name, p.key_id, p.step, p.value, p.time
       from metric_point p join metric_key k on k.id = p.key_id
       where p.run_id = $1 and ($2::text[] is null or k.name = any($2::text[]))
     ), span as (
       select key_id, count(*) as n, min(step) as lo, max(step) as hi from pts group by key_id
     ), bucketed as (
       select pts.*, case when span.n <= $3 then pts.step
                          else floor((pts.step - span.lo)::float8 * $4 / (span.hi - span.lo + 1))::int end as bucket
       from pts join span using (key_id)
     ), ranked as (
       select *, row_number() over (partition by key_id, bucket order by value, step) as r_min,
                 row_number() over (partition by key_id, bucket order by value desc, step) as r_max,
                 row_number() over (partition by key_id, bucket order by step desc) as r_last
       from bucketed
     )
     select name as key, step, value, time from ranked
     where r_min = 1 or r_max = 1 or r_last = 1
     order by name, step`,
    opts.runId,
    opts.keys ?? null,
    maxPoints,
    Math.floor(maxPoints / 3),
  );
  const series = new Map<string, MetricSeries>();
  for (const row of rows) {
    const s = series.get(row.key) ?? { key: row.key, points: [] };
    series.set(row.key, s);
    s.points.push({ step: row.step, value: Number(row.value), time: row.time });
  }
  return [...series.values()];
}

/** The newest value of every metric of the given runs: `{ runId: { key: value } }`. */
export async function getLatestMetrics(prisma: PrismaClient, runIds: string[]): Promise<Record<string, Record<string, number>>> {
  const rows = await prisma.latestMetric.findMany({ where: { runId: { in: runIds } }, include: { key: true } });
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) out[row.runId] = { ...out[row.runId], [row.key.name]: row.value };
  return out;
}

import { poolOf } from './client.ts';
import type { PrismaClient } from './generated/prisma/client.ts';

/** One metric value at a training step; the same shape as @tradeoff/experiments' MetricPoint. */
export interface MetricPointInput {
  key: string;
  step: number;
  value: number;
  time?: Date;
}

/**
 * Points per statement. Larger chunks mean fewer round trips; at 20k the four array parameters
 * are about 1 MB together, well within what Postgres and the embedded server parse quickly.
 */
const CHUNK = 20_000;
/** Statements in flight at once for one call, and the smallest chunk worth a second connection. */
const PARALLEL = 2;
const MIN_SPLIT = 2_000;

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
 * Points upserted on (run, key, step), and in the same statement the newest point per key moved
 * into latest_metric unless a higher step is already there. The newest points are picked here, so
 * the database sorts nothing.
 *
 * An ON CONFLICT insert costs about twice a plain one, and a run almost always logs steps it has
 * not logged before. So one index range probe asks whether the run has any point of these keys in
 * the chunk's step range: if not, the points go in with a plain INSERT; if so (a resumed run
 * re-sending steps), with the upsert. A writer racing on the same steps makes the plain INSERT fail
 * with a unique violation; that chunk is then sent again with $12 forcing the upsert.
 */
const UPSERT = `
  with input as (
    select key_id, step, value, to_timestamp(ms / 1000) as time
    from unnest($2::int[], $3::int[], $4::float8[], $5::float8[]) as t(key_id, step, value, ms)
  ), resent as (
    select $12::boolean or exists (
      select 1 from metric_point where run_id = $1 and key_id = any($6::int[]) and step between $10 and $11
    ) as yes
  ), fresh_points as (
    insert into metric_point (run_id, key_id, step, value, time)
    select $1, key_id, step, value, time from input where not (select yes from resent)
  ), resent_points as (
    insert into metric_point (run_id, key_id, step, value, time)
    select $1, key_id, step, value, time from input where (select yes from resent)
    on conflict (run_id, key_id, step) do update set value = excluded.value, time = excluded.time
  )
  insert into latest_metric (run_id, key_id, step, value, time)
  select $1, key_id, step, value, to_timestamp(ms / 1000) from unnest($6::int[], $7::int[], $8::float8[], $9::float8[]) as t(key_id, step, value, ms)
  on conflict (run_id, key_id) do update set step = excluded.step, value = excluded.value, time = excluded.time
  where latest_metric.step <= excluded.step`;

/** Postgres' unique_violation: another writer inserted one of the chunk's points first. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

interface Columns {
  keyId: number[];
  step: number[];
  value: number[];
  ms: number[];
}

/**
 * Upserts points on (run, key, step) (a re-run from a checkpoint overwrites, never duplicates)
 * and moves LatestMetric forward. Goes straight to the pg pool under the Prisma client: Prisma's
 * parameter handling costs more than the insert itself at this volume. Arrays of float8 carry
 * NaN and Infinity as Postgres spells them, so they survive.
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
  const now = Date.now();
  // Two statements at a time on their own connections: Postgres runs each on one core, so a
  // large batch is cut in two (chunks hold disjoint points; only latest_metric rows are shared,
  // locked in key order by both, so one waits for the other instead of deadlocking).
  const size = deduped.length >= 2 * MIN_SPLIT ? Math.min(CHUNK, Math.ceil(deduped.length / PARALLEL)) : CHUNK;
  const chunks: MetricPointInput[][] = [];
  for (let i = 0; i < deduped.length; i += size) chunks.push(deduped.slice(i, i + size));
  const pool = poolOf(prisma);
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const params = upsertParams(runId, chunk, ids, now);
      await pool.query(UPSERT, [...params, false]).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        return pool.query(UPSERT, [...params, true]);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, chunks.length) }, worker));
}

/** The statement's parameters for one chunk: the points as columns, and the newest point per key. */
function upsertParams(runId: string, chunk: MetricPointInput[], ids: Map<string, number>, now: number): (string | number)[] {
  const all: Columns = { keyId: [], step: [], value: [], ms: [] };
  const newest = new Map<number, number>();
  let [minStep, maxStep] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [j, p] of chunk.entries()) {
    minStep = Math.min(minStep, p.step);
    maxStep = Math.max(maxStep, p.step);
    const keyId = ids.get(p.key)!;
    all.keyId.push(keyId);
    all.step.push(p.step);
    all.value.push(p.value);
    all.ms.push(p.time?.getTime() ?? now);
    const best = newest.get(keyId);
    if (best === undefined || p.step > all.step[best]!) newest.set(keyId, j);
  }
  const latest = [...newest.entries()].sort(([a], [b]) => a - b).map(([, j]) => j);
  const pick = (column: number[]) => arrayLiteral(latest.map((j) => column[j]!));
  return [
    runId,
    arrayLiteral(all.keyId),
    arrayLiteral(all.step),
    arrayLiteral(all.value),
    arrayLiteral(all.ms),
    pick(all.keyId),
    pick(all.step),
    pick(all.value),
    pick(all.ms),
    minStep,
    maxStep,
  ];
}

/**
 * `{1,2.5,NaN,-Infinity}`: numbers need no quoting, and joining them is several times cheaper than
 * pg's general array serialisation, which quotes and escapes every element.
 */
function arrayLiteral(values: number[]): string {
  return `{${values.join(',')}}`;
}

/** The newest value of every metric of the given runs: `{ runId: { key: value } }`. */
export async function getLatestMetrics(prisma: PrismaClient, runIds: string[]): Promise<Record<string, Record<string, number>>> {
  const rows = await prisma.latestMetric.findMany({ where: { runId: { in: runIds } }, include: { key: true } });
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) out[row.runId] = { ...out[row.runId], [row.key.name]: row.value };
  return out;
}

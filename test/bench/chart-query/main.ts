// Chart queries on one run with 1,000,000 metric points, on Postgres and the embedded PGlite: the
// SQL-downsampled series (at most 2,000 points) for the whole range and for zoomed ranges, against
// reading every point of the series (what a chart without server-side downsampling would fetch).
// Usage: npm run bench -- chart-query [--points 1000000]
import { explainMetricSeries, queryMetricSeries } from '@tradeoff/db';
import { createTestRun, openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';

import { printTable, timeAsync } from '../../src/bench-report.ts';

const pointsArg = process.argv.indexOf('--points');
const N = pointsArg > 0 ? Number(process.argv[pointsArg + 1]) : 1_000_000;
const MAX_POINTS = 2000;
const KEY = 'train/loss';

/** 1M points are inserted in SQL: the ingestion path has its own benchmark; this one measures reads. */
async function seedSeries(store: TestStore): Promise<string> {
  const run = await createTestRun(store);
  const key = await store.prisma.metricKey.upsert({ where: { name: KEY }, create: { name: KEY }, update: {} });
  await store.prisma.$executeRawUnsafe(
    `insert into metric_point (run_id, key_id, step, value, time)
     select $1, $2, s, exp(-s / 200000.0) + 0.05 * sin(s / 97.0), now() - make_interval(secs => ($3 - s) / 100.0)
     from generate_series(0, $3 - 1) s`,
    run.id,
    key.id,
    N,
  );
  await store.prisma.latestMetric.create({ data: { runId: run.id, keyId: key.id, step: N - 1, value: 0, time: new Date() } });
  await store.prisma.$executeRawUnsafe('analyze metric_point');
  return run.id;
}

const rows: string[][] = [];
for (const kind of await storeKinds()) {
  const store = await openTestStore(kind);
  try {
    const started = performance.now();
    const runId = await seedSeries(store);
    console.log(`[${kind}] inserted ${N.toLocaleString('en')} points in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const cases = [
      { name: 'whole range', fromStep: undefined, toStep: undefined },
      { name: 'zoom 10%', fromStep: Math.floor(N * 0.45), toStep: Math.floor(N * 0.55) },
      { name: 'zoom 0.1%', fromStep: Math.floor(N * 0.5), toStep: Math.floor(N * 0.501) },
    ];
    const raw = await timeAsync(() => store.prisma.metricPoint.findMany({ where: { runId }, select: { step: true, value: true, time: true } }), 3);
    for (const c of cases) {
      const query = { runId, keys: [KEY], maxPoints: MAX_POINTS, fromStep: c.fromStep, toStep: c.toStep };
      const [series] = await queryMetricSeries(store.prisma, query);
      const timing = await timeAsync(() => queryMetricSeries(store.prisma, query));
      const plan = (await explainMetricSeries(store.prisma, query)).join('\n');
      // The bucketing scan (p) and the look-up of the chosen points (m) should both go through the primary key.
      const scan = (alias: string) =>
        new RegExp(`Seq Scan on metric_point ${alias}\\b`).test(plan) ? 'seq' : new RegExp(`Bitmap Heap Scan on metric_point ${alias}\\b`).test(plan) ? 'pkey bitmap' : 'pkey index';
      const access = `${scan('p')} / ${scan('m')}`;
      rows.push([
        kind,
        c.name,
        String(series?.points.length ?? 0),
        timing.medianMs.toFixed(1),
        timing.minMs.toFixed(1),
        access,
        c.name === 'whole range' ? `${raw.medianMs.toFixed(0)} ms (${(raw.medianMs / timing.medianMs).toFixed(1)}x)` : '',
      ]);
    }
  } finally {
    await store.destroy();
  }
}
console.log(`\nChart query on one run with ${N.toLocaleString('en')} points of one metric, at most ${MAX_POINTS} points returned (median of 5)`);
printTable(['store', 'range', 'points returned', 'median ms', 'min ms', 'scan / look-up', 'reading all points instead'], rows);

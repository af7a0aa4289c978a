// Metric ingestion into the store, on Postgres and the embedded PGlite: writeMetricPoints called
// directly, and the SDK (`run.log` + `run.flush`) over HTTP through the API, in batches of 1, 100,
// 1,000 and 10,000 points; plus the SDK's own batching. The reference is one INSERT per point.
// Usage: npm run bench -- metric-ingest [--scale 0.2]
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';

import { createTradeoffClient, hashToken } from '@tradeoff/api';
import { serveApi } from '@tradeoff/api/testing';
import { openRunQueue, poolOf, writeMetricPoints } from '@tradeoff/db';
import { createTestRun, openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';

import { printTable } from '../../src/bench-report.ts';
import { cpuBetween, readCpu } from './cpu-meter.ts';

const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const KEYS = Array.from({ length: 10 }, (_, k) => `train/metric_${k}`);
/** Points per case: enough batches to time, bounded so batch size 1 still ends in seconds. */
const POINTS: Record<number, number> = { 1: 1_000, 100: 20_000, 1000: 100_000, 10000: 200_000 };
const SINGLE_ROW_POINTS = 2_000;

const scaled = (n: number) => Math.max(10, Math.round(n * SCALE));

/** The i-th point of a run: ten metrics per step, like a trainer logging a handful of losses. */
const point = (i: number) => ({ key: KEYS[i % KEYS.length]!, step: Math.floor(i / KEYS.length), value: Math.sin(i) });

interface Timing {
  points: number;
  seconds: number;
  cpu: number;
}

interface Case extends Timing {
  path: string;
  store: string;
  batch: string;
}

/** The Postgres database the CPU meter watches (none for PGlite: it runs in this process). */
let database: string | undefined;

async function timed(points: number, run: () => Promise<void>): Promise<Timing> {
  const cpuBefore = await readCpu(database);
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  return { points, seconds, cpu: cpuBetween(cpuBefore, await readCpu(database)) };
}

/** The reference: one INSERT ... ON CONFLICT statement per point, on one connection. */
async function singleRowInserts(store: TestStore): Promise<Timing> {
  const run = await createTestRun(store);
  await writeMetricPoints(store.prisma, run.id, KEYS.map((key) => ({ key, step: 0, value: 0 })));
  const ids = new Map((await store.prisma.metricKey.findMany({ where: { name: { in: KEYS } } })).map((k) => [k.name, k.id]));
  const client = await poolOf(store.prisma).connect();
  try {
    const n = scaled(SINGLE_ROW_POINTS);
    return await timed(n, async () => {
      for (let i = KEYS.length; i < n + KEYS.length; i++) {
        const p = point(i);
        await client.query(
          `insert into metric_point (run_id, key_id, step, value, time) values ($1, $2, $3, $4, now())
           on conflict (run_id, key_id, step) do update set value = excluded.value, time = excluded.time`,
          [run.id, ids.get(p.key), p.step, p.value],
        );
      }
    });
  } finally {
    client.release();
  }
}

async function directBatches(store: TestStore, batch: number) {
  const run = await createTestRun(store);
  await writeMetricPoints(store.prisma, run.id, [point(0)]);
  const n = scaled(POINTS[batch]!);
  return timed(n, async () => {
    for (let start = 0; start < n; start += batch) {
      const points = [];
      for (let i = start; i < Math.min(n, start + batch); i++) points.push(point(i));
      await writeMetricPoints(store.prisma, run.id, points);
    }
  });
}

async function main() {
  const rows: Case[] = [];
  const reference = new Map<string, number>();
  for (const kind of await storeKinds()) {
    const store = await openTestStore(kind);
    database = kind === 'postgres' ? new URL(store.url).pathname.slice(1) : undefined;
    const queue = await openRunQueue(store.url);
    const server = await serveApi({ prisma: store.prisma, queue });
    try {
      const token = `bench-${randomBytes(8).toString('hex')}`;
      const user = await store.prisma.user.create({ data: { email: `${token}@example.com`, role: 'member' } });
      await store.prisma.apiToken.create({ data: { name: 'bench', userId: user.id, tokenHash: hashToken(token) } });
      const t = createTradeoffClient({ url: server.url, token });

      const single = await singleRowInserts(store);
      reference.set(kind, single.points / single.seconds);
      rows.push({ path: 'single-row INSERT (reference)', store: kind, batch: '1', ...single });

      for (const batch of [1, 100, 1_000, 10_000]) {
        rows.push({ path: 'writeMetricPoints (direct)', store: kind, batch: String(batch), ...(await directBatches(store, batch)) });
      }
      for (const batch of [1, 100, 1_000, 10_000]) {
        const run = await t.tracking.startRun({ project: 'bench', experiment: 'metric ingest' }, { batchSize: Number.MAX_SAFE_INTEGER, flushIntervalMs: 3_600_000 });
        run.log({ [KEYS[0]!]: 0 }, 0);
        await run.flush();
        const n = scaled(POINTS[batch]!);
        // One request per batch: log `batch` points, then wait for the server to store them.
        const result = await timed(n, async () => {
          for (let start = 0; start < n; start += batch) {
            for (let i = start; i < Math.min(n, start + batch); i++) {
              const p = point(i);
              run.log({ [p.key]: p.value }, p.step);
            }
            await run.flush();
          }
        });
        await run.finish();
        rows.push({ path: 'SDK over HTTP, flush per batch', store: kind, batch: String(batch), ...result });
      }
      // The SDK as a program uses it: log as fast as it can, sends batches in the background.
      const run = await t.tracking.startRun({ project: 'bench', experiment: 'metric ingest' });
      const n = scaled(POINTS[10_000]!);
      const result = await timed(n, async () => {
        for (let i = 0; i < n; i++) {
          const p = point(i);
          run.log({ [p.key]: p.value }, p.step);
        }
        await run.flush();
      });
      await run.finish();
      rows.push({ path: 'SDK over HTTP, automatic batching', store: kind, batch: 'auto (10,000)', ...result });
      const stored = await store.prisma.metricPoint.count({ where: { runId: run.id } });
      if (stored !== n) throw new Error(`[${kind}] the SDK run stored ${stored} of ${n} points`);
    } finally {
      await server.close();
      await queue.stop({ timeoutMs: 5_000 });
      await store.destroy();
    }
  }

  console.log(`\nMetric ingestion (10 metrics per step; load average ${loadavg()[0]!.toFixed(1)} at the end; scale ${SCALE})`);
  console.log('points/CPU-s: points per CPU second of this process (client, API, PGlite) plus the Postgres backends of the test database;');
  console.log('on an idle machine one stream runs at about that rate, whatever the load was during the measurement.');
  printTable(
    ['path', 'store', 'batch', 'points', 'seconds', 'points/s', 'vs single-row INSERT', 'points/CPU-s', 'vs single-row (CPU)'],
    rows.map((r) => {
      const rate = r.points / r.seconds;
      const perCpu = r.points / r.cpu;
      const single = rows.find((c) => c.store === r.store && c.path.startsWith('single-row'))!;
      return [
        r.path,
        r.store,
        r.batch,
        r.points.toLocaleString('en'),
        r.seconds.toFixed(2),
        Math.round(rate).toLocaleString('en'),
        `${(rate / reference.get(r.store)!).toFixed(1)}x`,
        Math.round(perCpu).toLocaleString('en'),
        `${(perCpu / (single.points / single.cpu)).toFixed(1)}x`,
      ];
    }),
  );
}

await main();

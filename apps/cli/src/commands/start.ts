import { resolve } from 'node:path';

import { createCaller, createContext } from '@tradeoff/api';
import { openRunQueue, openStore, type Store } from '@tradeoff/db';
import { z } from 'zod';

import { CliError, EXIT } from '../cli-error.ts';
import { cliEnv } from '../env.ts';
import { redactUrl } from '../redact-url.ts';
import { stopChild, waitForHttp } from '../start/child-process.ts';
import { buildDashboard, startDashboard } from '../start/dashboard.ts';
import { ensureDemoExperiment } from '../start/demo.ts';
import { ensureFirstAdmin, signInHint } from '../start/first-admin.ts';
import { superviseWorker } from '../start/worker-child.ts';

const startOptionsSchema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
});

const DASHBOARD_READY_TIMEOUT_MS = 120_000;

/**
 * `tradeoff start`: the store (embedded unless DATABASE_URL), migrations, a demo experiment on
 * first run, a worker and the dashboard, until SIGINT or SIGTERM.
 */
export async function start(flags: { port?: string }): Promise<void> {
  const env = cliEnv();
  const requested = flags.port ?? env.PORT ?? 3000;
  const parsed = startOptionsSchema.safeParse({ port: requested });
  if (!parsed.success) throw new CliError(`--port: expected a port number 1..65535, got ${JSON.stringify(requested)}`, EXIT.badInput);
  const { port } = parsed.data;
  const startedAt = Date.now();

  // Named here (the store's own default is the same) so that where the data lives can be printed.
  const home = resolve(env.TRADEOFF_HOME ?? '.tradeoff');
  // The dashboard build (a child process) and the store's start-up (migrations included) overlap.
  const [store] = await Promise.all([openStore({ databaseUrl: env.DATABASE_URL, home }), buildDashboard()]);
  console.log(
    store.embedded
      ? `store: embedded PostgreSQL (PGlite), data in ${home}, served at ${redactUrl(store.url)}`
      : `store: ${redactUrl(store.url)}`,
  );
  await createDemoIfEmpty(store);
  const admin = await ensureFirstAdmin(store.prisma, { email: env.TRADEOFF_ADMIN_EMAIL, password: env.TRADEOFF_ADMIN_PASSWORD });

  const worker = superviseWorker({ databaseUrl: store.url });
  const dashboard = startDashboard({ port, databaseUrl: store.url });
  let stopping = false;
  let dashboardDied = false;
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    dashboard.once('exit', (code, signal) => {
      dashboardDied = !stopping;
      resolve(`dashboard exited (${signal ?? `code ${code}`})`);
    });
  });

  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${port}/`, DASHBOARD_READY_TIMEOUT_MS, () => !stopping && dashboard.exitCode === null),
      stopped,
    ]);
    if (dashboard.exitCode === null) {
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      console.log(`\n${signInHint(`http://127.0.0.1:${port}`, admin)}`);
      console.log(`Tradeoff is running at http://localhost:${port} (ready in ${seconds} s; Ctrl+C stops it)\n`);
    }
    const reason = await stopped;
    console.log(`stopping (${reason})...`);
  } finally {
    stopping = true;
    await Promise.all([stopChild(dashboard), worker.stop()]);
    await store.close();
  }
  if (dashboardDied) {
    throw new CliError('the dashboard stopped unexpectedly (see its output above)', EXIT.failed);
  }
}

async function createDemoIfEmpty(store: Store): Promise<void> {
  const queue = await openRunQueue(store.url);
  try {
    await ensureDemoExperiment(createCaller(createContext({ prisma: store.prisma, queue, trusted: true })), store.prisma);
  } finally {
    await queue.stop();
  }
}

import type { ChildProcess } from 'node:child_process';

import { prettyFactory } from 'pino-pretty';

import { spawnChild, stopChild } from './child-process.ts';
import { cliBin } from './repo-paths.ts';

const RESTART_DELAY_MS = 2_000;

/**
 * The platform's worker as a child process: training holds its event loop for whole steps, which
 * must not stall the embedded database this process serves. Restarted if it dies; its stale runs
 * are resumed from their checkpoints by the new one.
 */
export function superviseWorker(opts: { databaseUrl: string }): { stop(): Promise<void> } {
  const prettify = prettyFactory({
    colorize: Boolean(process.stdout.isTTY),
    ignore: 'pid,hostname,name,workerId,runId,attempt',
    messageFormat: '{if runId}run {runId}: {end}{msg}',
  });
  let child: ChildProcess | null = null;
  let stopping = false;

  const launch = () => {
    child = spawnChild(process.execPath, [cliBin(), 'worker'], {
      env: { ...process.env, DATABASE_URL: opts.databaseUrl },
      onLine: (line) => process.stdout.write(line.startsWith('{') ? `[worker] ${prettify(line)}` : `[worker] ${line}\n`),
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`[worker] exited (${signal ?? `code ${code}`}); restarting in ${RESTART_DELAY_MS / 1000} s`);
      setTimeout(() => !stopping && launch(), RESTART_DELAY_MS);
    });
  };
  launch();

  return {
    async stop() {
      stopping = true;
      if (child) await stopChild(child, 15_000);
    },
  };
}

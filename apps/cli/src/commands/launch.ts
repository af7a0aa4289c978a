import { createTradeoffClient } from '@tradeoff/api';
import type { Spec } from '@tradeoff/experiments';
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';

import { CliError, EXIT } from '../cli-error.ts';
import { cliEnv } from '../env.ts';
import { loadSpec } from '../load-spec.ts';
import { openLocalApi } from '../local-api.ts';
import { absoluteDataPaths } from '../spec-paths.ts';

export interface LaunchOptions {
  set: string[];
  url?: string;
  token?: string;
  wait?: boolean;
}

interface RunState {
  id: string;
  status: string;
  error: string | null;
  final: Record<string, number> | null;
}

/** The two ways to reach the API: its router in this process (on the store), or a server over HTTP. */
interface LaunchApi {
  create(spec: Spec): Promise<{ id: string; runs: { id: string }[] }>;
  runs(experimentId: string): Promise<RunState[]>;
  close(): Promise<void>;
}

const ENDED = new Set(['finished', 'failed', 'cancelled']);
const POLL_MS = 2_000;

/** `tradeoff launch SPEC`: creates the experiment and queues its runs; `--wait` follows them to the end. */
export async function launch(specPath: string, opts: LaunchOptions): Promise<void> {
  // Validated here first so a bad spec names this file; relative data paths are made absolute
  // because the worker that runs it has another working directory.
  const spec = absoluteDataPaths(await loadSpec(specPath, opts.set));
  const env = cliEnv();
  const url = opts.url ?? env.TRADEOFF_URL;
  const api = url ? remoteApi(url, opts.token ?? env.TRADEOFF_TOKEN) : await localApi();
  try {
    const experiment = await api.create(spec).catch(rethrowBadInput);
    console.log(`experiment ${experiment.id}`);
    for (const run of experiment.runs) console.log(`run ${run.id}`);
    if (opts.wait) await waitForRuns(api, experiment.id);
  } finally {
    await api.close();
  }
}

async function waitForRuns(api: LaunchApi, experimentId: string): Promise<void> {
  const seen = new Map<string, string>();
  for (;;) {
    const runs = await api.runs(experimentId);
    for (const run of runs) {
      if (seen.get(run.id) === run.status) continue;
      seen.set(run.id, run.status);
      const detail = run.status === 'failed' ? `: ${run.error}` : run.final ? ` ${JSON.stringify(run.final)}` : '';
      console.error(`run ${run.id} ${run.status}${detail}`);
    }
    if (runs.every((run) => ENDED.has(run.status))) {
      const unfinished = runs.filter((run) => run.status !== 'finished').length;
      if (unfinished > 0) throw new CliError(`${unfinished} of ${runs.length} runs did not finish`, EXIT.failed);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The server's input errors (a spec it rejects) are bad input too, like a local SpecError. */
function rethrowBadInput(error: unknown): never {
  const code = error instanceof TRPCClientError ? error.data?.code : error instanceof TRPCError ? error.code : undefined;
  if (code === 'BAD_REQUEST') throw new CliError((error as Error).message, EXIT.badInput);
  throw error;
}

async function localApi(): Promise<LaunchApi> {
  const { caller, close } = await openLocalApi();
  return {
    create: (spec) => caller.experiments.create({ spec }),
    runs: (experimentId) => caller.runs.list({ experimentId }),
    close,
  };
}

function remoteApi(url: string, token: string | undefined): LaunchApi {
  // Accept the server's address as well as its tRPC endpoint.
  const endpoint = /\/api\/trpc\/?$/.test(url) ? url : `${url.replace(/\/+$/, '')}/api/trpc`;
  const client = createTradeoffClient({ url: endpoint, token });
  return {
    create: (spec) => client.experiments.create.mutate({ spec }),
    runs: (experimentId) => client.runs.list.query({ experimentId }),
    async close() {},
  };
}

import { createTradeoffClient } from '@tradeoff/api';
import type { Spec } from '@tradeoff/experiments';
import { TRPCClientError } from '@trpc/client';

import { CliError, EXIT } from '../cli-error.ts';
import { asCliError, openLocalApi } from '../local-api.ts';

export interface StoredRun {
  id: string;
  status: 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';
  progress: number;
  progressLabel: string | null;
  error: string | null;
  final: Record<string, number> | null;
}

/** What `tradeoff ci` needs of the store: read a run (the baseline, or the launched one) and launch. */
export interface CiStore {
  getRun(runId: string): Promise<StoredRun | null>;
  /** Creates the experiment and queues its single run; returns the run id. */
  launch(spec: Spec): Promise<string>;
  /** Idempotent. */
  close(): Promise<void>;
}

const isNotFound = (error: unknown) => (error as { code?: string; data?: { code?: string } }).code === 'NOT_FOUND' || (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';

/** A server's refusal as one line: a bad token or input is bad input (exit 2); an unreachable server a failure. */
function remoteError(url: string, error: unknown): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const code = (error.data as { code?: string } | undefined)?.code;
  if (!code) return new CliError(`--url ${url}: ${error.message}`, EXIT.failed);
  const badInput = ['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'].includes(code);
  return new CliError(`${url}: ${error.message} (${code})`, badInput ? EXIT.badInput : EXIT.failed);
}

/** The store through a running server (`url`, with an API token), else directly (DATABASE_URL or the embedded one). */
export async function openCiStore(remote: { url?: string; token?: string }): Promise<CiStore> {
  if (remote.url) {
    const endpoint = /\/api\/trpc\/?$/.test(remote.url) ? remote.url : `${remote.url.replace(/\/+$/, '')}/api/trpc`;
    const client = createTradeoffClient({ url: endpoint, token: remote.token });
    return {
      getRun: (runId) =>
        client.runs.get.query({ id: runId }).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(remoteError(endpoint, error)))),
      launch: async (spec) => (await client.experiments.create.mutate({ spec }).catch((error: unknown) => Promise.reject(remoteError(endpoint, error)))).runs[0]!.id,
      async close() {},
    };
  }
  const { caller, close } = await openLocalApi();
  let closing: Promise<void> | undefined;
  return {
    getRun: (runId) => caller.runs.get({ id: runId }).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(asCliError(error)))),
    launch: async (spec) => (await caller.experiments.create({ spec }).catch((error: unknown) => Promise.reject(asCliError(error)))).runs[0]!.id,
    // Closed once: ci lets go of the store before an in-process run and again at the end.
    close: () => (closing ??= close()),
  };
}

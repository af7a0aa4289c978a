import { createTradeoffClient } from '@tradeoff/api';
import type { Spec } from '@tradeoff/experiments';
import { TRPCClientError } from '@trpc/client';

import { CliError, EXIT } from './cli-error.ts';
import { asCliError, openLocalApi } from './local-api.ts';

export interface StoredRun {
  id: string;
  status: 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';
  progress: number;
  progressLabel: string | null;
  error: string | null;
  final: Record<string, number> | null;
}

/**
 * What `launch` and `ci` need of the API, the same whether it is reached through a running server
 * or in this process on the store. Every refusal comes out as a CliError.
 */
export interface TradeoffApi {
  /** Creates the experiment and queues its runs. */
  createExperiment(spec: Spec): Promise<{ id: string; runs: { id: string }[] }>;
  listRuns(experimentId: string): Promise<StoredRun[]>;
  /** null when the store has no such run. */
  getRun(runId: string): Promise<StoredRun | null>;
  /** Idempotent. */
  close(): Promise<void>;
}

const isNotFound = (error: unknown) =>
  (error as { code?: string }).code === 'NOT_FOUND' || (error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';

/** A server's refusal as one line: a bad token or input is bad input (exit 2); an unreachable server a failure. */
function remoteError(endpoint: string, error: unknown): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const code = (error.data as { code?: string } | undefined)?.code;
  if (!code) return new CliError(`--url ${endpoint}: ${error.message}`, EXIT.failed);
  const badInput = ['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'].includes(code);
  return new CliError(`${endpoint}: ${error.message} (${code})`, badInput ? EXIT.badInput : EXIT.failed);
}

/** The API of the server at `url` (with an API token), else of the store itself (DATABASE_URL or the embedded one). */
export async function openApi(remote: { url?: string; token?: string }): Promise<TradeoffApi> {
  if (remote.url) {
    // Accept the server's address as well as its tRPC endpoint.
    const endpoint = /\/api\/trpc\/?$/.test(remote.url) ? remote.url : `${remote.url.replace(/\/+$/, '')}/api/trpc`;
    const client = createTradeoffClient({ url: endpoint, token: remote.token });
    const refused = (error: unknown) => Promise.reject(remoteError(endpoint, error));
    return {
      createExperiment: (spec) => client.experiments.create.mutate({ spec }).catch(refused),
      listRuns: (experimentId) => client.runs.list.query({ experimentId }).catch(refused),
      getRun: (runId) => client.runs.get.query({ id: runId }).catch((error: unknown) => (isNotFound(error) ? null : refused(error))),
      async close() {},
    };
  }
  const { caller, close } = await openLocalApi();
  const refused = (error: unknown) => Promise.reject(asCliError(error));
  let closing: Promise<void> | undefined;
  return {
    createExperiment: (spec) => caller.experiments.create({ spec }).catch(refused),
    listRuns: (experimentId) => caller.runs.list({ experimentId }).catch(refused),
    getRun: (runId) => caller.runs.get({ id: runId }).catch((error: unknown) => (isNotFound(error) ? null : refused(error))),
    // Closed once: ci lets go of the store before an in-process run and again at the end.
    close: () => (closing ??= close()),
  };
}

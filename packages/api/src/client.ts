import { createTradeoffClient as createHttpClient, type TradeoffClient as HttpClient, type TradeoffClientOptions } from './http-client.ts';
import type { AppRouter } from './root.ts';

export type { TradeoffClientOptions };

/** Every procedure of the API, typed, plus `tracking`: the SDK for runs this program executes. */
export type TradeoffClient = HttpClient<AppRouter>;

/**
 * A typed client for scripts, CI and the CLI: `t.experiments.list.query()`, and
 * `await t.tracking.startRun({ project, experiment, params })` to log a run of your own program.
 */
export function createTradeoffClient(opts: TradeoffClientOptions): TradeoffClient {
  return createHttpClient<AppRouter>(opts);
}
